#!/usr/bin/env python3
"""Writes the engine's fixtures into this folder, and the expected result of
every y_ fixture as computed by problems/pipeline/reference.py (CPython),
never by the engine:

    y_NAME.json            must be accepted
    y_NAME.expected.json   reference.py's output for it
    n_NAME.json            must be rejected (reference.py rejects it too)
    n_NAME.expected        the byte offset the error must name, where the
                           fixture marks it (<@> in the text below, removed)

    python3 tests/engine/make_fixtures.py      # rewrite them all
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = b"<@>"


def ev(uid=1, etype="page_view", ts="2025-05-01T12:00:00+00:00", md=None,
       **extra):
    d = {"user_id": uid, "event_type": etype, "timestamp": ts,
         "metadata": md if md is not None else {"page": "/home"}}
    d.update(extra)
    return d


def arr(*events):
    return json.dumps(list(events)).encode()


E = '{"user_id": 1, "event_type": "page_view", "timestamp": "2025-05-01T12:00:00+00:00", "metadata": {"page": "/home"}}'
Eb = E.encode()

Y = {
    "empty_array": b"[]",
    "empty_array_ws": b" \n\t[ \r\n ] \n",
    "basic": arr(ev(1), ev(2, "click", md={"page": "/a"}), ev(1, "purchase",
                 md={"page": "/cart", "amount": 150.5}),
                 ev(3, "logout"), ev(2, "search", ts="2024-05-01T00:00:00+00:00")),
    "escapes": (b'[{"user\\u005fid": 7, "event_type": "p\\u0061ge_view", '
                b'"timestamp": "2025-05-01T12:00:00\\u002b00:00", '
                b'"metadata": {"p\\u0061ge": "\\/home\\n\\t\\"q\\"\\\\ \\u00e9 \\ud83d\\ude00 \\b\\f\\r"}},'
                b'{"user_id": 7, "event_type": "page_view", "timestamp": "2025-05-02T12:00:00Z", '
                b'"metadata": {"page": "/home\\n\\t\\"q\\"\\\\ \\u00E9 \\uD83D\\uDE00 \\u0008\\u000c\\u000d"}}]'),
    "lone_surrogates": (b'[' + b",".join(
        b'{"user_id": %d, "event_type": "click", "timestamp": "2025-06-01T00:00:00Z", '
        b'"metadata": {"page": "%s"}}' % (i, p) for i, p in enumerate(
            [b"\\ud800", b"\\udc00x", b"\\ud83dA", b"\\ud83d\\u0041", b"a\\udbff\\udbff",
             b"\\ud83d\\ude00", b"\\udfff\\ud800"])) + b']'),
    "non_ascii_pages": ('[' + ",".join(
        '{"user_id": 5, "event_type": "page_view", "timestamp": "2025-06-01T00:00:00Z", '
        '"metadata": {"page": "%s"}}' % p for p in
        ["/café", "/caf\\u00e9", "/日本", "/\\u65e5\\u672c", "/😀", "/\\ud83d\\ude00",
         "/日本", "/😀", "/😀", "\u007f\\u007f"]) + ']').encode(),
    "extra_keys": (b'[{"a": null, "b": true, "c": false, "d": -0, "e": 1E5, "f": 1e-5, '
                   b'"g": 0.5, "h": -12.5e+3, "i": "str", "j": [], "k": {}, "l": [1, [2, {"x": [null]}]], '
                   b'"user_id": 9, "event_type": "purchase", "timestamp": "2025-07-01T00:00:00+00:00", '
                   b'"metadata": {"x": {"page": 1}, "page": "/p", "y": [1, "a", {}], "amount": 200, '
                   b'"z": {"amount": "no"}}, "m": "\\u0000"}]'),
    "duplicate_keys": (b'[{"user_id": "x", "user_id": 4, "event_type": 5, "event_type": "click", '
                       b'"timestamp": null, "timestamp": "2025-07-01T00:00:00Z", '
                       b'"metadata": {"page": 3, "amount": "x"}, '
                       b'"metadata": {"page": "/first", "page": "/last", "amount": true, "amount": 250}},'
                       b'{"user_id": 4, "event_type": "click", "timestamp": "2025-07-01T00:00:00Z", '
                       b'"metadata": {"page": "/x", "amount": 5}, "metadata": {"page": "/last"}}]'),
    "key_order": (b'[{"metadata": {"amount": 12.5, "page": "/z"}, "timestamp": "2025-04-01T00:00:00Z", '
                  b'"event_type": "purchase", "user_id": 11},'
                  b'{"timestamp": "2025-04-02T00:00:00Z", "metadata": {"page": "/z"}, '
                  b'"user_id": 11, "event_type": "add_to_cart"}]'),
    "whitespace": (b'\r\n [\n\t{ "user_id"\n:\r 12 ,\t"event_type" : "search" , "timestamp"  :'
                   b' "2025-04-01T00:00:00Z" , "metadata" :\n{ "page" : "/s" , "amount" : 1.25 } }\n,'
                   b'\n{"user_id":12,"event_type":"search","timestamp":"2025-04-01T00:00:00Z","metadata":{}}'
                   b'  ]\t\r\n '),
    "deep_ignored": (b'[{"deep": ' + b'[' * 1000 + b']' * 1000 + b', "obj": ' +
                     b'{"a": ' * 1000 + b'1' + b'}' * 1000 + b', ' + Eb[1:] + b']'),
    "deep_max": (b'[{"deep": ' + b'[' * 1022 + b']' * 1022 + b', ' + Eb[1:] + b']'),
    "big_numbers_ignored": (b'[{"big": ' + b'9' * 5000 + b', "neg": -' + b'1' * 400 +
                            b', "huge": 1e999, "tiny": 1e-999, "long": 0.' + b'3' * 3000 +
                            b', ' + Eb[1:] + b']'),
    "ties": arr(ev(1, "click", md={"page": "/a"}), ev(1, "search", md={"page": "/b"}),
                ev(1, "search", md={"page": "/b"}), ev(1, "click", md={"page": "/a"}),
                ev(2, "page_view", md={"page": "/y"}), ev(2, "purchase", md={"page": "/x"}),
                ev(2, "purchase", md={"page": "/x"}), ev(2, "page_view", md={"page": "/y"}),
                ev(2, "add_to_cart", md={"page": "/w"}), ev(2, "add_to_cart", md={"page": "/w"}),
                ev(3, "click", md={}), ev(3, "click", md={"page": ""}), ev(3, "search", md={"page": "/q"})),
    "timestamps": arr(*[ev(20 + i, "click", ts=t) for i, t in enumerate([
        "2025-03-01T00:00:00Z", "2025-02-28T23:59:59.999999Z", "2025-09-30T23:59:59Z",
        "2025-09-30T23:59:59.000001Z", "2025-03-01T01:00:00+01:00", "2025-02-28T19:00:00-05:00",
        "2025-09-30T23:59:59.5+00:00", "2025-05-05T05:05:05,123456789+02:30",
        "20250505T050505Z", "2025-05-05 05:05Z", "2025-05-05T05Z", "2025-W20-3T10:00:00+00:00",
        "2025W203T10Z", "2025-W20T10:00+0530", "2025-05-05T05:05:05+05:99",
        "2025-05-05T05:05:05+23:59:59.999999", "2025-05-05T05:05:05-00:00:00.5",
        "2025-05-05T05:05:05.+00:00", "2025-05-05x12:00:00Z", "2025-05-05\u00e912:00:00Z",
        "2025-05-05T12:00:00Z",   # made a lone-surrogate separator below
        "2024-02-29T12:00:00Z", "2025-05-05T120000.5Z", "2025-05-05T12:00:00+0000",
        "2025-05-05T12:00:00+00:00\u0000"])]),
    "amounts": arr(*[ev(30, "purchase", md={"page": "/c", "amount": a}) for a in [
        1, -5, 100, 100.00000000000001, 0.1, 0.2, 1e-320, 123456789012345678901234567890,
        2.675, 0.125, -0.0, 1e5, 12.345e1, 99.995]]),
    "amount_literals": (b'[' + b",".join(
        b'{"user_id": 31, "event_type": "purchase", "timestamp": "2025-06-01T00:00:00Z", '
        b'"metadata": {"amount": %s}}' % a for a in
        [b"0.1000000000000000055511151231257827021181583404541015625", b"1E2", b"1e+2",
         b"100.000000000000000000000001", b"-0", b"7205759403792793199999e-5",
         b"4.9406564584124654e-324", b"1.7976931348623157e308", b"9007199254740993",
         b"0.30000000000000004441", b"1" + b"0" * 30]) + b']'),
    "amount_overflow_sum": arr(ev(40, "purchase", md={"amount": 1e308}),
                               ev(40, "purchase", md={"amount": 1e308}),
                               ev(41, "purchase", md={"amount": 1e308}),
                               ev(41, "purchase", md={"amount": -1e308}),
                               ev(41, "purchase", md={"amount": -1e308})),
    "user_ids": arr(*[ev(u, "click") for u in [9223372036854775807, -9223372036854775808,
                                                 0, -1, 1, 9223372036854775807]]) .replace(b'"user_id": 0,', b'"user_id": -0,'),
    "dropped": arr(ev(50, "Click"), ev(50, "CLICK"), ev(50, "logout"), ev(50, "error"),
                   ev(50, " click"), ev(50, "click\u0000"), ev(51, "signup", md={"amount": 1e10}),
                   ev(52, "click", ts="2026-01-01T00:00:00Z"), ev(53, "click", ts="0001-01-01T00:00:00+00:01"),
                   ev(53, "click", ts="9999-12-31T23:59:59-23:59")),
    "no_page": arr(ev(60, md={}), ev(60, md={"page": ""}), ev(60, md={"amount": 5})),
    "sums_order": arr(*[ev(70 + (i % 3), "purchase", md={"amount": a}) for i, a in enumerate(
        [0.1, 1e16, 0.3, 0.7, -1e16, 1.1, 2.2, 3.3, 1e-3, 7.77, 1e16, -1e16, 0.01])]),
}
# the lone-surrogate separator: CPython reads it as 'T'
Y["timestamps"] = Y["timestamps"].replace(b'"2025-05-05T12:00:00Z"', b'"2025-05-05\\ud80012:00:00Z"', 1)

N = {
    "empty_input": b"<@>",
    "ws_only": b" \n <@>",
    "truncated_array": b'[{"user_id": 1<@>',
    "truncated_string": b'[{"user_id": 1, "event_type": "pa<@>',
    "truncated_after_event": Eb.join([b"[", b",", b"<@>"]),
    "top_object": b"<@>{}",
    "top_number": b"<@>1",
    "event_not_object": b"[<@>1]",
    "event_array": b'[' + Eb + b', <@>[]]',
    "bad_escape": b'[{"user_id": 1, "event_type": "pa<@>\\xge"}]',
    "bad_unicode_escape": b'[{"user_id": 1, "event_type": "\\u12<@>G4"}]',
    "control_char": b'[{"user_id": 1, "event_type": "page<@>\tview"}]',
    "raw_newline": b'[{"user_id": 1, "x": "a<@>\nb"}]',
    "utf8_overlong": b'[{"user_id": 1, "x": "<@>\xc0\xaf"}]',
    "utf8_overlong3": b'[{"user_id": 1, "x": "<@>\xe0\x80\xaf"}]',
    "utf8_surrogate": b'[{"user_id": 1, "x": "<@>\xed\xa0\x80"}]',
    "utf8_too_big": b'[{"user_id": 1, "x": "<@>\xf4\x90\x80\x80"}]',
    "utf8_f5": b'[{"user_id": 1, "x": "<@>\xf5\x80\x80\x80"}]',
    "utf8_cut": b'[{"user_id": 1, "x": "<@>\xe2\x82"}]',
    "utf8_stray_continuation": b'[{"user_id": 1, "x": "<@>\x80"}]',
    "utf8_outside_string": b'[<@>\xc3\xa9]',
    "bom": b"<@>\xef\xbb\xbf[]",
    "leading_zero": b'[{"user_id": <@>01}]',
    "leading_zero_ignored": b'[{"x": <@>-00, ' + Eb[1:] + b']',
    "number_dot": b'[{"x": 1.<@>}]',
    "number_exp": b'[{"x": 1e<@>}]',
    "number_minus": b'[{"x": -<@>}]',
    "number_plus": b'[{"x": <@>+1}]',
    "number_hex": b'[{"x": 0<@>x10}]',
    "trailing_garbage": b'[]<@>x',
    "trailing_second_array": b'[] <@>[]',
    "trailing_comma_array": b'[' + Eb + b',<@>]',
    "trailing_comma_object": b'[{"user_id": 1,<@>}]',
    "unbalanced_open": b'[' + Eb + b'<@>',
    "unbalanced_close": b'[' + Eb + b']<@>]',
    "unbalanced_mixed": b'[{"x": [1<@>}]',
    "missing_colon": b'[{"user_id" <@>1}]',
    "single_quotes": b"[{<@>'user_id': 1}]",
    "literal_tru": b'[{"x": <@>tru}]',
    "literal_case": b'[{"x": <@>True}]',
    "nan": b'[{"x": <@>NaN, ' + Eb[1:] + b']',
    "infinity": b'[{"x": <@>Infinity, ' + Eb[1:] + b']',
    "minus_infinity": b'[{"x": <@>-Infinity, ' + Eb[1:] + b']',
    "missing_user_id": b'[<@>{"event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": {}}]',
    "missing_event_type": b'[<@>{"user_id": 1, "timestamp": "2025-05-01T00:00:00Z", "metadata": {}}]',
    "missing_timestamp": b'[<@>{"user_id": 1, "event_type": "click", "metadata": {}}]',
    "missing_metadata": b'[<@>{"user_id": 1, "event_type": "click", "timestamp": "2025-05-01T00:00:00Z"}]',
    "user_id_float": b'[{"user_id": <@>1.0, "event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": {}}]',
    "user_id_exp": b'[{"user_id": <@>1e3, "event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": {}}]',
    "user_id_string": b'[{"user_id": <@>"1", "event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": {}}]',
    "user_id_bool": b'[{"user_id": <@>true, "event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": {}}]',
    "user_id_too_big": b'[{"user_id": <@>9223372036854775808, "event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": {}}]',
    "user_id_too_small": b'[{"user_id": <@>-9223372036854775809, "event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": {}}]',
    "user_id_last_wrong": b'[{"user_id": 1, "user_id": <@>null, "event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": {}}]',
    "event_type_not_string": b'[{"user_id": 1, "event_type": <@>["click"], "timestamp": "2025-05-01T00:00:00Z", "metadata": {}}]',
    "timestamp_not_string": b'[{"user_id": 1, "event_type": "click", "timestamp": <@>1746057600, "metadata": {}}]',
    "timestamp_naive": b'[{"user_id": 1, "event_type": "click", "timestamp": <@>"2025-05-01T00:00:00", "metadata": {}}]',
    "timestamp_date_only": b'[{"user_id": 1, "event_type": "click", "timestamp": <@>"2025-05-01", "metadata": {}}]',
    "timestamp_feb30": b'[{"user_id": 1, "event_type": "click", "timestamp": <@>"2025-02-30T00:00:00Z", "metadata": {}}]',
    "timestamp_feb29": b'[{"user_id": 1, "event_type": "click", "timestamp": <@>"2025-02-29T00:00:00+00:00", "metadata": {}}]',
    "timestamp_hour24": b'[{"user_id": 1, "event_type": "click", "timestamp": <@>"2025-05-01T24:00:00Z", "metadata": {}}]',
    "timestamp_offset24": b'[{"user_id": 1, "event_type": "click", "timestamp": <@>"2025-05-01T12:00:00+24:00", "metadata": {}}]',
    "timestamp_garbage": b'[{"user_id": 1, "event_type": "click", "timestamp": <@>"yesterday", "metadata": {}}]',
    "timestamp_trailing_space": b'[{"user_id": 1, "event_type": "click", "timestamp": <@>"2025-05-01T00:00:00Z ", "metadata": {}}]',
    "timestamp_year0": b'[{"user_id": 1, "event_type": "click", "timestamp": <@>"0000-05-01T00:00:00Z", "metadata": {}}]',
    "timestamp_dropped_event": b'[' + Eb + b', {"user_id": 1, "event_type": "logout", "timestamp": <@>"2025-05-01 00:00", "metadata": {}}]',
    "metadata_array": b'[{"user_id": 1, "event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": <@>[]}]',
    "metadata_null": b'[{"user_id": 1, "event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": <@>null}]',
    "page_not_string": b'[{"user_id": 1, "event_type": "click", "timestamp": "2025-05-01T00:00:00Z", "metadata": {"page": <@>7}}]',
    "amount_string": b'[{"user_id": 1, "event_type": "purchase", "timestamp": "2025-05-01T00:00:00Z", "metadata": {"amount": <@>"12.5"}}]',
    "amount_bool": b'[{"user_id": 1, "event_type": "purchase", "timestamp": "2025-05-01T00:00:00Z", "metadata": {"amount": <@>true}}]',
    "amount_overflow": b'[{"user_id": 1, "event_type": "purchase", "timestamp": "2025-05-01T00:00:00Z", "metadata": {"amount": <@>1e400}}]',
    "amount_int_overflow": b'[{"user_id": 1, "event_type": "purchase", "timestamp": "2025-05-01T00:00:00Z", "metadata": {"amount": <@>' + b"9" * 400 + b'}}]',
    # the array and the event are levels 1 and 2: the marked one is 1025
    "deep_nesting": b'[{"x": ' + b'[' * 1022 + b'<@>[' + b']' * 1023 + b', ' + Eb[1:] + b']',
    "deep_nesting_objects": b'[{"x": ' + b'{"a": ' * 1022 + b'<@>{}' + b'}' * 1022 + b', ' + Eb[1:] + b']',
}


def main():
    for name in os.listdir(HERE):
        if (name.startswith("y_") or name.startswith("n_")) and (
                name.endswith(".json") or name.endswith(".expected")):
            os.remove(os.path.join(HERE, name))
    ref = os.path.join(HERE, "..", "..", "problems", "pipeline", "reference.py")
    bad = 0
    for name, data in Y.items():
        path = os.path.join(HERE, f"y_{name}.json")
        with open(path, "wb") as f:
            f.write(data)
        r = subprocess.run([sys.executable, ref, path], capture_output=True)
        if r.returncode != 0:
            print(f"y_{name}: the reference rejects it: {r.stdout!r} {r.stderr[-300:]!r}")
            bad += 1
            continue
        with open(os.path.join(HERE, f"y_{name}.expected.json"), "wb") as f:
            f.write(r.stdout)
    for name, data in N.items():
        at = data.find(MARK)
        data = data.replace(MARK, b"")
        path = os.path.join(HERE, f"n_{name}.json")
        with open(path, "wb") as f:
            f.write(data)
        if at >= 0:
            with open(os.path.join(HERE, f"n_{name}.expected"), "w") as f:
                f.write(f"{at}\n")
        r = subprocess.run([sys.executable, ref, path], capture_output=True)
        if r.returncode != 1:
            print(f"n_{name}: the reference accepts it")
            bad += 1
    print(f"{len(Y)} y_ and {len(N)} n_ fixtures written")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
