//! When a notification's email is due, in the person's own time zone:
//! "at once" after a short gathering window (so a burst becomes one
//! message), digests at 08:00 local on the next morning or Monday, and
//! nothing inside quiet hours. The due time is fixed when the notification
//! is made, so a restart or a second process computes nothing again.

use crate::notify::model::Delivery;
use crate::notify::rules::is_quiet;
use jiff::civil::Weekday;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, Zoned};

/// The local hour digests go out.
pub const DIGEST_HOUR: i8 = 8;

/// A time zone by name; UTC when unknown or unset (HR's field is optional).
pub fn zone(name: Option<&str>) -> TimeZone {
    name.filter(|n| !n.is_empty())
        .and_then(|n| TimeZone::get(n).ok())
        .unwrap_or(TimeZone::UTC)
}

/// The next local time at `hour`:00 strictly after `t`.
fn next_hour(t: &Zoned, hour: i8) -> Zoned {
    let today = t
        .date()
        .at(hour, 0, 0, 0)
        .to_zoned(t.time_zone().clone())
        .unwrap_or_else(|_| t.clone());
    if today > *t {
        today
    } else {
        t.date()
            .tomorrow()
            .ok()
            .and_then(|d| d.at(hour, 0, 0, 0).to_zoned(t.time_zone().clone()).ok())
            .unwrap_or_else(|| t.clone())
    }
}

/// `t`, or the end of quiet hours when `t` falls inside them.
fn after_quiet(t: Zoned, quiet: Option<(u8, u8)>) -> Zoned {
    match quiet {
        Some((_, to)) if is_quiet(t.hour() as u8, quiet) => next_hour(&t, to as i8),
        _ => t,
    }
}

/// When to email a notification made at `at`; None when it is not emailed.
pub fn mail_due(
    at: Timestamp,
    delivery: Delivery,
    gather_secs: i64,
    quiet: Option<(u8, u8)>,
    tz: &TimeZone,
) -> Option<Timestamp> {
    let local = at.to_zoned(tz.clone());
    let due = match delivery {
        Delivery::Off => return None,
        Delivery::Now => local.checked_add(gather_secs.seconds()).unwrap_or(local),
        Delivery::Daily => next_hour(&local, DIGEST_HOUR),
        Delivery::Weekly => {
            let mut d = next_hour(&local, DIGEST_HOUR);
            while d.weekday() != Weekday::Monday {
                d = next_hour(&d, DIGEST_HOUR);
            }
            d
        }
    };
    Some(after_quiet(due, quiet).timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn at_once_waits_only_the_gathering_window() {
        let t = at("2026-12-02T10:00:00Z");
        assert_eq!(
            mail_due(t, Delivery::Now, 60, None, &TimeZone::UTC),
            Some(at("2026-12-02T10:01:00Z"))
        );
        assert_eq!(mail_due(t, Delivery::Off, 60, None, &TimeZone::UTC), None);
    }

    #[test]
    fn quiet_hours_hold_mail_until_they_end_in_local_time() {
        let berlin = zone(Some("Europe/Berlin"));
        // 22:30 UTC is 23:30 in Berlin (winter): quiet 22–7 holds it until 07:00 Berlin, 06:00 UTC.
        let t = at("2026-12-02T22:30:00Z");
        assert_eq!(
            mail_due(t, Delivery::Now, 60, Some((22, 7)), &berlin),
            Some(at("2026-12-03T06:00:00Z"))
        );
        // The same moment in UTC is also quiet; in New York (17:30) it is not.
        let ny = zone(Some("America/New_York"));
        assert_eq!(mail_due(t, Delivery::Now, 0, Some((22, 7)), &ny), Some(t));
    }

    #[test]
    fn digests_go_at_eight_local_the_next_morning_or_monday() {
        let tokyo = zone(Some("Asia/Tokyo"));
        // Wednesday 2 December 2026, 10:00 UTC is 19:00 in Tokyo: the digest is 08:00 Thursday Tokyo, 23:00 UTC Wednesday.
        let t = at("2026-12-02T10:00:00Z");
        assert_eq!(
            mail_due(t, Delivery::Daily, 60, None, &tokyo),
            Some(at("2026-12-02T23:00:00Z"))
        );
        // Before 08:00 local it is the same morning.
        assert_eq!(
            mail_due(at("2026-12-02T05:00:00Z"), Delivery::Daily, 60, None, &TimeZone::UTC),
            Some(at("2026-12-02T08:00:00Z"))
        );
        // Weekly: Monday 7 December, 08:00 UTC.
        assert_eq!(
            mail_due(t, Delivery::Weekly, 60, None, &TimeZone::UTC),
            Some(at("2026-12-07T08:00:00Z"))
        );
        // On a Monday after 08:00, the next Monday.
        assert_eq!(
            mail_due(at("2026-12-07T09:00:00Z"), Delivery::Weekly, 60, None, &TimeZone::UTC),
            Some(at("2026-12-14T08:00:00Z"))
        );
        // A digest hour inside quiet hours moves to their end.
        assert_eq!(
            mail_due(t, Delivery::Daily, 60, Some((6, 9)), &TimeZone::UTC),
            Some(at("2026-12-03T09:00:00Z"))
        );
    }

    #[test]
    fn an_unknown_zone_counts_as_utc() {
        assert_eq!(zone(Some("Mars/Olympus")), TimeZone::UTC);
        assert_eq!(zone(None), TimeZone::UTC);
        assert_eq!(zone(Some("")), TimeZone::UTC);
    }
}
