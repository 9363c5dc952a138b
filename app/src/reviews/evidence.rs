//! Reading a review against its evidence: how the evidence is spread over
//! the period, and the two warnings the form raises while the reviewer
//! rates — a rating that departs from the evidence, and cited evidence
//! bunched at the end of the period (recency bias). Pure, so the form warns
//! as the reviewer types, with the same words the tests check.

use crate::goals::model::Status;
use crate::reviews::model::evidence::{EvidenceKind, ReviewEvidence, Tone};
use crate::reviews::model::form::ReviewDraft;
use crate::shared::date::Day;

/// Most evidence items one review may cite.
pub const MAX_CITED: usize = 40;
/// Fewer goals and feedback entries than this is too little to argue with
/// a rating.
pub const MIN_POINTS: u32 = 4;
/// Fewer citations than this cannot be "bunched".
pub const MIN_CITED_FOR_BUNCHING: usize = 3;

/// A slice of the period and how many evidence items fall in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    pub from: Day,
    pub to: Day,
    pub count: u32,
}

/// The period cut into `n` equal slices (the last one takes the remainder),
/// with the days that fall in each. Days outside the period are not counted.
pub fn spread(from: Day, to: Day, days: impl IntoIterator<Item = Day>, n: usize) -> Vec<Bucket> {
    let span = from.days_until(to) + 1;
    if span <= 0 || n == 0 {
        return Vec::new();
    }
    let n = (n as i32).min(span);
    let mut buckets: Vec<Bucket> = (0..n)
        .map(|i| Bucket {
            from: from.plus_days(i * span / n),
            to: from.plus_days((i + 1) * span / n - 1),
            count: 0,
        })
        .collect();
    for d in days {
        let offset = from.days_until(d);
        if (0..span).contains(&offset) {
            let i = ((offset * n) / span) as usize;
            buckets[i].count += 1;
        }
    }
    buckets
}

/// What the evidence says, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balance {
    /// Goals in the period (abandoned ones left out).
    pub goals: u32,
    /// Of those, at risk or off track.
    pub goals_behind: u32,
    /// Praise received.
    pub positive: u32,
    /// Constructive feedback received.
    pub constructive: u32,
}

impl Balance {
    fn points(&self) -> u32 {
        self.goals + self.positive + self.constructive
    }

    fn good(&self) -> u32 {
        self.goals - self.goals_behind + self.positive
    }
}

/// Counts goals by standing and feedback by tone. Check-ins are already
/// summed up in their goal's standing, and coaching is not a verdict.
pub fn balance(e: &ReviewEvidence) -> Balance {
    let mut b = Balance::default();
    for g in &e.goals {
        match g.status {
            Status::Abandoned => {}
            Status::AtRisk | Status::OffTrack => {
                b.goals += 1;
                b.goals_behind += 1;
            }
            Status::OnTrack | Status::Done => b.goals += 1,
        }
    }
    for i in e.items.iter().filter(|i| i.kind == EvidenceKind::Feedback) {
        match i.tone {
            Tone::Positive => b.positive += 1,
            Tone::Constructive => b.constructive += 1,
            Tone::Neutral => {}
        }
    }
    b
}

/// The rating a review gives as a whole: the overall rating, or else the
/// mean of the competency ratings given so far.
pub fn rating_of(d: &ReviewDraft) -> Option<f64> {
    if let Some(n) = d.overall {
        return Some(f64::from(n));
    }
    let given: Vec<f64> = d.ratings.iter().filter_map(|r| r.rating).map(f64::from).collect();
    (!given.is_empty()).then(|| given.iter().sum::<f64>() / given.len() as f64)
}

fn shown(r: f64) -> String {
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A warning when the rating departs from the evidence: high while most of
/// it is behind or constructive, low while most of it is on track or
/// praise. Says nothing when there is too little evidence to argue with.
pub fn rating_warning(rating: f64, b: &Balance) -> Option<String> {
    let points = b.points();
    if points < MIN_POINTS {
        return None;
    }
    let share = f64::from(b.good()) / f64::from(points);
    let feedback = b.positive + b.constructive;
    let mut facts = Vec::new();
    if rating >= 4.0 && share <= 1.0 / 3.0 {
        if b.goals > 0 {
            facts.push(format!(
                "{} of {} goals are at risk or off track",
                b.goals_behind, b.goals
            ));
        }
        if feedback > 0 {
            facts.push(format!(
                "{} of {} feedback entries you can see are constructive",
                b.constructive, feedback
            ));
        }
    } else if rating <= 2.0 && share >= 2.0 / 3.0 {
        if b.goals > 0 {
            facts.push(format!(
                "{} of {} goals are on track or done",
                b.goals - b.goals_behind,
                b.goals
            ));
        }
        if feedback > 0 {
            facts.push(format!(
                "{} of {} feedback entries you can see are praise",
                b.positive, feedback
            ));
        }
    } else {
        return None;
    }
    Some(format!(
        "You rate {} but the evidence points the other way: {}. Check the rating, or say in a comment what the evidence here does not show.",
        shown(rating),
        facts.join(" and ")
    ))
}

/// A warning when most of what the reviewer cites comes from the last
/// quarter of the period: a review should cover the whole period.
pub fn recency_warning(cited: &[Day], from: Day, to: Day) -> Option<String> {
    let n = cited.len();
    let span = from.days_until(to) + 1;
    if n < MIN_CITED_FOR_BUNCHING || span < 8 {
        return None;
    }
    let tail = span / 4;
    let tail_from = to.plus_days(1 - tail);
    let late = cited.iter().filter(|d| **d >= tail_from && **d <= to).count();
    if late * 3 < n * 2 {
        return None;
    }
    Some(format!(
        "{late} of the {n} items you cite are from the last {} weeks of the period (since {tail_from}). Cite evidence from earlier in the period too, so the review covers all of it and not only the most recent weeks.",
        (tail + 6) / 7
    ))
}

/// The days of the cited items that are in the evidence (a citation of an
/// item that is gone is ignored).
pub fn cited_days(e: &ReviewEvidence, cited: &[String]) -> Vec<Day> {
    e.items
        .iter()
        .filter(|i| cited.contains(&i.id))
        .map(|i| i.day)
        .collect()
}

/// Checks the citations a draft holds.
pub fn check_cited(cited: &[String]) -> Result<(), String> {
    if cited.len() > MAX_CITED {
        return Err(format!("Cite at most {MAX_CITED} items of evidence."));
    }
    let well_formed = |c: &String| !c.is_empty() && c.len() <= 100 && c.chars().all(|ch| ch.is_ascii_graphic());
    if !cited.iter().all(well_formed) {
        return Err("A cited item is not one of the evidence items.".into());
    }
    if (1..cited.len()).any(|i| cited[..i].contains(&cited[i])) {
        return Err("An item of evidence is cited twice.".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
