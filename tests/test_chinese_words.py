"""What the Chinese interface still said in English or as Python writes it, said in words."""

from __future__ import annotations

import pytest

from .helpers import Run


@pytest.mark.parametrize(
    ("lang", "args", "message"),
    [
        (
            "en", ("--counts", "完工"),
            "--counts 完工 names a stage, and the indicator has no stages; give the stages with --stages "
            "(e.g. --stages 开工,完工), or leave out --counts",
        ),
        (
            "zh", ("--counts", "完工"),
            "--counts 完工 指定的是阶段，但该指标未设阶段；请用 --stages 给出阶段（如 --stages 开工,完工），"
            "或去掉 --counts",
        ),
        (
            "en", ("--stage-target", "开工=5"),
            "the schedule of '开工' is of a stage, and the indicator has no stages; give the stages with "
            "--stages, or remove it with --no-stage-schedule 开工",
        ),
        (
            "zh", ("--stage-target", "开工=5"),
            "进度安排的阶段 '开工' 无从安排：该指标未设阶段；请用 --stages 给出阶段，或用 "
            "--no-stage-schedule 开工 去掉",
        ),
        (
            "zh", ("--stages", "开工,完工", "--counts", "投用"),
            "--counts 投用 不在阶段 开工、完工 之中；请指定其中一个阶段，或给出 --stages",
        ),
    ],
)  # fmt: skip
def test_stages_are_named_as_words_and_none_is_said(
    plan: Run, lang: str, args: tuple[str, ...], message: str
) -> None:
    result = plan("--lang", lang, "add-indicator", "1", "测试", "--target", "10", "--unit", "个", *args)
    error = "shishi: 错误：" if lang == "zh" else "shishi: error: "
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", f"{error}{message}\n")
    assert "[" not in result.stderr
