//! Unit tests of aggregate.rs: rounding, and the per-user figures.

use super::*;

#[test]
fn rounds_as_python_does() {
    // round(x, 2) in CPython, for ties on the exact binary value and
    // values just off them.
    let cases = [
        (0.125, 0.12),
        (0.375, 0.38),
        (2.675, 2.67),
        (1.005, 1.0),
        (0.015, 0.01),
        (0.025, 0.03),
        (-0.125, -0.12),
        (1461676.155, 1461676.16),
        (15657386.0, 15657386.0),
        (5e-324, 0.0),
        (1e300, 1e300),
    ];
    for (x, want) in cases {
        assert_eq!(round2(x), want, "round({x}, 2)");
    }
    assert!(round2(-0.001).is_sign_negative());
    assert_eq!(round2(f64::INFINITY), f64::INFINITY);
}

fn event(user_id: i64, kind: EventKind, day: i64, page: &str, amount: f64) -> Event<'_> {
    Event {
        user_id,
        kind: Some(kind),
        seconds: utc_epoch_seconds((2025, 4, day), 0, 0, 0),
        page: Cow::Borrowed(page),
        amount,
    }
}

#[test]
fn aggregates_per_user_and_breaks_ties_by_first_count() {
    let mut aggregator = Aggregator::default();
    aggregator.add(event(2, EventKind::Search, 3, "/b", 0.0));
    aggregator.add(event(1, EventKind::Purchase, 2, "/x", 150.25));
    aggregator.add(event(2, EventKind::Click, 1, "/a", 0.0));
    aggregator.add(event(2, EventKind::Click, 2, "/a", 0.0));
    aggregator.add(event(2, EventKind::Search, 4, "/b", 0.0));
    aggregator.add(Event {
        kind: None,
        ..event(3, EventKind::Click, 1, "/", 0.0)
    });
    aggregator.add(Event {
        seconds: WINDOW_END + 1.0,
        ..event(3, EventKind::Click, 1, "/", 0.0)
    });
    aggregator.add(Event {
        seconds: WINDOW_END,
        ..event(3, EventKind::Click, 1, "/", 0.0)
    });
    let summary = aggregator.finish();

    assert_eq!((summary.total_events, summary.total_high_value), (6, 1));
    assert_eq!(summary.total_amount, 150.25);
    let ids: Vec<i64> = summary.users.iter().map(|user| user.user_id).collect();
    assert_eq!(ids, [1, 2, 3]);
    let two = &summary.users[1];
    assert_eq!(two.event_count, 4);
    assert_eq!(two.duration_seconds, 3.0 * 86_400.0);
    // SEARCH and CLICK twice each, "/b" and "/a" twice each: the first counted wins.
    assert_eq!(two.top_event_type, EventKind::Search);
    assert_eq!(summary.pages[two.top_page], "/b");
    assert_eq!(summary.users[2].duration_seconds, 0.0);
}
