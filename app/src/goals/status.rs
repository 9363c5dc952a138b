//! Suggesting a goal's status from progress against time elapsed. The owner
//! or a manager may override it; the suggestion stays visible beside it.

use crate::goals::model::Status;
use crate::shared::date::Day;

/// Progress this far behind the calendar is "at risk"...
pub const AT_RISK_GAP: f64 = 0.15;
/// ...and this far behind, "off track".
pub const OFF_TRACK_GAP: f64 = 0.35;
/// Before this share of the period has passed, nobody is behind yet.
pub const GRACE: f64 = 0.10;

/// The share of `start..=end` that has passed on `today`, 0.0–1.0.
pub fn elapsed(start: Day, end: Day, today: Day) -> f64 {
    let total = start.days_until(end) + 1;
    if total <= 0 {
        return 1.0;
    }
    (start.days_until(today) as f64 / total as f64).clamp(0.0, 1.0)
}

/// A suggested status and the plain-words reason for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub status: Status,
    pub reason: String,
}

/// Suggests a status from progress (0–1), the share of the period elapsed,
/// and the latest check-in confidence (1–10), if any.
pub fn suggest(progress: f64, elapsed: f64, confidence: Option<u8>) -> Suggestion {
    let pct = |x: f64| (x * 100.0).round() as i64;
    let facts = format!("{}% done with {}% of the period gone", pct(progress), pct(elapsed));
    if progress >= 1.0 {
        return Suggestion {
            status: Status::Done,
            reason: format!("Every key result is met ({facts})."),
        };
    }
    let gap = elapsed - progress;
    let mut status = if elapsed < GRACE || gap <= AT_RISK_GAP {
        Status::OnTrack
    } else if gap <= OFF_TRACK_GAP {
        Status::AtRisk
    } else {
        Status::OffTrack
    };
    let mut reason = match status {
        Status::OnTrack => format!("Keeping pace: {facts}."),
        Status::AtRisk => format!("Falling behind: {facts}."),
        _ => format!("Well behind: {facts}."),
    };
    if status == Status::OnTrack && confidence.is_some_and(|c| c <= 3) {
        status = Status::AtRisk;
        reason = format!(
            "On pace ({facts}), but the last check-in rated confidence {}/10.",
            confidence.unwrap_or(0)
        );
    }
    Suggestion { status, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn elapsed_counts_whole_days() {
        let (s, e) = (d("2026-10-01"), d("2026-12-31"));
        assert_eq!(elapsed(s, e, d("2026-09-01")), 0.0);
        assert_eq!(elapsed(s, e, d("2027-02-01")), 1.0);
        let mid = elapsed(s, e, d("2026-11-15"));
        assert!((0.48..0.50).contains(&mid), "{mid}");
        assert_eq!(elapsed(e, s, d("2026-11-15")), 1.0, "inverted periods count as over");
    }

    #[test]
    fn pace_decides_the_status() {
        assert_eq!(suggest(0.5, 0.5, None).status, Status::OnTrack);
        assert_eq!(suggest(0.40, 0.5, None).status, Status::OnTrack, "within 15 points");
        assert_eq!(suggest(0.30, 0.5, None).status, Status::AtRisk);
        assert_eq!(suggest(0.10, 0.5, None).status, Status::OffTrack);
        assert_eq!(suggest(0.0, 0.05, None).status, Status::OnTrack, "too early to judge");
        assert_eq!(suggest(1.0, 0.2, None).status, Status::Done);
    }

    #[test]
    fn low_confidence_raises_a_flag_even_on_pace() {
        let s = suggest(0.6, 0.5, Some(2));
        assert_eq!(s.status, Status::AtRisk);
        assert!(s.reason.contains("confidence 2/10"), "{}", s.reason);
        assert_eq!(suggest(0.6, 0.5, Some(7)).status, Status::OnTrack);
    }

    #[test]
    fn reasons_state_the_numbers() {
        let s = suggest(0.2, 0.75, None);
        assert_eq!(s.status, Status::OffTrack);
        assert_eq!(s.reason, "Well behind: 20% done with 75% of the period gone.");
    }
}
