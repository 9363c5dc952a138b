//! The reminder rules: from what is open today, the occasions to tell
//! someone about. Each occasion has a key naming it exactly (the goal and
//! the day its silence began, the review and its due date, the threshold
//! reached), so a scan that runs again, or twice, finds the same keys and
//! the notifier writes each once. After downtime only the highest
//! threshold reached is told: missed steps collapse into one reminder.

use crate::error::AppError;
use crate::reminders::model::Rules;
use crate::shared::date::Day;

/// Who an occasion is for, relative to the work's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Owner,
    Manager,
    Hr,
}

/// One reminder or escalation to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occasion {
    pub who: Who,
    /// An escalation (to a manager or HR) rather than a reminder to the owner.
    pub escalation: bool,
    pub key: String,
    pub text: String,
    pub link: String,
    /// What it is about, as the home page names it ('goal:g4').
    pub subject: String,
}

fn days(n: i32) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// Checks HR's settings: steps in order, nothing beyond a year.
pub fn validate(r: &Rules) -> Result<(), AppError> {
    let all = [
        ("checkin_first", r.checkin_first),
        ("checkin_second", r.checkin_second),
        ("checkin_escalate", r.checkin_escalate),
        ("review_first", r.review_first),
        ("review_second", r.review_second),
        ("review_hr_after", r.review_hr_after),
        ("ask_days", r.ask_days),
    ];
    for (field, v) in all {
        if v > 365 {
            return Err(AppError::field(field, "Use at most 365 days (0 turns the rule off)."));
        }
    }
    let ordered = |a: u32, b: u32| a == 0 || b == 0 || a < b;
    if !ordered(r.checkin_first, r.checkin_second) {
        return Err(AppError::field(
            "checkin_second",
            "The second check-in reminder must come after the first.",
        ));
    }
    if !ordered(r.checkin_second.max(r.checkin_first), r.checkin_escalate) {
        return Err(AppError::field(
            "checkin_escalate",
            "Telling the manager must come after the reminders.",
        ));
    }
    if !ordered(r.review_second, r.review_first) {
        return Err(AppError::field(
            "review_second",
            "The second review reminder must be closer to the due date than the first.",
        ));
    }
    Ok(())
}

/// A goal silent since `since` (its last check-in, or its creation).
pub fn checkin(r: &Rules, goal: &str, title: &str, owner: &str, since: Day, today: Day) -> Vec<Occasion> {
    let silent = since.days_until(today);
    let mut out = Vec::new();
    let subject = format!("goal:{goal}");
    let link = format!("/goals/{goal}");
    let reached = [r.checkin_first, r.checkin_second]
        .into_iter()
        .filter(|t| *t > 0 && silent >= *t as i32)
        .max();
    if let Some(t) = reached {
        out.push(Occasion {
            who: Who::Owner,
            escalation: false,
            key: format!("remind:checkin:{goal}:{since}:{t}"),
            text: format!("Check in on “{title}”: no update for {}.", days(silent)),
            link: link.clone(),
            subject: subject.clone(),
        });
    }
    if r.checkin_escalate > 0 && silent >= r.checkin_escalate as i32 {
        out.push(Occasion {
            who: Who::Manager,
            escalation: true,
            key: format!("escalate:checkin:{goal}:{since}"),
            text: format!("{owner}'s goal “{title}” has had no check-in for {}.", days(silent)),
            link,
            subject,
        });
    }
    out
}

/// A review not yet submitted, due on `due`. `review` names it
/// ('cycle/ratee/kind/reviewer'); `what` says it in words to its writer
/// ("your review of Kim") and `theirs` to others ("a peer review": an
/// anonymous review's ratee is named to nobody else).
#[allow(clippy::too_many_arguments)]
pub fn review(
    r: &Rules,
    review: &str,
    link: &str,
    writer: &str,
    what: &str,
    theirs: &str,
    due: Day,
    today: Day,
) -> Vec<Occasion> {
    let left = today.days_until(due);
    let subject = format!("review:{}", review.replace('/', ":"));
    let mut out = Vec::new();
    if left >= 0 {
        let step = [r.review_first, r.review_second]
            .into_iter()
            .filter(|t| *t > 0 && left <= *t as i32)
            .min();
        if let Some(t) = step {
            let when = match left {
                0 => "today".to_owned(),
                1 => "tomorrow".to_owned(),
                n => format!("in {}", days(n)),
            };
            out.push(Occasion {
                who: Who::Owner,
                escalation: false,
                key: format!("remind:review:{review}:{due}:{t}"),
                text: format!("Write {what}: due {when} ({due})."),
                link: link.to_owned(),
                subject,
            });
        }
        return out;
    }
    out.push(Occasion {
        who: Who::Manager,
        escalation: true,
        key: format!("escalate:review:{review}:{due}"),
        text: format!("{writer} has not submitted {theirs}; it was due {due}."),
        link: "/reviews/cycles/progress".into(),
        subject: subject.clone(),
    });
    if r.review_hr_after > 0 && -left >= r.review_hr_after as i32 {
        out.push(Occasion {
            who: Who::Hr,
            escalation: true,
            key: format!("escalate-hr:review:{review}:{due}"),
            text: format!(
                "{writer} has not submitted {theirs}: {} overdue (due {due}).",
                days(-left)
            ),
            link: "/reviews/cycles/progress".into(),
            subject,
        });
    }
    out
}

/// An ask for feedback made on `asked_on`, still unanswered.
pub fn ask(r: &Rules, ask: &str, requester: &str, topic: &str, asked_on: Day, today: Day) -> Option<Occasion> {
    let waited = asked_on.days_until(today);
    (r.ask_days > 0 && waited >= r.ask_days as i32).then(|| Occasion {
        who: Who::Owner,
        escalation: false,
        key: format!("remind:ask:{ask}"),
        text: format!("{requester} asked you for feedback {} ago: “{topic}”.", days(waited)),
        link: format!("/feedback/new?ask={ask}"),
        subject: format!("ask:{ask}"),
    })
}

/// A 1:1 next on `next_on` with nothing on its agenda, for one of its two
/// people (`other` is the one they meet).
pub fn one_on_one(
    r: &Rules,
    series: &str,
    other: &str,
    next_on: Day,
    agenda_empty: bool,
    today: Day,
) -> Option<Occasion> {
    (r.one_on_one_agenda && agenda_empty && today.days_until(next_on) == 1).then(|| Occasion {
        who: Who::Owner,
        escalation: false,
        key: format!("remind:oneonone:{series}:{next_on}"),
        text: format!("Your 1:1 with {other} is tomorrow and its agenda is empty: add what you want to talk about."),
        link: format!("/one-on-ones/{series}"),
        subject: format!("oneonone:{series}"),
    })
}

/// The fortnightly feedback check opening (told in its first two days only,
/// so someone who joins mid-fortnight is not told late).
pub fn perception(r: &Rules, label: &str, start: Day, today: Day) -> Option<Occasion> {
    let into = start.days_until(today);
    (r.perception_opens && (0..2).contains(&into)).then(|| Occasion {
        who: Who::Owner,
        escalation: false,
        key: format!("remind:perception:{start}"),
        text: format!("This fortnight's feedback check is open ({label}): two quick questions."),
        link: "/feedback/check".into(),
        subject: format!("perception:{label}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn a_silent_goal_is_reminded_at_7_and_14_and_escalated_at_28() {
        let r = Rules::default();
        let since = d("2026-11-01");
        assert!(checkin(&r, "g1", "Launch", "Kim", since, d("2026-11-07")).is_empty());
        let at7 = checkin(&r, "g1", "Launch", "Kim", since, d("2026-11-08"));
        assert_eq!(at7.len(), 1);
        assert_eq!(at7[0].key, "remind:checkin:g1:2026-11-01:7");
        assert!(at7[0].text.contains("7 days"));
        // Day 10: still the 7-day occasion (the same key: sent once).
        assert_eq!(
            checkin(&r, "g1", "Launch", "Kim", since, d("2026-11-11"))[0].key,
            at7[0].key
        );
        assert_eq!(
            checkin(&r, "g1", "Launch", "Kim", since, d("2026-11-15"))[0].key,
            "remind:checkin:g1:2026-11-01:14"
        );
        let at28 = checkin(&r, "g1", "Launch", "Kim", since, d("2026-11-29"));
        assert_eq!(at28.len(), 2);
        assert_eq!((at28[1].who, at28[1].escalation), (Who::Manager, true));
        assert!(at28[1].text.starts_with("Kim's goal"));
        // A check-in starts the count again, with new keys.
        let after = checkin(&r, "g1", "Launch", "Kim", d("2026-11-20"), d("2026-11-29"));
        assert_eq!(after[0].key, "remind:checkin:g1:2026-11-20:7");
    }

    #[test]
    fn downtime_collapses_missed_steps_into_the_highest_reached() {
        // Down from day 5 to day 20: one reminder (the 14-day one), not two.
        let got = checkin(
            &Rules::default(),
            "g1",
            "Launch",
            "Kim",
            d("2026-11-01"),
            d("2026-11-21"),
        );
        assert_eq!(got.len(), 1);
        assert!(got[0].key.ends_with(":14"));
    }

    #[test]
    fn a_review_is_reminded_3_days_and_1_day_before_then_escalated() {
        let r = Rules::default();
        let due = d("2026-12-10");
        let on = |day: &str| {
            review(
                &r,
                "c1/p2/manager/p1",
                "/reviews/write",
                "Kim",
                "your review of Ada",
                "their review of Ada",
                due,
                d(day),
            )
        };
        assert!(on("2026-12-06").is_empty());
        assert!(on("2026-12-07")[0].key.ends_with(":3"));
        assert!(on("2026-12-08")[0].key.ends_with(":3"));
        assert!(on("2026-12-09")[0].key.ends_with(":1"));
        assert!(on("2026-12-10")[0].text.contains("due today"));
        let late = on("2026-12-11");
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].who, Who::Manager);
        assert_eq!(
            late[0].text,
            "Kim has not submitted their review of Ada; it was due 2026-12-10."
        );
        let very_late = on("2026-12-17");
        assert_eq!(
            very_late.iter().map(|o| o.who).collect::<Vec<_>>(),
            [Who::Manager, Who::Hr]
        );
        assert_eq!(very_late[0].key, late[0].key, "the manager is told once");
    }

    #[test]
    fn asks_1on1s_and_the_perception_check_fire_on_their_day_only() {
        let r = Rules::default();
        assert!(ask(&r, "a1", "Ada", "the demo", d("2026-12-01"), d("2026-12-05")).is_none());
        assert_eq!(
            ask(&r, "a1", "Ada", "the demo", d("2026-12-01"), d("2026-12-06"))
                .unwrap()
                .key,
            "remind:ask:a1"
        );
        assert!(one_on_one(&r, "o1", "Kim", d("2026-12-06"), true, d("2026-12-05")).is_some());
        assert!(one_on_one(&r, "o1", "Kim", d("2026-12-06"), false, d("2026-12-05")).is_none());
        assert!(one_on_one(&r, "o1", "Kim", d("2026-12-07"), true, d("2026-12-05")).is_none());
        assert!(perception(&r, "30 Nov–13 Dec", d("2026-11-30"), d("2026-12-01")).is_some());
        assert!(perception(&r, "30 Nov–13 Dec", d("2026-11-30"), d("2026-12-02")).is_none());
        let off = Rules {
            ask_days: 0,
            one_on_one_agenda: false,
            perception_opens: false,
            ..r
        };
        assert!(ask(&off, "a1", "Ada", "x", d("2026-01-01"), d("2026-12-06")).is_none());
        assert!(one_on_one(&off, "o1", "Kim", d("2026-12-06"), true, d("2026-12-05")).is_none());
        assert!(perception(&off, "x", d("2026-11-30"), d("2026-11-30")).is_none());
    }

    #[test]
    fn settings_must_be_in_order_and_within_a_year() {
        let ok = Rules::default();
        assert!(validate(&ok).is_ok());
        for (bad, name) in [
            (
                Rules {
                    checkin_second: 5,
                    ..ok
                },
                "checkin_second",
            ),
            (
                Rules {
                    checkin_escalate: 10,
                    ..ok
                },
                "checkin_escalate",
            ),
            (Rules { review_second: 4, ..ok }, "review_second"),
            (Rules { ask_days: 400, ..ok }, "ask_days"),
        ] {
            assert!(validate(&bad).unwrap_err().field_message(name).is_some(), "{name}");
        }
        // A rule turned off leaves the others free.
        assert!(validate(&Rules {
            checkin_second: 0,
            checkin_escalate: 0,
            ..ok
        })
        .is_ok());
    }
}
