"""numbers.py: quantities as people type them, parsed to exact Decimals, and back to text."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shishi_cli.errors import InputError
from shishi_cli.numbers import (
    LIMIT,
    format_decimal,
    format_grouped,
    month_of,
    parse_quantity,
    parse_trajectory,
    split_names,
    storable,
    to_decimal,
)

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- every accepted form -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("35万", "人", "350000"),
        ("18.04万", "人", "180400"),
        ("3.81万", "个", "38100"),
        ("1.2亿", "元", "120000000"),
        ("3,700", "个", "3700"),
        ("1,234,567.5", "", "1234567.5"),
        ("３５万", "人", "350000"),  # full-width digits
        ("３，７００", "个", "3700"),  # full-width digits and comma
        ("１８．０４万", "人", "180400"),  # full-width point
        ("2960万元", "元", "29600000"),  # magnitude + the indicator's unit
        ("1.2亿元", "万元", "12000"),  # the indicator's own 万 is divided out
        ("5万元", "万元", "5"),
        ("196", "万平方米", "196"),
        ("196万", "万平方米", "196"),
        ("196万平方米", "万平方米", "196"),
        ("154", "万平方米", "154"),
        ("0.5", "个百分点", "0.5"),
        ("0.5个百分点", "个百分点", "0.5"),
        ("42条", "条", "42"),
        ("+35万", "人", "350000"),
        ("＋35万", "人", "350000"),
        ("  35万  ", "人", "350000"),
        ("\t3,700\n", "个", "3700"),
        ("0", "人", "0"),
        ("00042", "", "42"),
        ("494.30", "", "494.3"),
        ("999999999999999", "", "999999999999999"),  # 10^15 - 1, the largest storable
        ("9999999.99999999亿", "", "999999999999999"),
        ("0.123456789012345", "", "0.123456789012345"),  # 15 significant digits
    ],
)
def test_parse_quantity_forms(text: str, unit: str, expected: str) -> None:
    value = parse_quantity(text, unit)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)
    assert str(value) == expected  # exact and plain: no 1.804E+5, no float artefact


def test_18_04_wan_is_exact() -> None:
    value = parse_quantity("18.04万", "人")
    assert value == Decimal("180400")
    assert str(value) == "180400"
    assert value.as_tuple().exponent == 0  # an integer, not 180400.00 or 1.804E+5


def test_area_indicator_reads_all_three_spellings_alike() -> None:
    unit = "万平方米"
    assert {parse_quantity(t, unit) for t in ("196", "196万", "196万平方米")} == {Decimal(196)}


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "words"),
    [
        ("5公里", "个", ["公里", "个"]),  # names both units
        ("5公里", "万平方米", ["公里", "万平方米"]),
        ("-1", "人", ["negative"]),
        ("－1", "人", ["negative"]),  # full-width minus
        ("-0", "", ["negative"]),
        ("NaN", "", ["not a number"]),
        ("nan", "", ["not a number"]),
        ("Infinity", "", ["not a number"]),
        ("inf", "", ["not a number"]),
        ("1e400", "", ["exponent"]),
        ("1O20", "人", ["not a number"]),
        ("1E5", "", ["exponent"]),
        ("", "人", ["empty"]),
        ("   ", "人", ["empty"]),
        ("\u3000", "人", ["empty"]),  # an ideographic space alone
        ("abc", "", ["not a number"]),
        ("1.2.3", "", ["not a number"]),
        ("1,2", "", ["not a number"]),  # bad grouping
        ("12,34,567", "", ["not a number"]),
        ("1,2345", "", ["not a number"]),
        (".5", "", ["not a number"]),
        ("5.", "", ["not a number"]),
        ("1234567890123456789", "", ["18 digits"]),  # 19 digits
        ("1,234,567,890,123,456,789", "", ["18 digits"]),
        ("5个", "", ["no unit"]),  # a unit where the indicator has none
        ("1000000000000000", "", ["too large"]),  # 10^15
        ("10000000亿", "", ["too large"]),
        ("100000000000万", "人", ["too large"]),
        ("0.1234567890123456", "", ["significant digits"]),  # 16
        ("1234567890.123456", "", ["significant digits"]),
        ("1.2345678901234567万", "", ["significant digits"]),  # 12345.678901234567
    ],
)
def test_parse_quantity_refusals(text: str, unit: str, words: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        parse_quantity(text, unit)
    message = str(caught.value)
    for word in words:
        assert word in message, message
    assert caught.value.hint  # every refusal says what to type instead


def test_unit_mismatch_names_both_units() -> None:
    with pytest.raises(InputError) as caught:
        parse_quantity("5公里", "个")
    assert "'公里'" in caught.value.message and "'个'" in caught.value.message
    assert "5公里" in caught.value.message


def test_ten_megabyte_input_is_refused_quickly() -> None:
    text = "1" * 10_000_000
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        parse_quantity(text, "人")
    assert time.perf_counter() - started < 2.0
    assert "too long" in caught.value.message
    assert len(str(caught.value)) < 200  # the message does not echo ten megabytes


@pytest.mark.parametrize("text", ["999999999999999", "0.5", "180400", "12345678901234.5"])
def test_accepted_values_are_storable(text: str) -> None:
    assert storable(parse_quantity(text)) == Decimal(text)


@pytest.mark.parametrize("value", ["1000000000000000", "1E+15", "0.1234567890123456"])
def test_storable_refuses_what_the_parser_refuses(value: str) -> None:
    with pytest.raises(ValueError):
        storable(Decimal(value))
    with pytest.raises(InputError):
        parse_quantity(format(Decimal(value), "f"))


# --- formatting --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1.804E+5"), "180400"),
        (Decimal("494.30"), "494.3"),
        (Decimal(0), "0"),
        (Decimal("0.000"), "0"),
        (Decimal("-0"), "0"),
        (Decimal("0E+3"), "0"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("350000.00"), "350000"),
        (Decimal("0.5"), "0.5"),
    ],
)
def test_format_decimal(value: Decimal, text: str) -> None:
    assert format_decimal(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal(180400), "180,400"),
        (Decimal("1.804E+5"), "180,400"),
        (Decimal("494.30"), "494.3"),
        (Decimal("1234567.5"), "1,234,567.5"),
        (Decimal(999), "999"),
    ],
)
def test_format_grouped(value: Decimal, text: str) -> None:
    assert format_grouped(value) == text


def test_grouped_text_parses_back() -> None:
    assert parse_quantity(format_grouped(Decimal("1234567.5"))) == Decimal("1234567.5")


# --- trajectories and name lists ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "3:20,6:50,9:80",
        "3：20，6：50，9：80",
        "3:20%,6:50%,9:80%",
        " 3:20 , 6:50 ,9:80 ",
        "３:２０,６:５０,９:８０",
    ],
)
def test_parse_trajectory(text: str) -> None:
    assert parse_trajectory(text) == [(3, Decimal(20)), (6, Decimal(50)), (9, Decimal(80))]


def test_parse_trajectory_keeps_fractions_exact() -> None:
    assert parse_trajectory("6:33.3") == [(6, Decimal("33.3"))]


@pytest.mark.parametrize(
    "text",
    ["", ",", "3-20", "3", "a:20", ":20", "3:", "3:abc", "3:-5", "-3:20", "3:20:40", "3:1e2"],
)
def test_parse_trajectory_refusals(text: str) -> None:
    with pytest.raises(InputError):
        parse_trajectory(text)


@pytest.mark.parametrize(
    "text",
    [
        "开工,完工",
        "开工，完工",
        "开工、完工",
        "开工;完工",
        "开工；完工",
        " 开工 , 完工 ",
        "开工,,完工,",
    ],
)
def test_split_names(text: str) -> None:
    assert split_names(text) == ["开工", "完工"]


def test_split_names_keeps_order_and_single_name() -> None:
    assert split_names("方案设计、施工、建成") == ["方案设计", "施工", "建成"]
    assert split_names("市人社局") == ["市人社局"]
    assert split_names(" , ") == []


# --- properties --------------------------------------------------------------------------------


@st.composite
def storable_decimals(draw: st.DrawFn) -> Decimal:
    """Non-negative, at most 15 significant digits and 15 decimal places, below 10^15 (the
    store's rule)."""
    digits = draw(st.lists(st.integers(0, 9), min_size=1, max_size=15))
    exponent = draw(st.integers(-15, 14))
    value = Decimal((0, tuple(digits), exponent))
    if value >= LIMIT:
        value = value.scaleb(-len(digits) - exponent)  # bring it below 10^15, digits kept
    if value.as_tuple().exponent < -15:  # type: ignore[operator]
        value = value.quantize(Decimal("1e-15")).normalize() if value else Decimal(0)
    return value


@FAST
@given(storable_decimals())
@example(Decimal("1.804E+5"))
@example(Decimal("494.30"))
@example(Decimal("999999999999999"))
@example(Decimal("0.000000000000001"))
def test_format_then_parse_gives_the_same_decimal(value: Decimal) -> None:
    assert value < LIMIT
    text = format_decimal(value)
    assert "E" not in text and "e" not in text
    assert not ("." in text and text.endswith("0"))
    parsed = parse_quantity(text)
    assert parsed == value
    assert format_decimal(parsed) == text
    # what the store promises of such a value: a binary float carries it unchanged
    assert to_decimal(float(value)) == value


@FAST
@given(st.integers(min_value=0, max_value=10**19), st.sampled_from(["万", "亿"]), st.booleans())
@example(1804, "万", False)
@example(10**11 - 1, "万", True)
@example(10**11, "万", False)
@example(10**7, "亿", False)
def test_integer_with_magnitude_is_exact(n: int, magnitude: str, grouped: bool) -> None:
    factor = 10_000 if magnitude == "万" else 100_000_000
    text = f"{n:,}{magnitude}" if grouped else f"{n}{magnitude}"
    if n * factor >= 10**15:
        with pytest.raises(InputError):
            parse_quantity(text, "人")
        return
    value = parse_quantity(text, "人")
    assert value == n * factor
    assert str(value) == str(n * factor)


_NUMBERISH = st.text(
    alphabet="0123456789.,+-eE万亿 \t０１２３４５６７８９．，－＋：人个元米平方公里百分点nainfNAIF",
    max_size=30,
)
_UNITS = st.one_of(
    st.sampled_from(["", "人", "个", "元", "万元", "亿元", "万平方米", "个百分点", "万", "亿"]),
    st.text(max_size=5),
)


@FAST
@given(st.one_of(_NUMBERISH, st.text(max_size=80)), _UNITS)
@example("1e400", "")
@example("9" * 18 + "亿", "万元")
@example("0." + "0" * 60 + "1", "亿元")
@example("\x00", "")
@example("1,000,000,000,000,000,000亿", "人")
def test_random_text_gives_a_storable_decimal_or_input_error(text: str, unit: str) -> None:
    try:
        value = parse_quantity(text, unit)
    except InputError as error:
        assert error.message
        return
    assert isinstance(value, Decimal)
    assert value.is_finite()
    assert value >= 0
    assert storable(value) == value


# --- months --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9", (None, 9)), ("09", (None, 9)), ("9月", (None, 9)), ("9月份", (None, 9)),
        ("九月", (None, 9)), ("十二月", (None, 12)), ("十一月份", (None, 11)), ("９月", (None, 9)),
        ("2022年9月", (2022, 9)), ("2022-09", (2022, 9)), ("2022/9/30", (2022, 9)),
        ("2022年9月30日", (2022, 9)), ("2022-09-30 00:00:00", (2022, 9)), ("1-9月", (None, 9)),
        ("1～9月", (None, 9)), ("1至9月", (None, 9)), ("一至九月", (None, 9)), ("截至9月底", (None, 9)),
        ("2022年1-9月", (2022, 9)), ("1-9月累计", (None, 9)), ("13", (None, 13)),
    ],
)  # fmt: skip
def test_month_of_reads_months_as_offices_write_them(text: str, expected: tuple[int | None, int]) -> None:
    assert month_of(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "3-9月", "9月9", "2022年", "Q3"])
def test_month_of_refuses_what_is_no_month(text: str) -> None:
    assert month_of(text) is None
