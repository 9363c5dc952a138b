//! Putting a ratee's evidence on the rating scale, so the detectors can use
//! it as one more rater: goals on track or done and praise count for the
//! person, goals behind and constructive feedback against. The same
//! reading as the review form's evidence warning (`review_evidence`), as a
//! number instead of a sentence.

use super::Evidence;
use crate::reviews::evidence::MIN_POINTS;
use crate::shared::date::Day;

/// Fewer points than this in the last quarter say nothing about recency:
/// the recent reading is then the whole period's.
pub const MIN_RECENT_POINTS: u32 = 3;

/// The first day of the period's last quarter (as the review form's
/// recency warning counts it).
pub fn last_quarter_from(from: Day, to: Day) -> Day {
    let span = from.days_until(to) + 1;
    to.plus_days(1 - (span / 4).max(1))
}

/// Evidence counted over a stretch of the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Goals on track or done, and praise received.
    pub good: u32,
    /// Goals (abandoned ones left out) and feedback with a tone.
    pub points: u32,
}

impl Tally {
    pub fn add(&mut self, good: bool) {
        self.add_many(u32::from(good), 1);
    }

    /// `points` more points, `good` of them good (a day's feedback counts).
    pub fn add_many(&mut self, good: u32, points: u32) {
        self.points += points;
        self.good += good;
    }

    /// 1 when everything is behind or constructive, 5 when everything is
    /// on track or praise.
    pub fn score(self) -> f64 {
        1.0 + 4.0 * f64::from(self.good) / f64::from(self.points.max(1))
    }
}

/// The ratee's evidence on the 1–5 scale, or `None` when the whole period
/// holds too little to argue with a rating (as the review form decides).
pub fn evidence(whole: Tally, recent: Tally) -> Option<Evidence> {
    if whole.points < MIN_POINTS {
        return None;
    }
    let w = whole.score();
    let r = if recent.points >= MIN_RECENT_POINTS {
        recent.score()
    } else {
        w
    };
    Some(Evidence { whole: w, recent: r })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(good: u32, points: u32) -> Tally {
        Tally { good, points }
    }

    #[test]
    fn all_good_is_five_all_behind_is_one() {
        assert_eq!(t(6, 6).score(), 5.0);
        assert_eq!(t(0, 6).score(), 1.0);
        assert_eq!(t(3, 6).score(), 3.0);
    }

    #[test]
    fn too_little_evidence_is_none_not_a_middle_score() {
        assert_eq!(evidence(t(3, 3), t(3, 3)), None);
        assert!(evidence(t(4, 4), Tally::default()).is_some());
    }

    #[test]
    fn a_thin_last_quarter_falls_back_to_the_whole_period() {
        let e = evidence(t(2, 8), t(2, 2)).unwrap();
        assert_eq!((e.whole, e.recent), (2.0, 2.0));
        let e = evidence(t(2, 8), t(0, 4)).unwrap();
        assert_eq!((e.whole, e.recent), (2.0, 1.0));
    }

    #[test]
    fn the_last_quarter_of_a_half_year_starts_in_may() {
        let d = |s| Day::parse(s).unwrap();
        assert_eq!(last_quarter_from(d("2026-01-01"), d("2026-06-30")), d("2026-05-17"));
        assert_eq!(last_quarter_from(d("2026-01-01"), d("2026-01-01")), d("2026-01-01"));
    }

    #[test]
    fn add_counts_points_and_good_ones() {
        let mut x = Tally::default();
        x.add(true);
        x.add(false);
        x.add(true);
        assert_eq!(x, t(2, 3));
        x.add_many(1, 4);
        assert_eq!(x, t(3, 7));
    }
}
