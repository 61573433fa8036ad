//! The input of the pipeline (shared/spec/pipeline.md §1, §4) read with
//! serde_json into typed events, one at a time: the array is visited
//! element by element and each event handed on as soon as it is read, so no
//! tree and no list of all events is ever built.
//!
//! Strings are borrowed from the input (`Cow::Borrowed`) unless they hold
//! escapes, which serde_json has to decode into a copy. Only the fields the
//! pipeline uses are kept; serde_json still checks every other value's
//! syntax while skipping it.
//!
//! The `Deserialize` impls are written by hand rather than derived, to read
//! the events as CPython's json and the cpython rung do:
//!
//! - a duplicate key's last value wins (a derived impl refuses duplicates),
//!   so each field is kept as given, whatever its type, and checked only
//!   once the event's object is read, in the cpython rung's order and with
//!   its words ("timestamp is not a string");
//! - user_id and amount are kept as their JSON text (`RawValue`, which
//!   serde_json has checked) and read here, because serde_json decides
//!   between integer and float by range, not by the text (2^64 would become
//!   a float, 1e400 an error), where CPython keeps the int or float the text
//!   says and its float() rounds correctly;
//! - the event's type is sorted into kept or not and its timestamp read
//!   (crate::timestamp), so that what comes out is phase 2's event.

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

use crate::timestamp::{self, TimestampError};

/// The event types the pipeline keeps (§2), each with its upper-cased name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventKind {
    PageView,
    Purchase,
    Click,
    Search,
    AddToCart,
}

impl EventKind {
    /// Every kind, in declaration order (`kind as usize` indexes it).
    pub const ALL: [EventKind; 5] = [
        EventKind::PageView,
        EventKind::Purchase,
        EventKind::Click,
        EventKind::Search,
        EventKind::AddToCart,
    ];

    /// The kind of an `event_type`, or None for a type the pipeline drops.
    fn of(event_type: &str) -> Option<Self> {
        match event_type {
            "page_view" => Some(EventKind::PageView),
            "purchase" => Some(EventKind::Purchase),
            "click" => Some(EventKind::Click),
            "search" => Some(EventKind::Search),
            "add_to_cart" => Some(EventKind::AddToCart),
            _ => None,
        }
    }

    /// The type's name upper-cased, as the result shows it.
    pub fn upper_name(self) -> &'static str {
        match self {
            EventKind::PageView => "PAGE_VIEW",
            EventKind::Purchase => "PURCHASE",
            EventKind::Click => "CLICK",
            EventKind::Search => "SEARCH",
            EventKind::AddToCart => "ADD_TO_CART",
        }
    }
}

/// One event as the pipeline sees it after phase 2 (transform) of §2.
#[derive(Debug, PartialEq)]
pub struct Event<'a> {
    pub user_id: i64,
    /// None when the pipeline drops the event's type.
    pub kind: Option<EventKind>,
    /// Epoch seconds, UTC offset applied.
    pub seconds: f64,
    /// metadata.page, or "" without one.
    pub page: Cow<'a, str>,
    /// metadata.amount, or 0.0 without one.
    pub amount: f64,
}

/// Why the input could not be read, and where.
#[derive(Debug, PartialEq, Eq)]
pub struct InputError {
    /// What is wrong, in the cpython rung's words for an event that is not
    /// as expected, or serde_json's for input that is not JSON.
    pub message: String,
    /// The index of the event being read, when inside the array.
    pub event: Option<usize>,
    /// The byte of the input where the problem was found.
    pub offset: usize,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(index) = self.event {
            write!(f, " (event {index})")?;
        }
        write!(f, " at byte {}", self.offset)
    }
}

impl std::error::Error for InputError {}

/// Reads the input, a JSON array of events, and hands each event to `sink`
/// in input order. The input must be UTF-8 (checked first, as CPython's
/// bytes.decode() does, so that skipped strings are checked too).
pub fn read_events<'a>(input: &'a [u8], sink: impl FnMut(Event<'a>)) -> Result<(), InputError> {
    let text = std::str::from_utf8(input).map_err(|e| InputError {
        message: "invalid UTF-8".to_owned(),
        event: None,
        offset: e.valid_up_to(),
    })?;
    let mut reading = None;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer
        .deserialize_any(EventsVisitor {
            sink,
            reading: &mut reading,
        })
        .and_then(|()| deserializer.end())
        .map_err(|e| input_error(&e, text, reading))
}

/// serde_json says where as a line and a column (of the byte after the
/// one at fault); the spec asks for the byte offset.
fn input_error(error: &serde_json::Error, text: &str, event: Option<usize>) -> InputError {
    let full = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let mut message = full.strip_suffix(&position).unwrap_or(&full).to_owned();
    // serde_json's words for a \u escape of half a surrogate pair (the
    // only ways it says them), which CPython would keep in its str.
    if message == "unexpected end of hex escape"
        || message == "lone leading surrogate in hex escape"
    {
        message = "lone surrogate escape in a string, which a Rust str cannot hold".to_owned();
    }
    let offset = if error.is_eof() {
        text.len()
    } else {
        let line_start = match error.line() {
            0 | 1 => 0,
            line => text
                .match_indices('\n')
                .nth(line - 2)
                .map_or(text.len(), |(i, _)| i + 1),
        };
        (line_start + error.column()).saturating_sub(1)
    };
    InputError {
        message,
        event,
        offset,
    }
}

/// `Visitor` methods for JSON values a visitor does not read: each returns
/// `$result`, an error refusing the value or a marker standing for it.
macro_rules! other_values {
    (numbers, booleans, null => $result:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            $result
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            $result
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            $result
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            $result
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            $result
        }
    };
    (strings => $result:expr) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            $result
        }
    };
}

/// Skips the rest of an array that stands for a value of the wrong type.
fn skip_array<'de, A: SeqAccess<'de>>(mut array: A) -> Result<(), A::Error> {
    while array.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Skips the rest of an object that stands for a value of the wrong type.
fn skip_object<'de, A: MapAccess<'de>>(mut object: A) -> Result<(), A::Error> {
    while object.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// The top-level array. `reading` is the index of the event being read,
/// None once past the array, so that an error can say which event it is in.
struct EventsVisitor<'r, F> {
    sink: F,
    reading: &'r mut Option<usize>,
}

const NOT_AN_ARRAY: &str = "expected a JSON array of events";

impl<'de, F: FnMut(Event<'de>)> Visitor<'de> for EventsVisitor<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of events")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut events: A) -> Result<(), A::Error> {
        for index in 0.. {
            *self.reading = Some(index);
            match events.next_element::<Event<'de>>()? {
                Some(event) => (self.sink)(event),
                None => break,
            }
        }
        *self.reading = None;
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(NOT_AN_ARRAY))
    }

    other_values!(numbers, booleans, null => Err(de::Error::custom(NOT_AN_ARRAY)));
    other_values!(strings => Err(de::Error::custom(NOT_AN_ARRAY)));
}

/// An event's keys: the four the pipeline reads, and any other.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum EventKey {
    UserId,
    EventType,
    Timestamp,
    Metadata,
    #[serde(other)]
    Other,
}

impl<'de> Deserialize<'de> for Event<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EventVisitor)
    }
}

struct EventVisitor;

const NOT_AN_OBJECT: &str = "event is not an object";

impl<'de> Visitor<'de> for EventVisitor {
    type Value = Event<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event object")
    }

    /// Keeps each field's last value, then checks them in the cpython
    /// rung's order: which fields are there, then each one's type.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event<'de>, A::Error> {
        let mut user_id: Option<&RawValue> = None;
        let mut event_type: Option<MaybeStr<'de>> = None;
        let mut timestamp: Option<MaybeStr<'de>> = None;
        let mut metadata: Option<Option<Metadata<'de>>> = None;
        while let Some(key) = map.next_key()? {
            match key {
                EventKey::UserId => user_id = Some(map.next_value()?),
                EventKey::EventType => event_type = Some(map.next_value()?),
                EventKey::Timestamp => timestamp = Some(map.next_value()?),
                EventKey::Metadata => metadata = Some(map.next_value::<MaybeObject<_>>()?.0),
                EventKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let missing = |name| de::Error::custom(format_args!("event has no '{name}'"));
        let user_id = user_id.ok_or_else(|| missing("user_id"))?;
        let event_type = event_type.ok_or_else(|| missing("event_type"))?;
        let timestamp = timestamp.ok_or_else(|| missing("timestamp"))?;
        let metadata = metadata.ok_or_else(|| missing("metadata"))?;

        let wrong = de::Error::custom;
        let user_id =
            read_int64(user_id.get()).ok_or_else(|| wrong("user_id is not a 64-bit integer"))?;
        let event_type = event_type
            .0
            .ok_or_else(|| wrong("event_type is not a string"))?;
        let timestamp = timestamp
            .0
            .ok_or_else(|| wrong("timestamp is not a string"))?;
        let seconds = timestamp::epoch_seconds(&timestamp).map_err(|e| match e {
            TimestampError::Invalid => {
                de::Error::custom(format_args!("invalid isoformat string: '{timestamp}'"))
            }
            TimestampError::NoOffset => {
                de::Error::custom(format_args!("timestamp '{timestamp}' has no UTC offset"))
            }
        })?;
        let metadata = metadata.ok_or_else(|| wrong("metadata is not an object"))?;
        let page = match metadata.page {
            None => Cow::Borrowed(""),
            Some(page) => page.0.ok_or_else(|| wrong("page is not a string"))?,
        };
        let amount = match metadata.amount {
            None => 0.0,
            Some(amount) => read_amount(amount.get()).map_err(wrong)?,
        };
        Ok(Event {
            user_id,
            kind: EventKind::of(&event_type),
            seconds,
            page,
            amount,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Event<'de>, A::Error> {
        Err(de::Error::custom(NOT_AN_OBJECT))
    }

    other_values!(numbers, booleans, null => Err(de::Error::custom(NOT_AN_OBJECT)));
    other_values!(strings => Err(de::Error::custom(NOT_AN_OBJECT)));
}

/// The integer a JSON value's text stands for, as CPython's json reads it,
/// if it is an integer (no fraction, no exponent) within an i64. The text
/// is valid JSON (serde_json has checked it), and of JSON texts only such
/// integers parse as an i64.
fn read_int64(json: &str) -> Option<i64> {
    json.parse().ok()
}

/// A JSON number's text as float(x) of what CPython's json reads: the
/// float nearest to it, integer or not (Rust's parsing rounds correctly).
fn read_amount(json: &str) -> Result<f64, &'static str> {
    let number = json.starts_with(|c: char| c == '-' || c.is_ascii_digit());
    let amount: f64 = number
        .then(|| json.parse().ok())
        .flatten()
        .ok_or("amount is not a number")?;
    if amount.is_finite() {
        Ok(amount)
    } else {
        Err("amount is out of range")
    }
}

/// The two metadata fields the pipeline reads, each as the JSON text
/// given (the last one, if given twice); the event's visitor checks them.
struct Metadata<'a> {
    page: Option<MaybeStr<'a>>,
    amount: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum MetadataKey {
    Page,
    Amount,
    #[serde(other)]
    Other,
}

/// A value that should be an object: Some(T) if it is, None for any other
/// JSON value (skipped), so that the check can wait for the last duplicate.
struct MaybeObject<T>(Option<T>);

impl<'de> Deserialize<'de> for MaybeObject<Metadata<'de>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MetadataVisitor)
    }
}

struct MetadataVisitor;

impl<'de> Visitor<'de> for MetadataVisitor {
    type Value = MaybeObject<Metadata<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("metadata")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut metadata = Metadata {
            page: None,
            amount: None,
        };
        while let Some(key) = map.next_key()? {
            match key {
                MetadataKey::Page => metadata.page = Some(map.next_value()?),
                MetadataKey::Amount => metadata.amount = Some(map.next_value()?),
                MetadataKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(MaybeObject(Some(metadata)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, array: A) -> Result<Self::Value, A::Error> {
        skip_array(array).map(|()| MaybeObject(None))
    }

    other_values!(numbers, booleans, null => Ok(MaybeObject(None)));
    other_values!(strings => Ok(MaybeObject(None)));
}

/// A value that should be a string: Some(text), borrowed from the input
/// unless it has escapes, or None for any other JSON value (skipped).
struct MaybeStr<'a>(Option<Cow<'a, str>>);

impl<'de> Deserialize<'de> for MaybeStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MaybeStrVisitor)
    }
}

struct MaybeStrVisitor;

impl<'de> Visitor<'de> for MaybeStrVisitor {
    type Value = MaybeStr<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(MaybeStr(Some(Cow::Borrowed(value))))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(MaybeStr(Some(Cow::Owned(value.to_owned()))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, array: A) -> Result<Self::Value, A::Error> {
        skip_array(array).map(|()| MaybeStr(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, object: A) -> Result<Self::Value, A::Error> {
        skip_object(object).map(|()| MaybeStr(None))
    }

    other_values!(numbers, booleans, null => Ok(MaybeStr(None)));
}

#[cfg(test)]
mod tests;
