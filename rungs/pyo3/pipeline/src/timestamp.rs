//! Event timestamps read as CPython's `datetime.fromisoformat` reads them,
//! then turned into epoch seconds as `datetime.timestamp()` computes them
//! (shared/spec/pipeline.md §2: the UTC offset applied; a timestamp without
//! one is an error here, where CPython would use the local time zone).
//!
//! The form read is ISO 8601's extended one, which every CPython from 3.10
//! on reads:
//!
//! ```text
//! YYYY-MM-DD ('T' | ' ') HH[:MM[:SS[.fraction]]] ('Z' | ('+' | '-') HH[:MM[:SS[.fraction]]])
//! ```
//!
//! A fraction has one or more digits, truncated to microseconds (CPython
//! 3.11 on; 3.10 takes exactly 3 or 6). CPython 3.11's other forms (the
//! basic format without separators, week dates, a ',' before the fraction)
//! are refused as invalid.

/// What is wrong with a timestamp.
#[derive(Debug, PartialEq, Eq)]
pub enum TimestampError {
    /// Not a date and time of the form above, or not a real one (month 13,
    /// 30 February, an offset of a day or more).
    Invalid,
    /// A valid date and time, but no UTC offset.
    NoOffset,
}

const MICROS_PER_SECOND: i64 = 1_000_000;
const SECONDS_PER_MINUTE: i64 = 60;
const MINUTES_PER_HOUR: i64 = 60;
const SECONDS_PER_DAY: i64 = 86_400;
const FRACTION_DIGITS: usize = 6;
const MAX_YEAR: i64 = 9999;

/// Days from 1970-01-01 to the given date of the proleptic Gregorian
/// calendar, by counting whole 400-year eras (of 146,097 days) from
/// 0000-03-01 and then days into the era, with March as the first month so
/// that the leap day ends the year.
pub const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    const DAYS_PER_ERA: i64 = 146_097;
    const DAYS_FROM_0000_03_01_TO_EPOCH: i64 = 719_468;
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * DAYS_PER_ERA + day_of_era - DAYS_FROM_0000_03_01_TO_EPOCH
}

/// Epoch seconds of a UTC date and time with whole seconds.
pub const fn utc_epoch_seconds(date: (i64, i64, i64), hour: i64, minute: i64, second: i64) -> f64 {
    let (year, month, day) = date;
    let time_of_day = (hour * MINUTES_PER_HOUR + minute) * SECONDS_PER_MINUTE + second;
    (days_from_civil(year, month, day) * SECONDS_PER_DAY + time_of_day) as f64
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A cursor over the timestamp's bytes.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl Cursor<'_> {
    /// Takes exactly N decimal digits.
    fn digits<const N: usize>(&mut self) -> Result<i64, TimestampError> {
        let (head, tail) = self
            .rest
            .split_first_chunk::<N>()
            .ok_or(TimestampError::Invalid)?;
        let mut value = 0;
        for &byte in head {
            let digit = byte.wrapping_sub(b'0');
            if digit > 9 {
                return Err(TimestampError::Invalid);
            }
            value = value * 10 + i64::from(digit);
        }
        self.rest = tail;
        Ok(value)
    }

    /// Takes the byte if it is `expected`.
    fn eat(&mut self, expected: u8) -> bool {
        match self.rest.split_first() {
            Some((&byte, tail)) if byte == expected => {
                self.rest = tail;
                true
            }
            _ => false,
        }
    }

    /// Takes the byte, which must be `expected`.
    fn expect(&mut self, expected: u8) -> Result<(), TimestampError> {
        if self.eat(expected) {
            Ok(())
        } else {
            Err(TimestampError::Invalid)
        }
    }

    /// Takes the next byte, if any.
    fn next(&mut self) -> Option<u8> {
        let (&byte, tail) = self.rest.split_first()?;
        self.rest = tail;
        Some(byte)
    }

    /// HH[:MM[:SS[.fraction]]] as microseconds since midnight.
    fn time_of_day(&mut self) -> Result<i64, TimestampError> {
        let hour = self.digits::<2>()?;
        let (mut minute, mut second, mut micros) = (0, 0, 0);
        if self.eat(b':') {
            minute = self.digits::<2>()?;
            if self.eat(b':') {
                second = self.digits::<2>()?;
                if self.eat(b'.') {
                    micros = self.fraction()?;
                }
            }
        }
        clock_micros(hour, minute, second, micros)
    }

    /// One or more digits after the point, as microseconds (truncated).
    fn fraction(&mut self) -> Result<i64, TimestampError> {
        let count = self.rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return Err(TimestampError::Invalid);
        }
        let (digits, tail) = self.rest.split_at(count);
        let mut micros = 0;
        for place in 0..FRACTION_DIGITS {
            micros = micros * 10 + digits.get(place).map_or(0, |&b| i64::from(b - b'0'));
        }
        self.rest = tail;
        Ok(micros)
    }
}

/// Microseconds from midnight of a date, checked: a real day of years 1
/// to 9999.
fn date_micros(year: i64, month: i64, day: i64) -> Result<i64, TimestampError> {
    if !(1..=MAX_YEAR).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
    {
        return Err(TimestampError::Invalid);
    }
    Ok(days_from_civil(year, month, day) * SECONDS_PER_DAY * MICROS_PER_SECOND)
}

/// Microseconds since midnight of a time of day, checked.
fn clock_micros(hour: i64, minute: i64, second: i64, micros: i64) -> Result<i64, TimestampError> {
    if hour > 23 || minute > 59 || second > 59 {
        return Err(TimestampError::Invalid);
    }
    let seconds = (hour * MINUTES_PER_HOUR + minute) * SECONDS_PER_MINUTE + second;
    Ok(seconds * MICROS_PER_SECOND + micros)
}

/// The length of YYYY-MM-DDTHH:MM:SS+HH:MM.
const COMMON_FORM_LENGTH: usize = 25;

/// The generator's form, YYYY-MM-DDTHH:MM:SS+HH:MM (datetime.isoformat()'s
/// for whole seconds), read by position, a third of the work of reading it
/// in general: Some(result) if the text has this shape, else None.
fn common_form(text: &[u8]) -> Option<Result<i64, TimestampError>> {
    let b: &[u8; COMMON_FORM_LENGTH] = text.try_into().ok()?;
    let separators = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (22, b':'),
    ];
    if separators.iter().any(|&(at, separator)| b[at] != separator) {
        return None;
    }
    let sign = match b[19] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let two_digits = |at: usize| {
        let (tens, ones) = (b[at].wrapping_sub(b'0'), b[at + 1].wrapping_sub(b'0'));
        (tens <= 9 && ones <= 9).then_some(i64::from(tens) * 10 + i64::from(ones))
    };
    let year = two_digits(0)? * 100 + two_digits(2)?;
    let (month, day) = (two_digits(5)?, two_digits(8)?);
    let (hour, minute, second) = (two_digits(11)?, two_digits(14)?, two_digits(17)?);
    let (offset_hours, offset_minutes) = (two_digits(20)?, two_digits(23)?);
    Some((|| {
        let local = date_micros(year, month, day)? + clock_micros(hour, minute, second, 0)?;
        Ok(local - sign * clock_micros(offset_hours, offset_minutes, 0, 0)?)
    })())
}

/// Microseconds since 1970-01-01T00:00:00Z.
pub fn epoch_micros(text: &str) -> Result<i64, TimestampError> {
    if let Some(micros) = common_form(text.as_bytes()) {
        return micros;
    }
    let mut cursor = Cursor {
        rest: text.as_bytes(),
    };
    let year = cursor.digits::<4>()?;
    cursor.expect(b'-')?;
    let month = cursor.digits::<2>()?;
    cursor.expect(b'-')?;
    let day = cursor.digits::<2>()?;
    let date = date_micros(year, month, day)?;
    match cursor.next() {
        None => return Err(TimestampError::NoOffset),
        Some(b'T' | b' ') => {}
        Some(_) => return Err(TimestampError::Invalid),
    }
    let local = date + cursor.time_of_day()?;
    let offset = match cursor.next() {
        None => return Err(TimestampError::NoOffset),
        Some(b'Z') => 0,
        Some(b'+') => cursor.time_of_day()?,
        Some(b'-') => -cursor.time_of_day()?,
        Some(_) => return Err(TimestampError::Invalid),
    };
    if !cursor.rest.is_empty() {
        return Err(TimestampError::Invalid);
    }
    Ok(local - offset)
}

/// Epoch seconds as `datetime.timestamp()` gives them: the microseconds
/// divided by a million in floating point, which is exact for every
/// timestamp the pipeline keeps (and for any within years 1685 to 2255).
pub fn epoch_seconds(text: &str) -> Result<f64, TimestampError> {
    epoch_micros(text).map(|micros| micros as f64 / MICROS_PER_SECOND as f64)
}

#[cfg(test)]
mod tests;
