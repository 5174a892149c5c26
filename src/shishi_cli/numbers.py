"""Quantities as people write them (35万, 18.04万, 1.2亿元, ３,７００) parsed to exact Decimals, and back."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .errors import InputError
from .i18n import _, ngettext

MAGNITUDES: dict[str, Decimal] = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}

# Full-width digits and punctuation as Chinese input methods type them.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_NUMBER = re.compile(r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)")
_SPACED_DIGITS = re.compile(r"[0-9.,]\s+[0-9]")
_MAX_LENGTH = 64
# 18 digits times 亿 still fits the 28 digits of Decimal's default context: no silent rounding.
_MAX_DIGITS = 18
# A stored quantity keeps at most 15 significant digits below 10^15 (千万亿): every such
# decimal survives a trip through a binary float unchanged, so reports can compute in floats
# and write JSON numbers without ever showing 180399.99999999997.
MAX_SIGNIFICANT = 15
LIMIT = Decimal(10) ** 15


# Full-width ASCII (％, ｋｍ) as typed with a Chinese input method: the same unit as its half-width form.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def clean_unit(unit: str) -> str:
    """A unit as stored and compared: without surrounding spaces, full-width ASCII made half-width
    (％ is %)."""
    return unit.strip().translate(_HALF_WIDTH)


def split_unit(unit: str) -> tuple[Decimal, str]:
    """An indicator's unit as (its magnitude, its base unit): 万平方米 -> (10000, 平方米)."""
    if len(unit) > 1 and unit[0] in MAGNITUDES:
        return MAGNITUDES[unit[0]], unit[1:]
    return Decimal(1), unit


def parse_quantity(text: str, unit: str = "") -> Decimal:
    """Parse `text` as an exact non-negative amount in `unit` (the indicator's unit).

    A magnitude in the input multiplies the base unit and the unit's own prefix is divided out:
    for 万平方米, "196", "196万" and "196万平方米" are all 196; for 人, "18.04万" is 180400.
    """
    raw = text
    text = text.strip().translate(_FULL_WIDTH)
    if _SPACED_DIGITS.search(text):  # '1 2' is not 12: a slip, or two figures in one cell
        raise InputError(
            _("{value!r} has a space between its digits").format(value=raw),
            hint=_("write the number without spaces, e.g. 12 or 3,700"),
        )
    text = text.replace(" ", "")
    if not text:
        raise InputError(_("empty value"), hint=_("give a number such as 35万 or 3,700"))
    if len(text) > _MAX_LENGTH:
        raise InputError(
            ngettext(
                "value is too long ({length} character)", "value is too long ({length} characters)", len(text)
            ).format(length=len(text)),
            hint=_("give a number"),
        )
    if text[0] == "-":
        raise InputError(
            _("negative value {value!r}").format(value=raw), hint=_("progress and targets are 0 or more")
        )
    if text[0] == "+":
        text = text[1:]
    match = _NUMBER.match(text)
    if match is None:
        raise InputError(
            _("{value!r} is not a number").format(value=raw), hint=_("write it like 35万, 18.04万 or 3,700")
        )
    rest = text[match.end() :]
    if rest[:1] in ("e", "E"):
        raise InputError(
            _("{value!r} is in exponent notation").format(value=raw),
            hint=_("write the number out, e.g. 35万 or 350000"),
        )
    if rest[:1] and rest[0] in "0123456789.,":
        raise InputError(
            _("{value!r} is not a number").format(value=raw), hint=_("write it like 35万, 18.04万 or 3,700")
        )
    digits = match["number"].replace(",", "")
    if len(digits.replace(".", "").lstrip("0")) > _MAX_DIGITS:
        raise InputError(
            _("{value!r} has more than {digits} digits").format(value=raw, digits=_MAX_DIGITS),
            hint=_("check the figure"),
        )
    try:
        number = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise InputError(_("{value!r} is not a number").format(value=raw)) from None
    magnitude = Decimal(1)
    if rest[:1] in MAGNITUDES:
        magnitude = MAGNITUDES[rest[0]]
        rest = rest[1:]
    rest, unit = clean_unit(rest), clean_unit(unit)
    unit_magnitude, base = split_unit(unit)
    if rest and rest != base:
        if re.search("[0-9]", rest):  # 1O20, 3,7OO: a letter for a digit, not a unit
            raise InputError(
                _("{value!r} is not a number").format(value=raw),
                hint=_("write it like 35万, 18.04万 or 3,700"),
            )
        if not base:
            raise InputError(
                _("{value!r} carries the unit {unit!r} but the indicator has no unit").format(
                    value=raw, unit=rest
                ),
                hint=_("give the number alone"),
            )
        if rest == unit:  # "196万平方米" was handled above; this is "5万人" for unit "万人"
            magnitude *= unit_magnitude
        else:
            raise InputError(
                _("{value!r}: unit {given!r} does not match the indicator's unit {unit!r}").format(
                    value=raw, given=rest, unit=unit
                ),
                hint=_("give the amount in {unit}").format(unit=unit),
            )
    if magnitude == 1 and not rest:
        return _checked(_plain(number), raw)  # already in the indicator's unit
    return _checked(_plain(number * magnitude / unit_magnitude), raw)


def storable(value: Decimal) -> Decimal:
    """The store's rule for a quantity (models.py): below 10^15, 15 significant digits."""
    exponent = value.as_tuple().exponent
    if (
        value >= LIMIT
        or (isinstance(exponent, int) and exponent < -MAX_SIGNIFICANT)
        or (len(value.as_tuple().digits) > MAX_SIGNIFICANT and value != value.to_integral_value())
    ):
        raise ValueError(
            _("quantities are below 10^15 with at most {digits} significant digits").format(
                digits=MAX_SIGNIFICANT
            )
        )
    return value


def _checked(value: Decimal, raw: str) -> Decimal:
    if value >= LIMIT:
        raise InputError(
            _("{value!r} is too large").format(value=raw), hint=_("quantities stay below 10^15 (千万亿)")
        )
    try:
        return storable(value)
    except ValueError:
        raise InputError(
            _("{value!r} has more than {digits} significant digits or decimal places").format(
                value=raw, digits=MAX_SIGNIFICANT
            ),
            hint=_("round it, e.g. to 0.01"),
        ) from None


def parse_number(text: str, what: str, *, signed: bool = False) -> Decimal:
    """A bare number for a setting such as a tolerance in points ("10", "10%", "10个百分点");
    `signed`: a minus sign is allowed ("-5", "−5")."""
    bare = text.strip().removesuffix("个百分点").removesuffix("%").removesuffix("％").strip()
    negative = signed and bare[:1] in ("-", "−", "－")
    try:
        number = parse_quantity(bare[1:] if negative else bare)
    except InputError:
        raise InputError(
            _("{what}: {value!r} is not a number of points").format(what=what, value=text), hint=_("e.g. 10")
        ) from None
    return -number if negative else number


_BAND = r"^(ahead|on_track|yellow)(?:>=|≥|＞＝)(.+)$"  # (compiled when first used, by re)


def parse_bands(text: str) -> list[tuple[int, Decimal | None, Decimal, Decimal | None]]:
    """ "ahead>=80,on_track>=60" (for the year) or "1:on_track>=5;7:ahead>=80,on_track>=60" (each
    set from its month): (month, ahead, on_track, yellow) in percent of target, in order. Only the
    syntax is checked here; whether the sets make sense is rules.bands_problems'."""
    hint = _(
        'write them in quotes, e.g. "ahead>=80,on_track>=60" (and yellow>=40), or one set a month: '
        '"1:...;7:..."'
    )
    cleaned = text.translate(_FULL_WIDTH).replace("：", ":").replace("，", ",").replace("；", ";")
    sets: list[tuple[int, Decimal | None, Decimal, Decimal | None]] = []
    for part in filter(None, (p.strip().replace(" ", "") for p in cleaned.split(";"))):
        month_text, sep, body = part.rpartition(":")
        if sep and not (month_text.isascii() and month_text.isdecimal()):
            raise InputError(_("band set {part!r} does not start with a month").format(part=part), hint=hint)
        found: dict[str, Decimal] = {}
        for item in filter(None, body.split(",")):
            match = re.match(_BAND, item)
            if match is None and item in ("ahead", "on_track", "yellow"):  # the shell took >=80 as a file
                message = _(
                    "band {item!r} has no >=PERCENT; without quotes the shell reads > as a redirection"
                )
                raise InputError(message.format(item=item), hint=hint)
            if match is None:
                message = _("band {item!r} is not NAME>=PERCENT, NAME one of ahead, on_track, yellow")
                raise InputError(message.format(item=item), hint=hint)
            if match[1] in found:
                twice = _("band {name!r} is given twice in one set").format(name=match[1])
                raise InputError(twice, hint=hint)
            found[match[1]] = parse_number(match[2], match[1])
        if "on_track" not in found:
            raise InputError(_("band set {part!r} has no on_track").format(part=part), hint=hint)
        month = int(month_text) if sep else 1
        sets.append((month, found.get("ahead"), found["on_track"], found.get("yellow")))
    if not sets:
        raise InputError(_("the bands are empty"), hint=hint)
    return sets


# An escalation ladder (rules.DEFAULT_LADDER, docs/rules.md "Escalation"): steps, lowest first,
# each (name, ((run, months), …)).
LADDER_RUNS = ("yellow", "red", "overdue")
LADDER_STEPS_MAX = 9
STEP_NAME_MAX = 20
Ladder = tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
_CONDITION = r"^([a-z_]+)(?:>=|≥)(\d+)$"


def parse_ladder(text: str) -> Ladder:
    """ "提醒:yellow>=1, 督办:yellow>=2|red>=1, 约谈:red>=2|overdue>=1": steps, lowest first, each
    NAME:CONDITION|CONDITION…; a condition RUN>=MONTHS. Strict: InputError naming what is wrong."""
    hint = _("write e.g. 提醒:yellow>=1, 督办:red>=1, 约谈:yellow>=2|overdue>=1")
    cleaned = text.replace("：", ":").replace("，", ",").replace("｜", "|").replace("≥", ">=")
    steps: list[tuple[str, tuple[tuple[str, int], ...]]] = []
    for part in (p.strip() for p in cleaned.split(",")):
        name, sep, body = part.partition(":")
        name = name.strip()
        if not sep or not name:
            raise InputError(_("step {part!r} is not NAME:CONDITION").format(part=part), hint=hint)
        if len(name) > STEP_NAME_MAX or any(c in name for c in "|>=<") or not name.isprintable():
            raise InputError(_("step name {name!r} is not usable").format(name=name), hint=hint)
        if any(name == n for n, _when in steps):
            raise InputError(_("step {name!r} is given twice").format(name=name), hint=hint)
        when: list[tuple[str, int]] = []
        for item in (c.replace(" ", "") for c in body.split("|")):
            match = re.match(_CONDITION, item)
            if match is None:
                raise InputError(
                    _("condition {item!r} of step {name} is not RUN>=MONTHS").format(item=item, name=name),
                    hint=hint,
                )
            run, months = match[1], int(match[2])
            if run not in LADDER_RUNS:
                raise InputError(
                    _("condition {item!r} of step {name}: {run!r} is not yellow, red or overdue").format(
                        item=item, name=name, run=run
                    ),
                    hint=hint,
                )
            if not 1 <= months <= 12:
                raise InputError(
                    _("condition {item!r} of step {name}: months go from 1 to 12").format(
                        item=item, name=name
                    ),
                    hint=hint,
                )
            when.append((run, months))
        steps.append((name, tuple(when)))
    if len(steps) > LADDER_STEPS_MAX:
        raise InputError(_("a ladder has at most {count} steps").format(count=LADDER_STEPS_MAX), hint=hint)
    return tuple(steps)


def bands_text(bands: list[tuple[int, Decimal | None, Decimal, Decimal | None]]) -> str:
    """Band sets as parse_bands reads them: "ahead>=80,on_track>=60" for one set for the year,
    "1:on_track>=5;7:ahead>=80,on_track>=60" for several."""
    parts = []
    for month, ahead, on_track, yellow in bands:
        named = (("ahead", ahead), ("on_track", on_track), ("yellow", yellow))
        text = ",".join(f"{name}>={format_decimal(v)}" for name, v in named if v is not None)
        parts.append(text if len(bands) == 1 and month == 1 else f"{month}:{text}")
    return ";".join(parts)


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros without turning 180400 into 1.804E+5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def to_decimal(value: object) -> Decimal:
    """A stored quantity (a string as shishi writes it, or a number edited by hand)."""
    if isinstance(value, str | int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raise TypeError(f"not a quantity: {value!r}")


def format_decimal(value: Decimal) -> str:
    """The canonical text of a quantity: no exponent, no trailing zeros (494.30 -> 494.3)."""
    text = format(_plain(value), "f")
    return "0" if text in ("-0", "") else text


def format_grouped(value: Decimal) -> str:
    """A quantity for people: thousands grouped (180,400; 494.3)."""
    return f"{_plain(value):,f}"


def parse_trajectory(text: str) -> list[tuple[int, Decimal]]:
    """ "3:20,6:50,9:80" -> [(3, 20), (6, 50), (9, 80)]: cumulative percent planned by month."""
    points: list[tuple[int, Decimal]] = []
    cleaned = text.translate(_FULL_WIDTH).replace("：", ":").replace("，", ",").replace(" ", "")
    for part in filter(None, cleaned.split(",")):
        month, sep, percent = part.partition(":")
        if not sep or not (month.isascii() and month.isdecimal()):
            raise InputError(
                _("trajectory point {point!r} is not MONTH:PERCENT").format(point=part),
                hint=_("e.g. 3:20,6:50,9:80"),
            )
        points.append((int(month), parse_number(percent.removesuffix("%"), _("trajectory percent"))))
    if not points:
        raise InputError(_("the trajectory is empty"), hint=_("e.g. 3:20,6:50,9:80"))
    return points


def split_names(text: str) -> list[str]:
    """Stage lists as typed: 开工,完工 / 开工，完工 / 开工、完工 / 开工;完工."""
    for sep in ("，", "、", ";", "；"):
        text = text.replace(sep, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


DEPARTMENT_SEPARATORS = (";", "；", "\n", "\r")


def split_departments(text: str) -> list[str]:
    """Departments in one spreadsheet cell: separated by ; or ； or a line break, never by 、 or a
    comma, which belong inside names such as 各区、县（市）人民政府."""
    for sep in DEPARTMENT_SEPARATORS[1:]:
        text = text.replace(sep, DEPARTMENT_SEPARATORS[0])
    return [part.strip() for part in text.split(DEPARTMENT_SEPARATORS[0]) if part.strip()]


# --- counting words: months, project numbers ---------------------------------------------------

_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_NUMBER = re.compile(r"(?:(?P<tens>[二三四五六七八九])?十)?(?P<ones>[一二三四五六七八九])?")


def chinese_number(text: str) -> int | None:
    """一 to 九十九 as a count is written in words (八, 十, 十三, 二十, 九十九) -> the number; None
    for any other text (十十, 一十三 is not how it is written)."""
    match = _CHINESE_NUMBER.fullmatch(text)
    if not text or match is None:
        return None
    tens = _CHINESE_DIGITS[match["tens"]] if match["tens"] else int("十" in text)
    return tens * 10 + (_CHINESE_DIGITS[match["ones"]] if match["ones"] else 0)


# A project's number as a sheet gives it: 8, 8.0 (a number cell formatted 0.0), 第8件, 第八件.
_PROJECT_NUMBER = re.compile(
    r"第\s*(?P<written>[0-9]{1,18}|[一二三四五六七八九十]+)\s*件|(?P<number>[0-9]{1,18})(?:\.0+)?"
)


def project_number_of(text: str) -> int | None:
    """A project's number as offices write it in a sheet: 8, ８, 8.0, 第8件, 第八件 (in words from
    一 to 九十九) -> 8; None when it is no whole number (8.5, (八), 八项). Whether it is in range
    is the rules' to say."""
    if text.isascii() and text.isdecimal() and len(text) <= 18:  # the usual cell, without the pattern
        return int(text)
    match = _PROJECT_NUMBER.fullmatch(text.strip().translate(_FULL_WIDTH))
    if match is None:
        return None
    digits = match["number"] or match["written"]
    return int(digits) if digits.isdecimal() else chinese_number(digits)


_MONTH_DIGITS = r"\d{1,2}|十[一二]?|[一二三四五六七八九正元]"
# "9", "9月", "9月份", "九月", "2022年9月", "2022-09", "2022/9/30", "2022年9月30日", "1-9月",
# "1至9月", "1～9月", "截至9月底", "2022年1-9月" (cumulative figures: a range must start at 1).
_MONTH_TEXT = (  # (compiled when first used, by re's own cache)
    r"^(?:截至|截止)?(?:(?P<year>\d{4})\s*[-/.年]\s*)?"
    rf"(?:(?P<first>{_MONTH_DIGITS})\s*月?\s*[-–—~～至到]\s*)?"
    rf"(?P<month>{_MONTH_DIGITS})"
    r"(?:\s*月(?:份|底|末)?(?:累计)?)?$"
)
_DAY = (
    r"^(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:[\sT]+\d{1,2}:\d\d(?::\d\d)?)?$"
)


def month_of(text: str) -> tuple[int | None, int] | None:
    """A month as offices write it -> (year or None, month number as written, maybe out of 1-12);
    None when it is no month at all. A range (1-9月) must start in January: figures are cumulative."""
    text = text.strip().translate(_FULL_WIDTH).translate(_HALF_WIDTH)
    day = re.match(_DAY, text)
    if day is not None:
        return int(day["year"]), int(day["month"])
    match = re.match(_MONTH_TEXT, text)
    if match is None:
        return None
    first = match["first"]
    if first is not None and _month_number(first) != 1:
        return None
    year = int(match["year"]) if match["year"] else None
    return year, _month_number(match["month"])


def _month_number(text: str) -> int:
    if text.isdecimal():
        return int(text)
    if text in ("正", "元"):  # 正月, 元月: January
        return 1
    number = chinese_number(text)
    assert number is not None  # (_MONTH_DIGITS lets through 一 to 十二 only)
    return number
