#!/usr/bin/env python3
"""The pipeline's verifier: is a rung's result the reference's result?
(problem.conf runs it as `compare = verifier`, docs/declaring.md.)

    verify.py EXPECTED_FILE ACTUAL_FILE

Exit status 0: verified. 1: wrong, and the first line of stdout says how,
e.g. "2 differences (got != expected): user 17: top_page '/cart' != '/home';
total_amount 12.30 != 12.31". 2: cannot verify (an unreadable file, a
reference that is not a pipeline result, a bad command line), with the
reason on stdout.

What must agree (shared/spec/pipeline.md section 3), as the harness's
built-in rule had it: the four totals and, user by user in order, the
user_id and every field. The totals, total_amount and duration_seconds are
compared after rounding to 2 decimals (the spec's own rounding: a rung may
print 145.79 or 145.7900000001); user_id, event_count and high_value_count
must be equal, the two strings identical. Other keys are ignored. The
output must be one JSON object (RFC 8259: NaN and Infinity are not JSON);
booleans are not numbers.

It runs on every distinct output, so the common case is made cheap: a user
equal to the reference's as parsed (dict equality, in C) needs no field by
field look. Standard library only, Python 3.9 syntax.
"""
from __future__ import annotations

import json
import sys
from operator import itemgetter
from typing import Dict, List, NoReturn, Tuple

VERIFIED, WRONG, CANNOT_VERIFY = 0, 1, 2
# How many differences the message spells out; the rest are only counted.
MAX_SHOWN = 5
# Longer strings are cut in the message.
MAX_STRING_SHOWN = 40

TOTALS = ("total_users", "total_events", "total_amount", "total_high_value")
EXACT_FIELDS = ("event_count", "high_value_count")
ROUNDED_FIELDS = ("total_amount", "duration_seconds")
STRING_FIELDS = ("top_event_type", "top_page")
# In the order the spec lists them, which is the order differences are told.
USER_FIELDS = ("event_count", "total_amount", "high_value_count", "duration_seconds",
               "top_event_type", "top_page")

# What json.loads makes of a JSON number; bool is a subclass of int, and
# excluded by comparing types exactly.
NUMBER_TYPES = frozenset({int, float})
STRING_TYPES = frozenset({str})
user_numbers = itemgetter("user_id", *EXACT_FIELDS, *ROUNDED_FIELDS)
user_strings = itemgetter(*STRING_FIELDS)

JsonObject = Dict[str, object]


class NotJson(Exception):
    """The bytes are not one RFC 8259 JSON value; the message says where."""


class CannotVerify(Exception):
    """A file is unreadable or the reference is not a pipeline result."""


def refuse_constant(name: str) -> NoReturn:
    raise NotJson(f"{name} is not JSON")


def parse(data: bytes) -> object:
    try:
        return json.loads(data, parse_constant=refuse_constant)
    except UnicodeDecodeError as e:
        raise NotJson(f"invalid UTF-8 near byte {e.start}") from None
    except json.JSONDecodeError as e:
        # "Expecting value: line 1 column 5 (char 4)"
        raise NotJson(str(e)) from None
    except RecursionError:
        raise NotJson("nested too deeply") from None


def is_number(value: object) -> bool:
    return type(value) in NUMBER_TYPES


def rounded(value: object) -> str:
    """A number as the comparison sees it: rounded to 2 decimals."""
    assert isinstance(value, (int, float))
    return f"{value:.2f}"


def same_number(want: object, got: object, exact: bool) -> bool:
    if not (is_number(want) and is_number(got)):
        return False
    return want == got if exact else rounded(want) == rounded(got)


def describe(value: object, exact: bool = False) -> str:
    """A value for the message: strings quoted and cut, floats rounded as
    they were compared (unless exact), integers as they are."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        cut = value[:MAX_STRING_SHOWN] + ("..." if len(value) > MAX_STRING_SHOWN else "")
        return repr(cut)
    if type(value) is float and not exact:
        return rounded(value)
    if is_number(value):
        return repr(value)
    return f"a {type(value).__name__}"


def check_reference(reference: object) -> Tuple[JsonObject, List[JsonObject]]:
    """The reference's top level and its users; raises CannotVerify unless
    every total and every user's every field is there, of its type."""
    if not isinstance(reference, dict):
        raise CannotVerify("the reference is not a JSON object")
    for key in TOTALS:
        if not is_number(reference.get(key)):
            raise CannotVerify(f"the reference has no number '{key}'")
    users = reference.get("users")
    if not isinstance(users, list):
        raise CannotVerify("the reference has no 'users' array")
    for position, user in enumerate(users):
        try:
            complete = (NUMBER_TYPES.issuperset(map(type, user_numbers(user)))
                        and STRING_TYPES.issuperset(map(type, user_strings(user))))
        except (KeyError, TypeError):
            complete = False
        if not complete:
            raise CannotVerify(f"the reference's user at position {position} is not complete")
    return reference, users


def compare_user(want: JsonObject, got: JsonObject, found: List[str]) -> None:
    """Appends the differences between two users of the same user_id."""
    user_id = describe(want["user_id"], exact=True)
    for field in USER_FIELDS:
        want_value, got_value = want[field], got.get(field)
        exact = field in EXACT_FIELDS
        if field in STRING_FIELDS:
            same = type(got_value) is str and got_value == want_value
        else:
            same = same_number(want_value, got_value, exact)
        if not same:
            found.append(f"user {user_id}: {field} "
                         f"{describe(got_value, exact)} != {describe(want_value, exact)}")


def compare_users(want_users: List[JsonObject], got_users: List[object],
                  may_hold_booleans: bool, found: List[str]) -> None:
    """Appends the differences user by user, in order. Once the user_ids stop
    matching the users are no longer comparable: one difference says where."""
    if len(got_users) != len(want_users):
        found.append(f"{len(got_users)} users != {len(want_users)}")
    for position, (want, got) in enumerate(zip(want_users, got_users)):
        # Equal as parsed is equal field by field, unless a boolean stood
        # for a number (True == 1).
        if got == want and not may_hold_booleans:
            continue
        got_id = got.get("user_id") if isinstance(got, dict) else got
        if not (isinstance(got, dict) and same_number(want["user_id"], got_id, exact=True)):
            found.append(f"users differ from position {position}: user "
                         f"{describe(got_id, exact=True)} != "
                         f"{describe(want['user_id'], exact=True)}")
            return
        compare_user(want, got, found)


def differences(reference: object, actual: bytes) -> List[str]:
    """Every difference, in order: the totals, then the users. Raises
    CannotVerify if the reference is not a pipeline result."""
    want, want_users = check_reference(reference)
    try:
        got = parse(actual)
    except NotJson as e:
        return [f"the output is not JSON ({e})"]
    if not isinstance(got, dict):
        return [f"the output is a JSON {type(got).__name__}, not an object"]
    found: List[str] = []
    for key in TOTALS:
        if not same_number(want[key], got.get(key), exact=False):
            found.append(f"{key} {describe(got.get(key))} != {describe(want[key])}")
    got_users = got.get("users")
    if not isinstance(got_users, list):
        found.append("no 'users' array in the output")
        return found
    # Where neither literal occurs, no value can be a boolean.
    may_hold_booleans = b"true" in actual or b"false" in actual
    compare_users(want_users, got_users, may_hold_booleans, found)
    return found


def summary(found: List[str]) -> str:
    shown = "; ".join(found[:MAX_SHOWN])
    more = f"; and {len(found) - MAX_SHOWN} more" if len(found) > MAX_SHOWN else ""
    noun = "difference" if len(found) == 1 else "differences"
    return f"{len(found)} {noun} (got != expected): {shown}{more}"


def read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise CannotVerify(f"cannot read '{path}': {e.strerror}") from None


def say(line: str) -> None:
    """One line on stdout, whatever the strings in it (lone surrogates too)."""
    sys.stdout.buffer.write(line.encode("utf-8", "backslashreplace") + b"\n")
    sys.stdout.buffer.flush()


def main(argv: List[str]) -> int:
    if len(argv) != 3:
        say(f"usage: {argv[0]} EXPECTED_FILE ACTUAL_FILE")
        return CANNOT_VERIFY
    try:
        expected, actual = read(argv[1]), read(argv[2])
        try:
            reference = parse(expected)
        except NotJson as e:
            raise CannotVerify(f"the reference is not JSON ({e})") from None
        found = differences(reference, actual)
    except CannotVerify as e:
        say(f"cannot verify: {e}")
        return CANNOT_VERIFY
    if found:
        say(summary(found))
        return WRONG
    return VERIFIED


if __name__ == "__main__":
    sys.exit(main(sys.argv))
