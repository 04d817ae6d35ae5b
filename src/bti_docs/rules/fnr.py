"""Norwegian national identity numbers: fødselsnummer, D-, H- and FH-numbers, synthetic test numbers.

A number has 11 digits: DDMMYY, a three-digit individnummer and two mod-11 control digits k1 and k2.

* D-number: 4 is added to the first digit (day + 40).
* H-number: 4 is added to the third digit (month + 40).
* FH-number: the first digit is 8 or 9; the other digits carry no birth date.
* Synthetic test numbers: Skatteetaten's Tenor adds 80 to the month; older test numbers (NAV's
  Dolly/TPS) add 40. The +40 offset is the H-number one: the digits cannot tell an H-number from an
  older synthetic number, so a month of 41-52 gives ``kind=hnr`` (unless the day says D-number) and
  ``synthetic=True``. Offsets combine: a synthetic D-number has day + 40 and month + 80 (or + 40).

Control digits, old rule: with weights W1 = 3 7 6 1 8 9 4 5 2 and W2 = 5 4 3 2 7 6 5 4 3 2,
``(sum(W1 * digits[0:9]) + k1) % 11 == 0`` and ``(sum(W2 * digits[0:10]) + k2) % 11 == 0``; a number
whose control digit would have to be 10 is never issued. The individnummer and the year give the
century (000-499: 1900-1999; 500-749 with year 54-99: 1854-1899; 500-999 with year 00-39: 2000-2039;
900-999 with year 40-99: 1940-1999).

Rule in force from 2032-01-01 (Skatteetaten, "Nytt fødselsnummer fra 2032",
https://skatteetaten.github.io/folkeregisteret-api-dokumentasjon/nytt-fodselsnummer-fra-2032/):
the remainder of the first check may be 0, 1, 2 or 3, so k1 may take up to four values; k2 is
computed as before. Numbers issued under the new rule encode neither gender nor century (this holds
for people born before 2032 too), so the birth date must come from elsewhere: pass ``birth_date``.
The published rule names fødselsnumre and D-numbers; this module accepts it for every kind except
FH-numbers, which are not issued by the Folkeregister.

python-stdnum (``stdnum.no.fodselsnummer``) supplies the old-rule control digits and the century
table; it does not know synthetic numbers, the 2032 rule, or FH-numbers beyond refusing their date.

Error messages never contain the number or a birth date: these are children's records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer as _stdnum

__all__ = [
    "NEW_RULE_FROM",
    "InvalidNationalId",
    "NationalId",
    "NationalIdKind",
    "birth_date_of",
    "control_digits_valid",
    "parse_national_id",
]

NEW_RULE_FROM = date(2032, 1, 1)
"""First day on which numbers valid only under the 2032 control-digit rule can be issued."""

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_NEW_RULE_REMAINDERS = frozenset({0, 1, 2, 3})
_SEPARATORS = re.compile(r"[\s\-]+")
_ELEVEN_DIGITS = re.compile(r"[0-9]{11}")


class NationalIdKind(StrEnum):
    fnr = "fnr"  # ordinary fødselsnummer
    dnr = "dnr"  # D-number (day + 40)
    hnr = "hnr"  # H-number (month + 40); also older synthetic numbers, see the module docstring
    fhnr = "fhnr"  # FH-number (first digit 8 or 9, no birth date)


@dataclass(frozen=True)
class NationalId:
    number: str = field(repr=False)  # 11 digits, normalised; kept out of repr so it does not reach logs
    kind: NationalIdKind
    synthetic: bool  # test number: month + 80 (Tenor) or + 40 (older)
    birth_date: date | None = field(repr=False)  # None for FH-numbers, or when unknown
    new_rule: bool  # valid only under the 2032 control-digit rule


class InvalidNationalId(ValueError):
    """A value that is not an acceptable national id number. ``code`` says why; the text is for developers.

    Codes: ``format``, ``checksum``, ``date``, ``birth_date_mismatch``, ``new_rule_before_2032``,
    ``not_synthetic``.
    """

    code: str

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _normalise(value: str) -> str:
    return _SEPARATORS.sub("", value)


def _first_check_remainder(number: str) -> int:
    return (sum(w * int(d) for w, d in zip(_W1, number, strict=False)) + int(number[9])) % 11


def control_digits_valid(number: str, *, allow_new_rule: bool = False) -> bool:
    """Whether the two control digits of an 11-digit string hold (under the 2032 rule too if allowed)."""
    if not _ELEVEN_DIGITS.fullmatch(number):
        return False
    if number[10] != _stdnum.calc_check_digit2(number):
        return False
    if allow_new_rule:
        return _first_check_remainder(number) in _NEW_RULE_REMAINDERS
    return number[9] == _stdnum.calc_check_digit1(number)


def _century_date(day: int, month: int, number: str) -> date | None:
    """The birth date the old-rule individnummer table gives, or None if the table has no century for it."""
    plain = f"{day:02d}{month:02d}{number[4:]}"
    try:
        return _stdnum.get_birth_date(plain)
    except ValidationError:
        return None


def parse_national_id(
    value: str,
    *,
    birth_date: date | None = None,
    on: date | None = None,
    require_synthetic: bool = False,
) -> NationalId:
    """Check a national id number and say what it is. Raises `InvalidNationalId` with a ``code``.

    ``value`` may contain spaces and hyphens. ``birth_date``, when given, must agree with the DDMMYY
    digits (after removing the D/H/synthetic offsets); it is the only source of the birth date of a
    number issued under the 2032 rule. ``on`` is the document date (default: today).

    Old-rule numbers: before 2032 the century comes from the individnummer table, and a given
    ``birth_date`` must match it exactly (else ``birth_date_mismatch``); digits for which the table
    has no century are ``date``. From 2032 the table no longer tells the century (a number valid
    under both rules may be a new one), so only DDMMYY is compared, and without ``birth_date`` the
    result's ``birth_date`` is None.

    Numbers valid only under the 2032 rule are accepted when ``on`` >= 2032-01-01. Before that they
    are refused with ``new_rule_before_2032``, except synthetic ones: lenient, since test-data
    generators may issue new-rule test numbers early so that systems can be tested.

    ``require_synthetic`` refuses numbers with a real month (01-12) with ``not_synthetic``;
    FH-numbers carry no month and pass.
    """
    on = on or date.today()
    number = _normalise(value)
    if not _ELEVEN_DIGITS.fullmatch(number):
        raise InvalidNationalId("format", "a national id number has 11 digits")
    is_fh = number[0] in "89"
    if not control_digits_valid(number, allow_new_rule=not is_fh):
        raise InvalidNationalId("checksum", "the control digits do not match")
    new_rule = not control_digits_valid(number)
    if is_fh:
        return NationalId(number, NationalIdKind.fhnr, synthetic=False, birth_date=None, new_rule=False)

    d_number = number[0] in "4567"
    month_offset = {"0": 0, "1": 0, "4": 40, "5": 40, "8": 80, "9": 80}.get(number[2])
    if month_offset is None:
        raise InvalidNationalId("date", "the month digits are not a month")
    day = int(number[0:2]) - (40 if d_number else 0)
    month = int(number[2:4]) - month_offset
    yy = int(number[4:6])
    try:  # 2000 + yy: a leap year whenever any century makes DDMMYY a real date
        date(2000 + yy, month, day)
    except ValueError:
        raise InvalidNationalId("date", "the digits are not a real date") from None

    synthetic = month_offset != 0
    kind = NationalIdKind.fnr
    if d_number:
        kind = NationalIdKind.dnr
    elif month_offset == 40:
        kind = NationalIdKind.hnr
    if require_synthetic and not synthetic:
        raise InvalidNationalId("not_synthetic", "only synthetic test numbers are allowed here")
    if new_rule and on < NEW_RULE_FROM and not synthetic:
        raise InvalidNationalId("new_rule_before_2032", "this number is valid only under the rule of 2032")
    given = None if birth_date is None else (birth_date.day, birth_date.month, birth_date.year % 100)
    if given is not None and given != (day, month, yy):
        raise InvalidNationalId("birth_date_mismatch", "the number does not match the birth date")

    result_date = birth_date
    if not new_rule and on < NEW_RULE_FROM:
        table_date = _century_date(day, month, number)
        if table_date is None:
            raise InvalidNationalId("date", "the individnummer gives no century for this date")
        if birth_date is not None and birth_date != table_date:
            raise InvalidNationalId("birth_date_mismatch", "the number gives another century")
        result_date = table_date
    return NationalId(number, kind, synthetic=synthetic, birth_date=result_date, new_rule=new_rule)


def birth_date_of(number: str, *, on: date | None = None) -> date | None:
    """The birth date a number tells (None for FH-numbers and when it cannot tell). Raises if invalid."""
    return parse_national_id(number, on=on).birth_date
