//! Bias analytics for one review cycle: rater effects (leniency and
//! severity, central tendency, halo, recency, affinity) and rating gaps
//! between groups within an org unit.
//!
//! A rater's ratings are never judged against a raw mean. Each rating is
//! compared with a *reference* for the same ratee: the other raters'
//! ratings of that person and the period's evidence (goals, check-ins,
//! feedback, already put on the rating scale by the caller). A manager
//! whose team is strong is therefore not lenient: the peers and the
//! evidence say the same. Each detector needs a minimum amount of data and
//! a significance level (`Thresholds`); below the minimum the answer is
//! "not enough data", never a flag. Flags are decision support for
//! calibration; nothing here changes a rating.

pub mod coaching;
pub mod evidence;
mod groups;
pub mod probability;
mod raters;
pub mod synthetic;
pub mod tuning;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

/// One person in the cycle. Attributes (gender, age band, …) that are
/// missing are absent, and stay so: they are never imputed.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    /// The org unit whose groups are compared (a department, say).
    pub unit: String,
    pub attributes: Vec<(String, String)>,
}

impl Person {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// One submitted review by someone other than the ratee (self reviews are
/// left out by the caller): ratings per competency, in the template's
/// order, and the overall rating, each 1–5.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    pub rater: usize,
    pub ratee: usize,
    pub competencies: Vec<u8>,
    pub overall: Option<u8>,
}

impl Rating {
    /// The review's score: the mean of its competency ratings (less
    /// rounding noise than one whole number), else the overall rating.
    pub fn score(&self) -> Option<f64> {
        if self.competencies.is_empty() {
            self.overall.map(f64::from)
        } else {
            Some(self.competencies.iter().map(|&c| f64::from(c)).sum::<f64>() / self.competencies.len() as f64)
        }
    }
}

/// What the period's evidence says about a ratee, on the 1–5 scale: over
/// the whole period, and over its last quarter only.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    pub whole: f64,
    pub recent: f64,
}

/// A cycle's data as the detectors read it; `evidence` is per person.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    pub people: Vec<Person>,
    pub ratings: Vec<Rating>,
    pub evidence: Vec<Option<Evidence>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FlagKind {
    Leniency,
    Severity,
    CentralTendency,
    Halo,
    Recency,
    Affinity,
    GroupGap,
}

impl FlagKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::Leniency => "leniency",
            FlagKind::Severity => "severity",
            FlagKind::CentralTendency => "central tendency",
            FlagKind::Halo => "halo",
            FlagKind::Recency => "recency",
            FlagKind::Affinity => "affinity",
            FlagKind::GroupGap => "group gap",
        }
    }
}

/// The five rater detectors, in report order (leniency covers severity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Detector {
    Leniency,
    CentralTendency,
    Halo,
    Recency,
    Affinity,
}

pub const RATER_DETECTORS: [Detector; 5] = [
    Detector::Leniency,
    Detector::CentralTendency,
    Detector::Halo,
    Detector::Recency,
    Detector::Affinity,
];

/// A detector's minimum data and significance level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// Ratings needed (for affinity: on each side; for group gaps: people
    /// in each group).
    pub min_n: usize,
    /// Flag only when the p-value is below this.
    pub alpha: f64,
}

/// Every detector's limits. The defaults are documented in
/// `docs/bias.md`; HR can tune them per cycle.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub leniency: Limits,
    /// Smallest offset, in rating points, worth a leniency, severity or
    /// affinity flag, however significant.
    pub min_offset: f64,
    pub central: Limits,
    pub halo: Limits,
    pub recency: Limits,
    pub affinity: Limits,
    pub group_gap: Limits,
    /// The 4/5ths rule: a group's rate below this share of the best
    /// group's rate is a gap.
    pub four_fifths: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        let l = |min_n, alpha| Limits { min_n, alpha };
        Thresholds {
            leniency: l(5, 0.01),
            min_offset: 0.5,
            central: l(5, 0.01),
            halo: l(5, 0.01),
            recency: l(5, 0.01),
            affinity: l(3, 0.01),
            group_gap: l(10, 0.01),
            four_fifths: 0.8,
        }
    }
}

/// Who a flag is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Subject {
    /// Index into `Dataset::people`.
    Rater { person: usize, name: String },
    Group {
        unit: String,
        attribute: String,
        value: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub subject: Subject,
    /// In the detector's own unit, named in the explanation (rating
    /// points, a share, a ratio).
    pub effect: f64,
    pub p_value: f64,
    /// The data it rests on, and the minimum the detector needed.
    pub n: usize,
    pub min_n: usize,
    pub explanation: String,
}

/// One detector's answer for one rater.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    Flag(Flag),
    Clear,
    NotEnoughData { have: usize, need: usize },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaterReport {
    pub person: usize,
    pub outcomes: Vec<(Detector, Outcome)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Everyone who rated someone, in person order.
    pub raters: Vec<RaterReport>,
    pub group_gaps: Vec<Flag>,
    /// Why a whole analysis could not run ("not enough data" for the
    /// cycle), if so.
    pub not_enough_data: Option<String>,
}

impl Report {
    pub fn flags(&self) -> impl Iterator<Item = &Flag> {
        self.raters
            .iter()
            .flat_map(|r| r.outcomes.iter())
            .filter_map(|(_, o)| match o {
                Outcome::Flag(f) => Some(f),
                _ => None,
            })
            .chain(self.group_gaps.iter())
    }
}

/// Runs every detector over the cycle.
pub fn analyse(data: &Dataset, t: &Thresholds) -> Report {
    let prepared = raters::Prepared::new(data);
    let not_enough_data = prepared.not_enough_data();
    if let Some(why) = not_enough_data {
        return Report {
            raters: Vec::new(),
            group_gaps: Vec::new(),
            not_enough_data: Some(why),
        };
    }
    Report {
        raters: prepared.rater_reports(data, t),
        group_gaps: groups::gaps(data, t),
        not_enough_data: None,
    }
}

/// "0.0004" or "< 0.0001", as explanations print a p-value.
pub(crate) fn p_text(p: f64) -> String {
    if p < 0.0001 {
        "p < 0.0001".into()
    } else {
        format!("p = {}", format_sig(p))
    }
}

fn format_sig(p: f64) -> String {
    if p >= 0.01 {
        format!("{p:.2}")
    } else if p >= 0.001 {
        format!("{p:.3}")
    } else {
        format!("{p:.4}")
    }
}

pub(crate) fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}
