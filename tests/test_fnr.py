"""Tests for bti_docs.rules.fnr.

Test data policy: every literal number here is synthetic (month + 40 / + 80) or an FH-number.
Numbers that look real (month 01-12) are built at runtime from their parts with
`with_control_digits`, never written whole. The Hypothesis database is off so that generated
numbers are never written to disk.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bti_docs.rules.fnr import (
    NEW_RULE_FROM,
    InvalidNationalId,
    NationalIdKind,
    birth_date_of,
    control_digits_valid,
    parse_national_id,
)

BEFORE = date(2031, 12, 31)
AFTER = NEW_RULE_FROM
CODES = {"format", "checksum", "date", "birth_date_mismatch", "new_rule_before_2032", "not_synthetic"}

# Weights of both checks over all 11 positions (k1 has weight 1 in the first check; k2 is not in it).
W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1, 0)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)

PROPERTY = settings(database=None, max_examples=150, deadline=None)


def with_control_digits(nine: str, remainder: int = 0) -> str | None:
    """Append k1, k2 so that the first check leaves `remainder` (0: old rule); None if one would be 10."""
    k1 = (remainder - sum(w * int(d) for w, d in zip(W1, nine, strict=False))) % 11
    if k1 == 10:
        return None
    ten = nine + str(k1)
    k2 = -sum(w * int(d) for w, d in zip(W2, ten, strict=False)) % 11
    return None if k2 == 10 else ten + str(k2)


def build(
    born: date, individ: int, *, d: bool = False, month_offset: int = 0, remainder: int = 0
) -> str | None:
    day = born.day + (40 if d else 0)
    nine = f"{day:02d}{born.month + month_offset:02d}{born.year % 100:02d}{individ:03d}"
    return with_control_digits(nine, remainder)


def must_build(
    born: date, individ: int, *, d: bool = False, month_offset: int = 0, remainder: int = 0
) -> str:
    """`build`, stepping to the next individnummer while a control digit would be 10."""
    for candidate in range(individ, min(individ + 10, 1000)):
        number = build(born, candidate, d=d, month_offset=month_offset, remainder=remainder)
        if number is not None:
            return number
    raise AssertionError("no individnummer found")


def expected_kind(d: bool, month_offset: int) -> NationalIdKind:
    return NationalIdKind.dnr if d else NationalIdKind.hnr if month_offset == 40 else NationalIdKind.fnr


def code_of(value: str, **kw: object) -> str:
    with pytest.raises(InvalidNationalId) as info:
        parse_national_id(value, **kw)  # type: ignore[arg-type]
    assert info.value.code in CODES
    return info.value.code


# --- strategies -------------------------------------------------------------------------------------------


def individ_ranges(year: int) -> list[tuple[int, int]]:
    """The old-rule individnummer series for a birth year (forskrift om folkeregistrering)."""
    if year <= 1899:
        return [(500, 749)]
    if year <= 1999:
        return [(0, 499), (900, 999)] if year >= 1940 else [(0, 499)]
    return [(500, 999)]


@st.composite
def old_rule_cases(draw: st.DrawFn) -> tuple[str, date, bool, int]:
    born = draw(st.dates(date(1854, 1, 1), date(2039, 12, 31)))
    lo, hi = draw(st.sampled_from(individ_ranges(born.year)))
    d = draw(st.booleans())
    month_offset = draw(st.sampled_from([0, 40, 80]))
    number = None
    while number is None:  # k1 = 10 or k2 = 10 for about one individnummer in six
        number = build(born, draw(st.integers(lo, hi)), d=d, month_offset=month_offset)
    return number, born, d, month_offset


@st.composite
def new_rule_cases(draw: st.DrawFn) -> tuple[str, date, bool, int]:
    born = draw(st.dates(date(1854, 1, 1), date(2100, 12, 31)))
    d = draw(st.booleans())
    month_offset = draw(st.sampled_from([0, 40, 80]))
    number = None
    while number is None:
        individ = draw(st.integers(0, 999))
        number = build(born, individ, d=d, month_offset=month_offset, remainder=draw(st.integers(1, 3)))
    return number, born, d, month_offset


@st.composite
def fh_numbers(draw: st.DrawFn) -> str:
    number = None
    while number is None:
        nine = draw(st.sampled_from("89")) + "".join(
            draw(st.lists(st.sampled_from("0123456789"), min_size=8, max_size=8))
        )
        number = with_control_digits(nine)
    return number


any_valid = st.one_of(
    old_rule_cases().map(lambda c: c[0]), new_rule_cases().map(lambda c: c[0]), fh_numbers()
)


# --- properties -------------------------------------------------------------------------------------------


@PROPERTY
@given(old_rule_cases())
@example(("29822099635", date(2020, 2, 29), False, 80))  # Tenor example, leap day
def test_old_rule_round_trip(case: tuple[str, date, bool, int]) -> None:
    number, born, d, month_offset = case
    synthetic = month_offset != 0
    parsed = parse_national_id(number, on=BEFORE)
    assert (parsed.number, parsed.kind, parsed.synthetic) == (
        number,
        expected_kind(d, month_offset),
        synthetic,
    )
    assert parsed.birth_date == born and not parsed.new_rule
    assert birth_date_of(number, on=BEFORE) == born
    assert parse_national_id(number, birth_date=born, on=BEFORE).birth_date == born
    # From 2032 the individnummer no longer tells the century: only a given birth date counts.
    assert parse_national_id(number, on=AFTER).birth_date is None
    assert parse_national_id(number, birth_date=born, on=AFTER).birth_date == born
    if synthetic:
        assert parse_national_id(number, on=BEFORE, require_synthetic=True).synthetic
    else:
        assert code_of(number, on=BEFORE, require_synthetic=True) == "not_synthetic"


@PROPERTY
@given(new_rule_cases())
def test_new_rule_round_trip(case: tuple[str, date, bool, int]) -> None:
    number, born, d, month_offset = case
    assert control_digits_valid(number, allow_new_rule=True) and not control_digits_valid(number)
    parsed = parse_national_id(number, birth_date=born, on=AFTER)
    assert (parsed.kind, parsed.synthetic, parsed.new_rule) == (
        expected_kind(d, month_offset),
        month_offset != 0,
        True,
    )
    assert parsed.birth_date == born
    assert parse_national_id(number, on=AFTER).birth_date is None
    if month_offset:  # lenient before 2032 for synthetic numbers only
        assert parse_national_id(number, birth_date=born, on=BEFORE).new_rule
    else:
        assert code_of(number, birth_date=born, on=BEFORE) == "new_rule_before_2032"


@PROPERTY
@given(fh_numbers())
def test_fh_numbers(number: str) -> None:
    parsed = parse_national_id(number, on=BEFORE, require_synthetic=True)
    assert (parsed.kind, parsed.birth_date, parsed.synthetic, parsed.new_rule) == (
        NationalIdKind.fhnr,
        None,
        False,
        False,
    )


@PROPERTY
@given(any_valid, st.integers(0, 10), st.integers(1, 9))
def test_any_single_digit_change_is_caught(number: str, position: int, delta: int) -> None:
    # The second check covers all 11 digits with weights that are non-zero mod 11 and is unchanged by the 2032
    # rule, so a single wrong digit is always caught, whatever the rule or the document date.
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert code_of(changed, on=AFTER) == "checksum"


@PROPERTY
@given(any_valid, st.integers(0, 10), st.integers(0, 10))
def test_transpositions(number: str, i: int, j: int) -> None:
    swapped = list(number)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    other = "".join(swapped)
    if other == number:
        return
    if W2[i] != W2[j]:  # the second check alone guarantees it (all adjacent swaps are here)
        assert code_of(other, on=AFTER) == "checksum"
    if control_digits_valid(number) and (W1[i] != W1[j] or W2[i] != W2[j]):
        assert not control_digits_valid(other)
        try:  # caught under the old rule: valid at most under the 2032 rule, then flagged as such
            assert parse_national_id(other, on=BEFORE).new_rule
        except InvalidNationalId as exc:
            assert exc.code in CODES


def test_the_one_blind_spot_of_the_old_rule() -> None:
    # Positions 4 and 10 (m2 and k1) have the same weight in both checks: swapping them goes unnoticed.
    number = must_build(date(2020, 11, 3), 990, month_offset=80)  # month 91
    assert number[3] != number[9]
    swapped = number[:3] + number[9] + number[4:9] + number[3] + number[10]
    assert control_digits_valid(swapped)


# --- published examples -----------------------------------------------------------------------------------

# Skatteetaten, "Nytt fødselsnummer fra 2032",
# https://skatteetaten.github.io/folkeregisteret-api-dokumentasjon/nytt-fodselsnummer-fra-2032/
# (source: github.com/Skatteetaten/folkeregisteret-api-dokumentasjon, src/om-tjenestene/nyttfnr2032.md).
# They look like real numbers, so they are kept as (DDMMYY, individnummer, published k1k2,
# first-check remainder, birth date) and joined at runtime.
PUBLISHED_2032 = [
    ("020132", "999", "97", 0, date(2032, 1, 2)),  # person born 02.01.2032
    ("020132", "999", "03", 2, date(2032, 1, 2)),  # possible next number, same individnummer
    ("020132", "998", "06", 0, date(2032, 1, 2)),  # possible next number, next individnummer
    ("301082", "999", "20", 0, date(1982, 10, 30)),  # person 1 born 30.10.1982, numbered in 2032
    ("301082", "999", "39", 1, date(1982, 10, 30)),  # person 2, same day, remainder 1
]


@pytest.mark.parametrize(("ddmmyy", "individ", "k1k2", "remainder", "born"), PUBLISHED_2032)
def test_published_2032_examples(ddmmyy: str, individ: str, k1k2: str, remainder: int, born: date) -> None:
    assert with_control_digits(ddmmyy + individ, remainder) == ddmmyy + individ + k1k2
    number = ddmmyy + individ + k1k2
    assert control_digits_valid(number, allow_new_rule=True)
    assert control_digits_valid(number) is (remainder == 0)
    parsed = parse_national_id(number, birth_date=born, on=AFTER)
    assert (parsed.kind, parsed.synthetic, parsed.new_rule, parsed.birth_date) == (
        NationalIdKind.fnr,
        False,
        remainder != 0,
        born,
    )
    if remainder:
        assert code_of(number, on=BEFORE) == "new_rule_before_2032"
        assert parse_national_id(number, on=AFTER).birth_date is None
    else:
        assert parse_national_id(number, on=BEFORE).birth_date == born
    # The published examples break the other published rules where they should.
    assert code_of(ddmmyy + individ + k1k2[0] + str((int(k1k2[1]) + 1) % 10), on=AFTER) == "checksum"
    day_before = date(born.year, born.month, born.day - 1)
    assert code_of(number, birth_date=day_before, on=AFTER) == "birth_date_mismatch"
    assert code_of(number, on=AFTER, require_synthetic=True) == "not_synthetic"


def test_2032_century_is_not_encoded() -> None:
    ddmmyy, individ, k1k2, _, born = PUBLISHED_2032[3]
    number = ddmmyy + individ + k1k2
    a_century_earlier = date(1882, 10, 30)
    # Before 2032, individnummer 999 with year 82 means 1982; from 2032 it may be a new number for anyone.
    assert code_of(number, birth_date=a_century_earlier, on=BEFORE) == "birth_date_mismatch"
    assert parse_national_id(number, birth_date=a_century_earlier, on=AFTER).birth_date == a_century_earlier
    assert birth_date_of(number, on=BEFORE) == born
    assert birth_date_of(number, on=AFTER) is None


# Skatteetaten Tenor synthetic numbers (month + 80), as quoted in github.com/navikt/fnrvalidator issue #116,
# and NAV Dolly synthetic numbers (month + 40) from the same issue.
@pytest.mark.parametrize(
    ("number", "kind", "born"),
    [
        ("17912099997", NationalIdKind.fnr, date(2020, 11, 17)),
        ("57912075186", NationalIdKind.dnr, date(2020, 11, 17)),  # synthetic D-number
        ("29822099635", NationalIdKind.fnr, date(2020, 2, 29)),  # leap day
        ("69822075096", NationalIdKind.dnr, date(2020, 2, 29)),
        ("12905299938", NationalIdKind.fnr, date(1952, 10, 12)),
        ("21929774873", NationalIdKind.fnr, date(1897, 12, 21)),  # individnummer 748: 1854-1899 series
        ("15507600333", NationalIdKind.hnr, date(1976, 10, 15)),  # + 40: indistinguishable from an H-number
        ("55507608360", NationalIdKind.dnr, date(1976, 10, 15)),  # D-number with month + 40
        ("29422059278", NationalIdKind.hnr, date(2020, 2, 29)),
    ],
)
def test_published_synthetic_numbers(number: str, kind: NationalIdKind, born: date) -> None:
    parsed = parse_national_id(number, on=BEFORE, require_synthetic=True)
    assert (parsed.kind, parsed.synthetic, parsed.birth_date, parsed.new_rule) == (kind, True, born, False)


# --- edge cases -------------------------------------------------------------------------------------------


def test_leap_days() -> None:
    assert birth_date_of(must_build(date(2000, 2, 29), 500, month_offset=80), on=BEFORE) == date(2000, 2, 29)
    assert birth_date_of(must_build(date(1904, 2, 29), 100, month_offset=40), on=BEFORE) == date(1904, 2, 29)
    # 29.02.00 with individnummer 000-499 means 1900, which was no leap year.
    assert code_of(must_build(date(2000, 2, 29), 100, month_offset=80), on=BEFORE) == "date"
    # 29.02.01 is no date in any century, under either rule. (`build` cannot make it: assemble the digits.)
    assert code_of(with_control_digits("298201500") or "", on=BEFORE) == "date"
    assert code_of(with_control_digits("298201500") or "", on=AFTER) == "date"
    assert code_of(with_control_digits("298201500", remainder=2) or "", on=AFTER) == "date"


@pytest.mark.parametrize(
    "nine",
    [
        "008220500",  # day 00
        "408220500",  # D-number day 00
        "328220500",  # day 32
        "308220500",  # 30 February
        "019320500",  # month 13 (+ 80)
        "015320500",  # month 13 (+ 40)
        "011320500",  # month 13
        "010020500",  # month 00
        "012120500",  # month + 20: no such offset
        "016120500",  # month + 60: no such offset
        "017020500",  # month + 60, 10
        "018020500",  # month 80 = month 00 + 80
    ],
)
def test_not_a_date(nine: str) -> None:
    numbers = [with_control_digits(nine[:8] + last) for last in "0123456789"]
    number = next(n for n in numbers if n is not None)
    assert code_of(number, on=BEFORE) == "date"
    assert code_of(number, on=AFTER, birth_date=date(2020, 1, 1)) == "date"


def test_undefined_century_before_2032() -> None:
    # Individnummer 750-899 with year 40-99 was never issued under the old rule.
    number = must_build(date(1950, 5, 5), 800, month_offset=80)
    assert code_of(number, on=BEFORE) == "date"
    assert parse_national_id(number, on=AFTER).birth_date is None
    assert parse_national_id(number, on=AFTER, birth_date=date(1950, 5, 5)).birth_date == date(1950, 5, 5)


def test_h_number() -> None:
    number = must_build(date(2015, 6, 1), 512, month_offset=40)
    parsed = parse_national_id(number, on=BEFORE)
    assert (parsed.kind, parsed.birth_date) == (NationalIdKind.hnr, date(2015, 6, 1))


def test_fh_number() -> None:
    number = with_control_digits("812345678")
    assert number is not None
    parsed = parse_national_id(number, birth_date=date(2015, 6, 1), on=BEFORE, require_synthetic=True)
    assert (parsed.kind, parsed.birth_date, parsed.synthetic) == (NationalIdKind.fhnr, None, False)
    candidates = (with_control_digits(f"81234567{last}", remainder=1) for last in "0123456789")
    new_rule_only = next(n for n in candidates if n is not None)
    assert code_of(new_rule_only, on=AFTER) == "checksum"  # the 2032 rule is not for FH-numbers


@pytest.mark.parametrize("spelling", [" 179120 99997 ", "179120-99997", "1791 2099 997", "\t17912099997\n"])
def test_whitespace_and_hyphens_are_ignored(spelling: str) -> None:
    assert parse_national_id(spelling, on=BEFORE).number == "17912099997"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "1791209999",
        "179120999970",
        "1791209999a",
        "17912O99997",
        "179120_99997",
        "+17912099997",
        "１７９１２０９９９９７",
        "17912099997.0",
    ],
)
def test_format(value: str) -> None:
    assert code_of(value, on=BEFORE) == "format"


def test_checksum() -> None:
    assert code_of("17912099998", on=BEFORE) == "checksum"
    assert code_of("17912099987", on=BEFORE) == "checksum"
    assert code_of("00000000001", on=BEFORE) == "checksum"


def test_real_looking_number_refused_in_test_mode() -> None:
    real_looking = must_build(date(2019, 3, 14), 512)  # built here: never write such a number in a file
    parsed = parse_national_id(real_looking, on=BEFORE)
    assert (parsed.kind, parsed.synthetic) == (NationalIdKind.fnr, False)
    assert code_of(real_looking, on=BEFORE, require_synthetic=True) == "not_synthetic"
    real_d = must_build(date(2019, 3, 14), 512, d=True)
    assert code_of(real_d, on=BEFORE, require_synthetic=True) == "not_synthetic"


def test_birth_date_mismatch() -> None:
    number = "17912099997"
    assert code_of(number, birth_date=date(2020, 11, 18), on=BEFORE) == "birth_date_mismatch"
    assert code_of(number, birth_date=date(2020, 12, 17), on=BEFORE) == "birth_date_mismatch"
    assert code_of(number, birth_date=date(1920, 11, 17), on=BEFORE) == "birth_date_mismatch"  # century
    assert code_of(number, birth_date=date(2021, 11, 17), on=AFTER) == "birth_date_mismatch"


def test_new_rule_boundary_is_the_first_of_january_2032() -> None:
    ddmmyy, individ, k1k2, _, born = PUBLISHED_2032[4]
    number = ddmmyy + individ + k1k2
    assert code_of(number, birth_date=born, on=date(2031, 12, 31)) == "new_rule_before_2032"
    assert parse_national_id(number, birth_date=born, on=date(2032, 1, 1)).new_rule


def test_default_document_date_is_today() -> None:
    number = must_build(date(2020, 11, 3), 990, month_offset=80, remainder=3)
    assert parse_national_id(number).new_rule  # synthetic: accepted whatever today is
    if date.today() < NEW_RULE_FROM:
        real_looking = must_build(date(2020, 11, 3), 990, remainder=3)
        assert code_of(real_looking) == "new_rule_before_2032"


def test_messages_and_repr_do_not_leak_the_number() -> None:
    number = "17912099997"
    with pytest.raises(InvalidNationalId) as info:
        parse_national_id(number, birth_date=date(2020, 11, 18), on=BEFORE)
    assert "179120" not in str(info.value) and "2020" not in str(info.value)
    assert "179120" not in repr(parse_national_id(number, on=BEFORE))
    assert isinstance(info.value, ValueError)
