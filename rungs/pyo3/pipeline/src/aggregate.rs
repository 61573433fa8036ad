//! Phases 1, 3 and 4 of the pipeline (shared/spec/pipeline.md §2): drop
//! the events outside the kept types and the time window, aggregate the
//! rest per user, and finalize each user's figures and the totals, with
//! the same floating-point operations in the same order as the cpython
//! rung, so that the result is the same to the last bit.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::Hash;

use crate::events::{Event, EventKind};
use crate::timestamp::utc_epoch_seconds;

const WINDOW_START: f64 = utc_epoch_seconds((2025, 3, 1), 0, 0, 0);
const WINDOW_END: f64 = utc_epoch_seconds((2025, 9, 30), 23, 59, 59);
/// An amount above this makes an event high-value.
const HIGH_VALUE: f64 = 100.0;

/// Counts per key, the keys in the order they were first counted. A user
/// has a few distinct keys: they are found by a scan of one small array,
/// and only past `SCAN_LIMIT` of them through a hash index.
struct Tally<K> {
    counts: Vec<(K, u64)>,
    index: Option<HashMap<K, usize>>,
}

/// Keys a tally scans before it builds its index.
const SCAN_LIMIT: usize = 16;

impl<K: Copy + Eq + Hash> Tally<K> {
    fn new() -> Self {
        Tally {
            counts: Vec::new(),
            index: None,
        }
    }

    fn add(&mut self, key: K) {
        let found = match &self.index {
            Some(index) => index.get(&key).copied(),
            None => self.counts.iter().position(|&(k, _)| k == key),
        };
        if let Some(position) = found {
            self.counts[position].1 += 1;
            return;
        }
        self.counts.push((key, 1));
        if let Some(index) = &mut self.index {
            index.insert(key, self.counts.len() - 1);
        } else if self.counts.len() > SCAN_LIMIT {
            let positions = self
                .counts
                .iter()
                .enumerate()
                .map(|(position, &(k, _))| (k, position));
            self.index = Some(positions.collect());
        }
    }

    /// The key with the highest count, ties going to the key counted
    /// first, as with CPython's Counter.most_common(1); None if empty.
    fn most_common(&self) -> Option<K> {
        let mut best: Option<(K, u64)> = None;
        for &(key, count) in &self.counts {
            if best.is_none_or(|(_, most)| count > most) {
                best = Some((key, count));
            }
        }
        best.map(|(key, _)| key)
    }
}

/// Each distinct page once, numbered in order of appearance: users count
/// numbers, and the result's strings are made once per page.
#[derive(Default)]
struct Pages<'a> {
    numbers: HashMap<Cow<'a, str>, usize>,
    names: Vec<Cow<'a, str>>,
}

impl<'a> Pages<'a> {
    fn number(&mut self, page: Cow<'a, str>) -> usize {
        if let Some(&number) = self.numbers.get(&page) {
            return number;
        }
        let number = self.names.len();
        self.names.push(page.clone());
        self.numbers.insert(page, number);
        number
    }
}

/// One user's aggregate of phase 3.
struct UserStats {
    user_id: i64,
    event_count: u64,
    amount: f64,
    high_value_count: u64,
    first_seen: f64,
    last_seen: f64,
    event_types: Tally<EventKind>,
    pages: Tally<usize>,
}

impl UserStats {
    fn new(user_id: i64, seconds: f64) -> Self {
        UserStats {
            user_id,
            event_count: 0,
            amount: 0.0,
            high_value_count: 0,
            first_seen: seconds,
            last_seen: seconds,
            event_types: Tally::new(),
            pages: Tally::new(),
        }
    }

    fn add(&mut self, kind: EventKind, page: usize, seconds: f64, amount: f64) {
        self.event_count += 1;
        self.amount += amount;
        if amount > HIGH_VALUE {
            self.high_value_count += 1;
        }
        self.first_seen = self.first_seen.min(seconds);
        self.last_seen = self.last_seen.max(seconds);
        self.event_types.add(kind);
        self.pages.add(page);
    }

    fn finish(&self) -> UserSummary {
        const COUNTED: &str = "a user is made by an event, so it has counts";
        UserSummary {
            user_id: self.user_id,
            event_count: self.event_count,
            total_amount: round2(self.amount),
            high_value_count: self.high_value_count,
            duration_seconds: round2(self.last_seen - self.first_seen),
            top_event_type: self.event_types.most_common().expect(COUNTED),
            top_page: self.pages.most_common().expect(COUNTED),
        }
    }
}

/// One user of the result (§3).
#[derive(Debug, PartialEq)]
pub struct UserSummary {
    pub user_id: i64,
    pub event_count: u64,
    pub total_amount: f64,
    pub high_value_count: u64,
    pub duration_seconds: f64,
    pub top_event_type: EventKind,
    /// The top page's number in `Summary::pages`.
    pub top_page: usize,
}

/// The result (§3): the totals, and the users sorted by user_id.
#[derive(Debug, PartialEq)]
pub struct Summary<'a> {
    pub total_events: u64,
    pub total_amount: f64,
    pub total_high_value: u64,
    pub users: Vec<UserSummary>,
    /// Every distinct page of the kept events, by number.
    pub pages: Vec<Cow<'a, str>>,
}

/// Phases 1 and 3, one event at a time; `finish` does phase 4. Users are
/// kept in the order of their first kept event, which the total amount's
/// sum follows.
#[derive(Default)]
pub struct Aggregator<'a> {
    positions: HashMap<i64, usize>,
    users: Vec<UserStats>,
    pages: Pages<'a>,
}

impl<'a> Aggregator<'a> {
    pub fn add(&mut self, event: Event<'a>) {
        let Some(kind) = event.kind else { return };
        if !(WINDOW_START..=WINDOW_END).contains(&event.seconds) {
            return;
        }
        let position = *self.positions.entry(event.user_id).or_insert_with(|| {
            self.users
                .push(UserStats::new(event.user_id, event.seconds));
            self.users.len() - 1
        });
        let page = self.pages.number(event.page);
        self.users[position].add(kind, page, event.seconds, event.amount);
    }

    pub fn finish(self) -> Summary<'a> {
        // One after the other, from 0.0, as the cpython rung adds them.
        let total_amount = self
            .users
            .iter()
            .fold(0.0, |total, user| total + user.amount);
        let total_events = self.users.iter().map(|user| user.event_count).sum();
        let total_high_value = self.users.iter().map(|user| user.high_value_count).sum();
        let mut users: Vec<UserSummary> = self.users.iter().map(UserStats::finish).collect();
        users.sort_unstable_by_key(|user| user.user_id);
        Summary {
            total_events,
            total_amount: round2(total_amount),
            total_high_value,
            users,
            pages: self.pages.names,
        }
    }
}

/// CPython's round(x, 2): the decimal with two places nearest to x's exact
/// binary value (ties to even), read back as the nearest float. Rust's
/// `{:.2}` formats exactly that decimal, and parsing rounds correctly.
fn round2(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.2}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests;
