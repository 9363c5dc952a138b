//! Which of a manager's reports need attention on goals: no current goal, or
//! open goals nobody has checked in on for a while.

use crate::goals::model::GoalSummary;
use crate::shared::date::Day;

/// Default "no check-in for N days" threshold.
pub const DEFAULT_STALE_DAYS: u32 = 14;
pub const MAX_STALE_DAYS: u32 = 365;

/// One report's goal flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    /// No goal whose period includes today (abandoned ones don't count).
    pub no_current: bool,
    /// Open current goals with no check-in within `stale_days`.
    pub stale: usize,
}

/// Whether a goal is current on `today`: its period includes today and it was not abandoned.
pub fn is_current(g: &GoalSummary, start: Day, end: Day, today: Day) -> bool {
    start <= today && today <= end && g.status != crate::goals::model::Status::Abandoned
}

/// Flags for one person's goals, each given with its period.
pub fn flags(goals: &[(GoalSummary, Day, Day)], today: Day, stale_days: u32) -> Flags {
    let current: Vec<_> = goals.iter().filter(|(g, s, e)| is_current(g, *s, *e, today)).collect();
    let stale = current
        .iter()
        .filter(|(g, _, _)| !g.status.is_closed())
        .filter(|(g, start, _)| {
            // Never checked in: stale once it has existed, within its period, that long.
            let since = g.last_checkin.unwrap_or_else(|| (*start).max(g.created));
            since.days_until(today) > stale_days as i32
        })
        .count();
    Flags {
        no_current: current.is_empty(),
        stale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::goals::model::{GoalId, Level, Status, Visibility};
    use crate::people::model::OwnerRef;
    use crate::shared::ids::PersonId;

    fn goal(status: Status, last: Option<&str>) -> GoalSummary {
        GoalSummary {
            id: GoalId::parse("g1").unwrap(),
            title: "t".into(),
            level: Level::Person,
            unit_name: "u".into(),
            owner: OwnerRef {
                id: PersonId::parse("p1").unwrap(),
                name: "n".into(),
            },
            status,
            progress: 0.0,
            period: "Q4 2026".into(),
            due: None,
            has_children: false,
            visibility: Visibility::Org,
            last_checkin: last.and_then(Day::parse),
            created: Day::parse("2026-09-20").unwrap(),
        }
    }

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn past_and_abandoned_goals_are_not_current() {
        let today = d("2026-11-27");
        let past = (goal(Status::Done, None), d("2026-07-01"), d("2026-09-30"));
        let dropped = (goal(Status::Abandoned, None), d("2026-10-01"), d("2026-12-31"));
        assert!(flags(&[past.clone(), dropped], today, 14).no_current);
        let live = (
            goal(Status::OnTrack, Some("2026-11-20")),
            d("2026-10-01"),
            d("2026-12-31"),
        );
        assert_eq!(
            flags(&[past, live], today, 14),
            Flags {
                no_current: false,
                stale: 0
            }
        );
    }

    #[test]
    fn stale_counts_open_goals_past_the_threshold() {
        let today = d("2026-11-27");
        let q = (d("2026-10-01"), d("2026-12-31"));
        let old = (goal(Status::AtRisk, Some("2026-11-01")), q.0, q.1);
        let fresh = (goal(Status::OnTrack, Some("2026-11-25")), q.0, q.1);
        let never = (goal(Status::OnTrack, None), q.0, q.1);
        let done = (goal(Status::Done, Some("2026-10-02")), q.0, q.1);
        assert_eq!(flags(&[old.clone(), fresh.clone(), never, done], today, 14).stale, 2);
        assert_eq!(flags(&[old, fresh], today, 30).stale, 0, "26 days is within 30");
    }

    #[test]
    fn a_goal_created_mid_period_is_not_stale_the_next_day() {
        let today = d("2026-11-27");
        let mut g = goal(Status::OnTrack, None);
        g.created = d("2026-11-26");
        assert_eq!(
            flags(&[(g.clone(), d("2026-10-01"), d("2026-12-31"))], today, 14).stale,
            0
        );
        g.created = d("2026-11-01");
        assert_eq!(flags(&[(g, d("2026-10-01"), d("2026-12-31"))], today, 14).stale, 1);
    }

    #[test]
    fn a_goal_never_checked_in_is_not_stale_in_its_first_days() {
        let today = d("2026-10-05");
        let never = (goal(Status::OnTrack, None), d("2026-10-01"), d("2026-12-31"));
        assert_eq!(flags(&[never], today, 14).stale, 0);
    }
}
