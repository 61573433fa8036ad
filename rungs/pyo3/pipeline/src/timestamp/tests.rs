//! Unit tests of timestamp.rs: the forms read, the calendar, what is refused.

use super::*;

#[test]
fn reads_the_generators_form() {
    // datetime.fromisoformat("2025-10-15T23:45:05+00:00").timestamp()
    assert_eq!(
        epoch_seconds("2025-10-15T23:45:05+00:00"),
        Ok(1_760_571_905.0)
    );
    assert_eq!(epoch_seconds("1970-01-01T00:00:00+00:00"), Ok(0.0));
}

#[test]
fn applies_the_offset() {
    assert_eq!(epoch_seconds("2025-04-01T00:00+01:00"), Ok(1_743_462_000.0));
    assert_eq!(
        epoch_seconds("2025-04-01T00:00:00-23:59"),
        Ok(1_743_551_940.0)
    );
    assert_eq!(epoch_seconds("2025-04-01 00:00:00Z"), Ok(1_743_465_600.0));
    assert_eq!(
        epoch_seconds("2025-04-01T00:00:00+01:30:15.5"),
        Ok(1_743_460_184.5)
    );
}

#[test]
fn reads_fractions_to_the_microsecond() {
    assert_eq!(
        epoch_seconds("2025-04-01T00:00:00.5+00:00"),
        Ok(1_743_465_600.5)
    );
    assert_eq!(
        epoch_micros("2025-04-01T00:00:00.1234567+00:00"),
        Ok(1_743_465_600_123_456)
    );
    assert_eq!(
        epoch_micros("2025-04-01T00:00:00.000001Z"),
        Ok(1_743_465_600_000_001)
    );
}

#[test]
fn counts_calendar_days() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    assert_eq!(days_from_civil(1, 1, 1), -719_162);
    assert_eq!(
        epoch_seconds("0001-01-01T00:00:00+00:00"),
        Ok(-62_135_596_800.0)
    );
    assert_eq!(
        epoch_seconds("2024-02-29T00:00:00+00:00"),
        Ok(1_709_164_800.0)
    );
}

#[test]
fn refuses_a_timestamp_without_an_offset() {
    assert_eq!(
        epoch_micros("2025-04-01T00:00:00"),
        Err(TimestampError::NoOffset)
    );
    assert_eq!(epoch_micros("2025-04-01"), Err(TimestampError::NoOffset));
}

#[test]
fn refuses_what_is_not_a_date_and_time() {
    for text in [
        "",
        "garbage",
        "2025-04-01T24:00:00+00:00",
        "2025-04-01T00:60:00+00:00",
        "2025-02-29T00:00:00+00:00",
        "2025-13-01T00:00:00+00:00",
        "0000-01-01T00:00:00+00:00",
        "2025-04-01T00:00:00+24:00",
        "2025-04-01T0:00:00+00:00",
        "2025-04-01T00:00:00.+00:00",
        "2025-04-01T00:00:00+00:00 ",
        "2025-04-01X00:00:00+00:00",
        "20250401T000000+00:00",
        "٢٠٢٥-04-01T00:00:00+00:00",
    ] {
        assert_eq!(epoch_micros(text), Err(TimestampError::Invalid), "{text:?}");
    }
}

#[test]
fn reads_the_common_form_as_the_general_reader_does() {
    // Every shape and value near the edges, through both readers.
    for text in [
        "2025-10-15T23:45:05+00:00",
        "2025-10-15T23:45:05-23:59",
        "2024-02-29T00:00:00+14:00",
        "9999-12-31T23:59:59-00:00",
        "0001-01-01T00:00:00+00:01",
        "2025-02-29T00:00:00+00:00",
        "2025-10-15T24:00:00+00:00",
        "2025-10-15T23:60:00+00:00",
        "2025-10-15T23:45:60+00:00",
        "2025-10-15T23:45:05+24:00",
        "0000-10-15T23:45:05+00:00",
        "2025-00-15T23:45:05+00:00",
        "2025-10-00T23:45:05+00:00",
    ] {
        let by_position = common_form(text.as_bytes()).expect(text);
        // The general reader, on the same text with a space for the 'T'
        // (which the common form does not take).
        let spaced = text.replacen('T', " ", 1);
        assert_eq!(common_form(spaced.as_bytes()), None);
        assert_eq!(by_position, epoch_micros(&spaced), "{text}");
    }
    for text in [
        "2025-10-15T23:45:05Z",
        "2025-10-15T23:45:05.5+00:00",
        "2025-10-15T23:45:05x00:00",
        "2025-1a-15T23:45:05+00:00",
    ] {
        assert_eq!(common_form(text.as_bytes()), None, "{text}");
    }
}
