//! Unit tests of events.rs: what is read, and how bad input is refused.

use super::*;

fn read(input: &str) -> Result<Vec<Event<'_>>, InputError> {
    let mut events = Vec::new();
    read_events(input.as_bytes(), |event| events.push(event))?;
    Ok(events)
}

fn error(input: &str) -> String {
    read(input)
        .expect_err("input should be refused")
        .to_string()
}

const EVENT: &str = r#"{"user_id": 913, "event_type": "purchase", "timestamp": "2025-10-15T23:45:05+00:00", "metadata": {"page": "/checkout", "amount": 12.5, "currency": "USD"}}"#;

#[test]
fn reads_the_generators_events() {
    let input = format!("[{EVENT}, {EVENT}]");
    let events = read(&input).unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0],
        Event {
            user_id: 913,
            kind: Some(EventKind::Purchase),
            seconds: 1_760_571_905.0,
            page: Cow::Borrowed("/checkout"),
            amount: 12.5,
        }
    );
    assert!(matches!(events[1].page, Cow::Borrowed(_)));
}

#[test]
fn reads_any_key_order_extra_keys_escapes_and_duplicates() {
    let input = r#"[{"metadata": {"amount": 3, "page": "/a\u00e9\ud83d\ude00", "x": [[{}]]},
        "extra": null, "timestamp": "2025-04-01T02:00:00+02:00", "event_type": "log\u006fut",
        "user_id": -5, "user_id": 7, "event_type": "click"}]"#;
    let events = read(input).unwrap();
    assert_eq!(events[0].user_id, 7);
    assert_eq!(events[0].kind, Some(EventKind::Click));
    assert_eq!(events[0].seconds, 1_743_465_600.0);
    assert_eq!(events[0].page, "/a\u{e9}\u{1f600}");
    assert_eq!(events[0].amount, 3.0);
}

#[test]
fn defaults_page_and_amount() {
    let input = r#"[{"user_id": 1, "event_type": "signup", "timestamp": "2025-04-01T00:00:00Z", "metadata": {}}]"#;
    let events = read(input).unwrap();
    assert_eq!(
        (events[0].kind, events[0].page.as_ref(), events[0].amount),
        (None, "", 0.0)
    );
}

#[test]
fn names_the_byte_and_the_event() {
    let input = format!(
        "[{EVENT},\n {{\"user_id\": 1.5, \"event_type\": \"x\", \"timestamp\": \"\", \"metadata\": {{}}}}]"
    );
    // Checked when the event's object is read: its closing brace.
    let end = input.rfind('}').unwrap();
    assert_eq!(
        error(&input),
        format!("user_id is not a 64-bit integer (event 1) at byte {end}")
    );
}

#[test]
fn keeps_the_last_of_duplicate_keys_whatever_the_earlier_ones_are() {
    let input = r#"[{"user_id": "x", "user_id": 2, "event_type": 3, "event_type": "search",
        "timestamp": null, "timestamp": "2025-04-01T00:00:00+00:00",
        "metadata": [1, {"a": 2}], "metadata": {"page": {}, "page": "/p", "amount": "1", "amount": 2}}]"#;
    let events = read(input).unwrap();
    assert_eq!(
        (events[0].user_id, events[0].kind),
        (2, Some(EventKind::Search))
    );
    assert_eq!((events[0].page.as_ref(), events[0].amount), ("/p", 2.0));
}

#[test]
fn reads_numbers_as_cpython_does() {
    let with = |user_id: &str, amount: &str| {
        format!(
            r#"[{{"user_id": {user_id}, "event_type": "purchase", "timestamp": "2025-04-01T00:00:00Z", "metadata": {{"amount": {amount}}}}}]"#
        )
    };
    let read_one = |user_id: &str, amount: &str| {
        let input = with(user_id, amount);
        let event = &read(&input).unwrap()[0];
        (event.user_id, event.amount)
    };
    assert_eq!(
        read_one("-9223372036854775808", "100000000000000000000"),
        (i64::MIN, 1e20)
    );
    assert_eq!(read_one("-0", "2.5e-3"), (0, 0.0025));
    // The nearest float, where a naive parse is one unit off.
    assert_eq!(
        read_one("1", "2.2250738585072011e-308"),
        (1, 2.225_073_858_507_201e-308)
    );
}

#[test]
fn refuses_a_timestamp_without_an_offset() {
    let input = r#"[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00", "metadata": {}}]"#;
    let end = input.rfind('}').unwrap();
    assert_eq!(
        error(input),
        format!("timestamp '2025-04-01T00:00:00' has no UTC offset (event 0) at byte {end}")
    );
}

#[test]
fn refuses_events_that_are_not_as_expected_in_the_cpython_rungs_words() {
    let with = |field: &str, value: &str| {
        let mut fields = vec![
            ("user_id", "1"),
            ("event_type", "\"click\""),
            ("timestamp", "\"2025-04-01T00:00:00+00:00\""),
            ("metadata", "{\"page\": \"/a\"}"),
        ];
        fields.retain(|(name, _)| *name != field);
        if !value.is_empty() {
            fields.push((field, value));
        }
        let members: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("\"{k}\": {v}"))
            .collect();
        format!("[{{{}}}]", members.join(", "))
    };
    let cases = [
        (
            with("user_id", "true"),
            "user_id is not a 64-bit integer (event 0)",
        ),
        (
            with("user_id", "9223372036854775808"),
            "user_id is not a 64-bit integer (event 0)",
        ),
        (
            with("user_id", "1.0"),
            "user_id is not a 64-bit integer (event 0)",
        ),
        (
            with("user_id", "1e400"),
            "user_id is not a 64-bit integer (event 0)",
        ),
        (with("user_id", ""), "event has no 'user_id' (event 0)"),
        (with("metadata", ""), "event has no 'metadata' (event 0)"),
        (
            with("event_type", "3"),
            "event_type is not a string (event 0)",
        ),
        (
            with("timestamp", "5"),
            "timestamp is not a string (event 0)",
        ),
        (
            with("timestamp", "\"2025-02-30T00:00:00+00:00\""),
            "invalid isoformat string: '2025-02-30T00:00:00+00:00' (event 0)",
        ),
        (
            with("metadata", "[]"),
            "metadata is not an object (event 0)",
        ),
        (
            with("metadata", "{\"page\": null}"),
            "page is not a string (event 0)",
        ),
        (
            with("metadata", "{\"amount\": \"12\"}"),
            "amount is not a number (event 0)",
        ),
        (
            with("metadata", "{\"amount\": 1e400}"),
            "amount is out of range (event 0)",
        ),
        (
            with("metadata", &format!("{{\"amount\": 1{}}}", "0".repeat(400))),
            "amount is out of range (event 0)",
        ),
        (
            with("event_type", "\"\\ud800\""),
            "lone surrogate escape in a string, which a Rust str cannot hold (event 0)",
        ),
        (
            "[7]".to_owned(),
            "event is not an object (event 0) at byte 1",
        ),
        (
            "[[]]".to_owned(),
            "event is not an object (event 0) at byte 2",
        ),
    ];
    for (input, want) in cases {
        let got = error(&input);
        assert!(got.starts_with(want), "{input}: {got}");
    }
}

#[test]
fn refuses_what_is_not_json() {
    let cases = [
        ("{}", "expected a JSON array of events at byte 1"),
        ("\"x\"", "expected a JSON array of events at byte 2"),
        ("", "EOF while parsing a value at byte 0"),
        ("[", "EOF while parsing a list (event 0) at byte 1"),
        ("[] x", "trailing characters at byte 3"),
        ("[NaN]", "expected value (event 0) at byte 1"),
        ("[01]", "invalid number (event 0) at byte 2"),
        (r#"[{"x": "\q"}]"#, "invalid escape (event 0) at byte 9"),
        // serde_json stops at the string's quote here, not at the tab.
        (
            "[{\"x\": \"\t\"}]",
            "control character (\\u0000-\\u001F) found while parsing a string (event 0) at byte 7",
        ),
        ("[{\"x\": 1,}]", "trailing comma (event 0) at byte 9"),
        ("[{\"x\" 1}]", "expected `:` (event 0) at byte 6"),
    ];
    for (input, want) in cases {
        assert_eq!(error(input), want, "{input}");
    }
    let invalid_utf8 = b"[\"\xff\"]";
    assert_eq!(
        read_events(invalid_utf8, |_| {}).unwrap_err().to_string(),
        "invalid UTF-8 at byte 2"
    );
}

#[test]
fn skips_deep_nesting_in_fields_it_does_not_read() {
    let depth = 100_000;
    let input = format!(
        r#"[{{"x": {}{}, "user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00Z", "metadata": {{}}}}]"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert_eq!(read(&input).unwrap().len(), 1);
}
