//! The manager dashboard's "needs attention" rules: each concern says why in
//! words and carries an urgency, so the list can be sorted by it.

use crate::goals::model::Status;
use crate::shared::date::Day;

/// Thresholds, in days.
pub const STALE_CHECKIN_DAYS: i32 = 14;
pub const QUIET_FEEDBACK_DAYS: i32 = 45;
pub const QUIET_TALK_DAYS: i32 = 30;
/// How far back the dashboard reads activity; older counts as "more than this".
pub const WINDOW_DAYS: i32 = 90;

/// One current goal, as the rules see it.
#[derive(Debug, Clone)]
pub struct GoalFacts {
    pub title: String,
    pub status: Status,
    pub start: Day,
    pub end: Day,
    pub due: Option<Day>,
    pub created: Day,
    pub last_checkin: Option<Day>,
}

/// What the rules know about one report.
#[derive(Debug, Clone, Default)]
pub struct ReportFacts {
    /// Goals whose period includes today.
    pub goals: Vec<GoalFacts>,
    pub last_feedback_received: Option<Day>,
    pub last_talk: Option<Day>,
    pub overdue_actions: u32,
    /// When they joined the team (their first day counts, not the window).
    pub since: Option<Day>,
}

/// One reason for attention.
#[derive(Debug, Clone, PartialEq)]
pub struct Concern {
    pub urgency: i32,
    pub reason: String,
}

fn days(n: i32) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn due_in(today: Day, due: Day) -> String {
    let n = today.days_until(due);
    match n {
        i32::MIN..=-1 => format!("overdue by {}", days(-n)),
        0 => "due today".into(),
        1..=13 => format!("due in {}", days(n)),
        _ => format!("due in {} weeks", n / 7),
    }
}

/// Every concern about one report, most urgent first.
pub fn concerns(r: &ReportFacts, today: Day) -> Vec<Concern> {
    let mut out = Vec::new();
    let open: Vec<&GoalFacts> = r
        .goals
        .iter()
        .filter(|g| g.start <= today && today <= g.end && !g.status.is_closed())
        .collect();
    if r.goals
        .iter()
        .all(|g| g.status == Status::Abandoned || today < g.start || today > g.end)
    {
        out.push(Concern {
            urgency: 30,
            reason: "no goal for the current period".into(),
        });
    }
    for g in &open {
        let due = g.due.unwrap_or(g.end);
        let to_due = today.days_until(due);
        let since = g.last_checkin.unwrap_or_else(|| g.start.max(g.created));
        let quiet = since.days_until(today);
        if quiet >= STALE_CHECKIN_DAYS {
            // Silence matters more the closer the goal is to its due date.
            let closeness = (28 - to_due).clamp(0, 28);
            let what = if g.last_checkin.is_some() {
                format!("no check-in for {}", days(quiet))
            } else {
                format!("never checked in ({} since it started)", days(quiet))
            };
            out.push(Concern {
                urgency: quiet + 2 * closeness,
                reason: format!("{what} on “{}”, {}", g.title, due_in(today, due)),
            });
        }
        match g.status {
            Status::OffTrack => out.push(Concern {
                urgency: 40 + (28 - to_due).clamp(0, 28),
                reason: format!("“{}” is off track, {}", g.title, due_in(today, due)),
            }),
            Status::AtRisk => out.push(Concern {
                urgency: 20 + (28 - to_due).clamp(0, 28) / 2,
                reason: format!("“{}” is at risk, {}", g.title, due_in(today, due)),
            }),
            _ => {}
        }
    }
    let since_joined = |last: Option<Day>| -> Option<i32> {
        last.or(r.since.filter(|s| s.days_until(today) < WINDOW_DAYS))
            .map(|d| d.days_until(today))
    };
    match since_joined(r.last_feedback_received) {
        Some(n) if n >= QUIET_FEEDBACK_DAYS => out.push(Concern {
            urgency: n - 15,
            reason: format!("no feedback received in {}", days(n)),
        }),
        None => out.push(Concern {
            urgency: WINDOW_DAYS - 15,
            reason: format!("no feedback received in the last {WINDOW_DAYS} days"),
        }),
        _ => {}
    }
    match since_joined(r.last_talk) {
        Some(n) if n >= QUIET_TALK_DAYS => out.push(Concern {
            urgency: n,
            reason: format!("no 1:1 or coaching conversation in {}", days(n)),
        }),
        None => out.push(Concern {
            urgency: WINDOW_DAYS,
            reason: format!("no 1:1 or coaching conversation in the last {WINDOW_DAYS} days"),
        }),
        _ => {}
    }
    if r.overdue_actions > 0 {
        let n = r.overdue_actions;
        out.push(Concern {
            urgency: 10 * n as i32,
            reason: if n == 1 {
                "1 action item past its due date".into()
            } else {
                format!("{n} action items past their due date")
            },
        });
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.urgency));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn goal(title: &str, status: Status, last: Option<&str>, due: &str) -> GoalFacts {
        GoalFacts {
            title: title.into(),
            status,
            start: d("2026-10-01"),
            end: d("2026-12-31"),
            due: Some(d(due)),
            created: d("2026-10-01"),
            last_checkin: last.map(d),
        }
    }

    fn healthy(today: Day) -> ReportFacts {
        ReportFacts {
            goals: vec![goal("Ship search", Status::OnTrack, Some("2026-11-25"), "2026-12-20")],
            last_feedback_received: Some(today.plus_days(-3)),
            last_talk: Some(today.plus_days(-6)),
            overdue_actions: 0,
            since: None,
        }
    }

    #[test]
    fn a_healthy_report_needs_nothing() {
        let today = d("2026-11-27");
        assert_eq!(concerns(&healthy(today), today), vec![]);
    }

    #[test]
    fn the_issue_examples_read_as_written() {
        let today = d("2026-11-27");
        let mut r = healthy(today);
        r.goals = vec![goal("Ship search", Status::OnTrack, Some("2026-11-06"), "2026-12-11")];
        r.last_feedback_received = Some(today.plus_days(-45));
        let c = concerns(&r, today);
        let reasons: Vec<&str> = c.iter().map(|c| c.reason.as_str()).collect();
        assert_eq!(
            reasons,
            vec![
                "no check-in for 21 days on “Ship search”, due in 2 weeks",
                "no feedback received in 45 days"
            ]
        );
    }

    #[test]
    fn a_goal_due_sooner_is_more_urgent_for_the_same_silence() {
        let today = d("2026-11-27");
        let mut soon = healthy(today);
        soon.goals = vec![goal("A", Status::OnTrack, Some("2026-11-06"), "2026-11-30")];
        let mut later = healthy(today);
        later.goals = vec![goal("A", Status::OnTrack, Some("2026-11-06"), "2026-12-31")];
        assert!(concerns(&soon, today)[0].urgency > concerns(&later, today)[0].urgency);
        assert!(concerns(&soon, today)[0].reason.ends_with("due in 3 days"));
    }

    #[test]
    fn quiet_thresholds_are_inclusive_and_new_joiners_get_time() {
        let today = d("2026-11-27");
        let mut r = healthy(today);
        r.last_feedback_received = Some(today.plus_days(-44));
        r.last_talk = Some(today.plus_days(-29));
        assert!(concerns(&r, today).is_empty());
        r.last_talk = Some(today.plus_days(-30));
        assert_eq!(
            concerns(&r, today)[0].reason,
            "no 1:1 or coaching conversation in 30 days"
        );
        r.last_talk = None;
        r.last_feedback_received = None;
        r.since = Some(today.plus_days(-10));
        assert!(
            concerns(&r, today).is_empty(),
            "joined 10 days ago: nothing is overdue yet"
        );
        r.since = None;
        let c = concerns(&r, today);
        assert_eq!(c.len(), 2);
        assert!(c.iter().any(|c| c.reason == "no feedback received in the last 90 days"));
    }

    #[test]
    fn no_current_goal_off_track_and_overdue_actions() {
        let today = d("2026-11-27");
        let mut r = healthy(today);
        r.goals = vec![goal("Old", Status::Abandoned, None, "2026-12-31")];
        r.overdue_actions = 2;
        let reasons: Vec<String> = concerns(&r, today).into_iter().map(|c| c.reason).collect();
        assert_eq!(
            reasons,
            vec!["no goal for the current period", "2 action items past their due date"]
        );
        r.goals = vec![goal("Fix", Status::OffTrack, Some("2026-11-26"), "2026-12-01")];
        r.overdue_actions = 0;
        assert_eq!(concerns(&r, today)[0].reason, "“Fix” is off track, due in 4 days");
    }

    #[test]
    fn a_goal_never_checked_in_says_so() {
        let today = d("2026-11-27");
        let mut r = healthy(today);
        r.goals = vec![goal("New", Status::OnTrack, None, "2026-12-31")];
        r.goals[0].created = d("2026-11-01");
        assert_eq!(
            concerns(&r, today)[0].reason,
            "never checked in (26 days since it started) on “New”, due in 4 weeks"
        );
    }
}
