//! The dashboard counters and their arithmetic. The database keeps them up to
//! date write by write (migration `0007_stats.surql`); `rebuild` recomputes
//! them from the facts alone, with the same rules, so the two can be compared.

use crate::shared::date::{Day, Quarter};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg(test)]
mod tests;

/// Delay buckets, in days from behaviour to write-up: 0, 1, 2–3, 4–7, 8–14, 15+.
pub const DELAY_LABELS: [&str; 6] = [
    "same day",
    "1 day",
    "2–3 days",
    "4–7 days",
    "8–14 days",
    "15 days or more",
];

/// Activity counters for one person-day or one group-week.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    pub fb_given: i64,
    pub fb_received: i64,
    /// Sum of the quality scores (0–100) of the feedback given.
    pub quality_sum: i64,
    pub praise: i64,
    pub constructive: i64,
    /// Constructive feedback given without a suggestion.
    pub constructive_bare: i64,
    pub checkins: i64,
    /// Coaching conversations recorded, as the coach.
    pub coaching: i64,
    /// 1:1s held, as the manager.
    pub one_on_ones: i64,
    /// Conversations had: 1:1s held (either side) and coaching received.
    pub talks: i64,
    pub delay: [i64; 6],
}

impl Counters {
    pub fn add(&mut self, o: &Counters) {
        self.fb_given += o.fb_given;
        self.fb_received += o.fb_received;
        self.quality_sum += o.quality_sum;
        self.praise += o.praise;
        self.constructive += o.constructive;
        self.constructive_bare += o.constructive_bare;
        self.checkins += o.checkins;
        self.coaching += o.coaching;
        self.one_on_ones += o.one_on_ones;
        self.talks += o.talks;
        for (a, b) in self.delay.iter_mut().zip(o.delay) {
            *a += b;
        }
    }

    pub fn is_zero(&self) -> bool {
        *self == Counters::default()
    }

    /// Mean quality (0–100) of the feedback given, if any was.
    pub fn mean_quality(&self) -> Option<f64> {
        (self.fb_given > 0).then(|| self.quality_sum as f64 / self.fb_given as f64)
    }

    /// Share of constructive feedback that came without a suggestion.
    pub fn bare_share(&self) -> Option<f64> {
        (self.constructive > 0).then(|| self.constructive_bare as f64 / self.constructive as f64)
    }

    /// The delay bucket holding the median write-up, if anything was written.
    pub fn median_delay(&self) -> Option<usize> {
        let total: i64 = self.delay.iter().sum();
        if total == 0 {
            return None;
        }
        let mut seen = 0;
        self.delay.iter().position(|n| {
            seen += n;
            seen * 2 >= total
        })
    }
}

/// The bucket for a write-up `days` after the event.
pub fn delay_bucket(days: i32) -> usize {
    match days {
        i32::MIN..=0 => 0,
        1 => 1,
        2..=3 => 2,
        4..=7 => 3,
        8..=14 => 4,
        _ => 5,
    }
}

/// The Monday of the week holding `day`.
pub fn week_of(day: Day) -> Day {
    // 1970-01-01 was a Thursday, three days after a Monday.
    let n = Day::parse("1970-01-01").expect("valid").days_until(day);
    let since_monday = (n + 3).rem_euclid(7);
    day.plus_days(-since_monday)
}

/// Whom a person's activity also counts for: their manager's team, their own
/// team when they manage anyone, and their unit with the units above it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// A manager's team: the manager and their direct reports.
    Team(String),
    Unit(String),
}

/// The facts the counters come from, as the rebuild reads them.
#[derive(Debug, Clone)]
pub enum Fact {
    Feedback {
        giver: String,
        recipient: String,
        written: Day,
        happened: Day,
        kind: FeedbackKindFact,
        has_suggestion: bool,
        quality: i64,
    },
    CheckIn {
        author: String,
        day: Day,
    },
    Coaching {
        coach: String,
        person: String,
        happened: Day,
        written: Day,
    },
    /// A 1:1 meeting that was held.
    Meeting {
        manager: String,
        report: String,
        day: Day,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackKindFact {
    Praise,
    Constructive,
    Coaching,
}

/// A goal as the quarter counts see it.
#[derive(Debug, Clone)]
pub struct GoalFact {
    pub owner: String,
    pub period_end: Day,
    pub smart: bool,
    pub done: bool,
    pub abandoned: bool,
}

/// Goal counts for a group and quarter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalCounts {
    pub goals: i64,
    pub smart: i64,
    pub done: i64,
    pub abandoned: i64,
}

impl GoalCounts {
    pub fn add(&mut self, o: &GoalCounts) {
        self.goals += o.goals;
        self.smart += o.smart;
        self.done += o.done;
        self.abandoned += o.abandoned;
    }

    /// Share of goals that pass the SMART checker.
    pub fn smart_share(&self) -> Option<f64> {
        (self.goals > 0).then(|| self.smart as f64 / self.goals as f64)
    }

    /// Share of goals (abandoned ones aside) marked done.
    pub fn achievement(&self) -> Option<f64> {
        let counted = self.goals - self.abandoned;
        (counted > 0).then(|| self.done as f64 / counted as f64)
    }
}

/// Praise and constructive feedback a person received about one day: the
/// bias analysis's evidence (`0023_evidence_day.surql`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvidenceCounts {
    pub praise: i64,
    pub constructive: i64,
}

/// Every counter, recomputed from the facts.
#[derive(Debug, Default, PartialEq)]
pub struct Rebuilt {
    pub person_days: BTreeMap<(String, Day), Counters>,
    pub group_weeks: BTreeMap<(Group, Day), Counters>,
    pub group_quarters: BTreeMap<(Group, Quarter), GoalCounts>,
    /// Keyed by (the day the feedback is about, recipient), unlike the
    /// dashboard counters, which count the day it was written.
    pub evidence_days: BTreeMap<(Day, String), EvidenceCounts>,
}

/// Recomputes every counter. `groups` says which groups a person counts for.
pub fn rebuild<'a>(
    facts: impl IntoIterator<Item = &'a Fact>,
    goals: impl IntoIterator<Item = &'a GoalFact>,
    groups: impl Fn(&str) -> Vec<Group>,
) -> Rebuilt {
    let mut out = Rebuilt::default();
    let bump = |out: &mut Rebuilt, person: &str, day: Day, c: Counters, personal: bool| {
        if personal {
            out.person_days.entry((person.to_owned(), day)).or_default().add(&c);
        }
        for g in groups(person) {
            out.group_weeks.entry((g, week_of(day))).or_default().add(&c);
        }
    };
    for fact in facts {
        // Check-ins count for groups only (see `0007_stats.surql`).
        let personal = !matches!(fact, Fact::CheckIn { .. });
        for (person, day, c) in counts_of(fact) {
            bump(&mut out, person, day, c, personal);
        }
        if let Fact::Feedback {
            recipient,
            happened,
            kind,
            ..
        } = fact
        {
            let (praise, constructive) = match kind {
                FeedbackKindFact::Praise => (1, 0),
                FeedbackKindFact::Constructive => (0, 1),
                // No tone, no evidence (and no row).
                FeedbackKindFact::Coaching => continue,
            };
            let e = out.evidence_days.entry((*happened, recipient.clone())).or_default();
            e.praise += praise;
            e.constructive += constructive;
        }
    }
    for g in goals {
        let c = GoalCounts {
            goals: 1,
            smart: g.smart as i64,
            done: g.done as i64,
            abandoned: g.abandoned as i64,
        };
        for group in groups(&g.owner) {
            out.group_quarters
                .entry((group, Quarter::of(g.period_end)))
                .or_default()
                .add(&c);
        }
    }
    out
}

/// Who a fact counts for, on which day, and how.
pub fn counts_of(fact: &Fact) -> Vec<(&str, Day, Counters)> {
    let one_delay = |happened: Day, written: Day| {
        let mut d = [0; 6];
        d[delay_bucket(happened.days_until(written))] = 1;
        d
    };
    match fact {
        Fact::Feedback {
            giver,
            recipient,
            written,
            happened,
            kind,
            has_suggestion,
            quality,
        } => {
            let constructive = *kind == FeedbackKindFact::Constructive;
            let given = Counters {
                fb_given: 1,
                quality_sum: *quality,
                praise: (*kind == FeedbackKindFact::Praise) as i64,
                constructive: constructive as i64,
                constructive_bare: (constructive && !has_suggestion) as i64,
                delay: one_delay(*happened, *written),
                ..Counters::default()
            };
            let received = Counters {
                fb_received: 1,
                ..Counters::default()
            };
            vec![(giver, *written, given), (recipient, *written, received)]
        }
        Fact::CheckIn { author, day } => vec![(
            author,
            *day,
            Counters {
                checkins: 1,
                ..Counters::default()
            },
        )],
        Fact::Coaching {
            coach,
            person,
            happened,
            written,
        } => vec![
            (
                coach,
                *happened,
                Counters {
                    coaching: 1,
                    delay: one_delay(*happened, *written),
                    ..Counters::default()
                },
            ),
            (
                person,
                *happened,
                Counters {
                    talks: 1,
                    ..Counters::default()
                },
            ),
        ],
        Fact::Meeting { manager, report, day } => vec![
            (
                manager,
                *day,
                Counters {
                    one_on_ones: 1,
                    talks: 1,
                    ..Counters::default()
                },
            ),
            (
                report,
                *day,
                Counters {
                    talks: 1,
                    ..Counters::default()
                },
            ),
        ],
    }
    .into_iter()
    .map(|(p, d, c)| (p.as_str(), d, c))
    .collect()
}

/// Counters summed per week over `weeks` weeks ending with the week of `last`,
/// oldest first; weeks with nothing are zero.
pub fn weekly(rows: &[(Day, Counters)], last: Day, weeks: usize) -> Vec<(Day, Counters)> {
    let end = week_of(last);
    let mut out: Vec<(Day, Counters)> = (0..weeks)
        .rev()
        .map(|i| (end.plus_days(-7 * i as i32), Counters::default()))
        .collect();
    for (day, c) in rows {
        let w = week_of(*day);
        if let Some(slot) = out.iter_mut().find(|(d, _)| *d == w) {
            slot.1.add(c);
        }
    }
    out
}

/// Sum of the counters on days within `days` days up to and including `today`.
pub fn within(rows: &[(Day, Counters)], today: Day, days: i32) -> Counters {
    let mut sum = Counters::default();
    for (day, c) in rows {
        let age = day.days_until(today);
        if (0..days).contains(&age) {
            sum.add(c);
        }
    }
    sum
}

/// The most recent day on or before `today` where `pick` is positive.
pub fn last_day(rows: &[(Day, Counters)], today: Day, pick: impl Fn(&Counters) -> i64) -> Option<Day> {
    rows.iter()
        .filter(|(d, c)| *d <= today && pick(c) > 0)
        .map(|(d, _)| *d)
        .max()
}
