//! The rater detectors. Each rating is set against its reference (the
//! other raters of the same person and the evidence); the org-wide rates
//! (how often anyone gives a flat competency profile, or rates closer to
//! recent evidence) are the baseline each rater is tested against.

mod patterns;

use super::probability::{mean, two_sided, variance};
use super::{Dataset, Detector, Flag, FlagKind, Outcome, RaterReport, Subject, Thresholds};

/// Ratings whose recent and whole-period evidence differ by less than this
/// say nothing about recency.
const RECENCY_GAP: f64 = 0.3;
/// Below this spread among the same ratees' references there is nothing
/// to compress: no central-tendency verdict.
const MIN_REF_SD: f64 = 0.25;
/// Evidence counts as one more rater of the person.
const EVIDENCE_WEIGHT: f64 = 1.0;

/// A flag's figures.
struct Found {
    effect: f64,
    p_value: f64,
    n: usize,
    min_n: usize,
}

pub(super) struct Prepared {
    score: Vec<Option<f64>>,
    reference: Vec<Option<f64>>,
    /// Ratings per rater, in rating order.
    by_rater: Vec<Vec<usize>>,
    /// Standard deviation of rating − reference over everyone.
    sigma: f64,
    residuals: usize,
    /// Org-wide share of reviews with every competency rated alike.
    flat_rate: f64,
    /// Org-wide share of informative ratings closer to recent evidence.
    recent_rate: f64,
    /// Mean and spread of everyone's recency pull (see `recency`).
    pull: (f64, f64),
    /// Org-wide share of overall ratings of 3 (or scores in 2.5–3.5).
    middle_rate: f64,
    attributes: Vec<String>,
}

fn flat(competencies: &[u8]) -> bool {
    competencies.len() >= 2 && competencies.iter().all(|&c| c == competencies[0])
}

fn middle(score: f64) -> bool {
    (2.5..3.5).contains(&score)
}

/// The spread of the residuals, robust to the few raters it is meant to
/// find: 1.4826 × the median absolute deviation (which equals the standard
/// deviation for normal data), falling back to the standard deviation when
/// over half the residuals are the same.
fn spread(residuals: &[f64]) -> f64 {
    let median = |xs: &mut Vec<f64>| -> f64 {
        xs.sort_by(f64::total_cmp);
        let n = xs.len();
        if n == 0 {
            0.0
        } else if n % 2 == 1 {
            xs[n / 2]
        } else {
            (xs[n / 2 - 1] + xs[n / 2]) / 2.0
        }
    };
    let m = median(&mut residuals.to_vec());
    let mad = median(&mut residuals.iter().map(|r| (r - m).abs()).collect());
    if mad > 1e-9 {
        1.4826 * mad
    } else {
        variance(residuals).sqrt()
    }
}

fn share(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        k as f64 / n as f64
    }
}

impl Prepared {
    pub(super) fn new(data: &Dataset) -> Self {
        let score: Vec<Option<f64>> = data.ratings.iter().map(|r| r.score()).collect();
        let mut by_ratee: Vec<Vec<usize>> = vec![Vec::new(); data.people.len()];
        let mut by_rater: Vec<Vec<usize>> = vec![Vec::new(); data.people.len()];
        for (i, r) in data.ratings.iter().enumerate() {
            if r.ratee < data.people.len() && r.rater < data.people.len() && r.rater != r.ratee {
                by_ratee[r.ratee].push(i);
                by_rater[r.rater].push(i);
            }
        }
        let reference: Vec<Option<f64>> = data
            .ratings
            .iter()
            .map(|r| {
                let others = by_ratee.get(r.ratee)?;
                let (mut sum, mut weight) = (0.0, 0.0);
                for &j in others {
                    if data.ratings[j].rater != r.rater {
                        if let Some(s) = score[j] {
                            sum += s;
                            weight += 1.0;
                        }
                    }
                }
                if let Some(e) = data.evidence.get(r.ratee).copied().flatten() {
                    sum += EVIDENCE_WEIGHT * e.whole;
                    weight += EVIDENCE_WEIGHT;
                }
                (weight > 0.0).then(|| sum / weight)
            })
            .collect();
        let residuals: Vec<f64> = score
            .iter()
            .zip(&reference)
            .filter_map(|(s, r)| Some((*s)? - (*r)?))
            .collect();
        let sigma = spread(&residuals);
        let profiles: Vec<&[u8]> = data
            .ratings
            .iter()
            .filter(|r| r.competencies.len() >= 2)
            .map(|r| r.competencies.as_slice())
            .collect();
        let flat_rate = share(profiles.iter().filter(|c| flat(c)).count(), profiles.len());
        let (mut closer, mut informative) = (0, 0);
        for (i, r) in data.ratings.iter().enumerate() {
            if let (Some(s), Some(Some(e))) = (score[i], data.evidence.get(r.ratee)) {
                if (e.recent - e.whole).abs() >= RECENCY_GAP {
                    informative += 1;
                    closer += usize::from((s - e.recent).abs() < (s - e.whole).abs());
                }
            }
        }
        let scored: Vec<f64> = score.iter().flatten().copied().collect();
        let mut prepared = Prepared {
            score,
            reference,
            by_rater,
            sigma,
            residuals: residuals.len(),
            flat_rate,
            recent_rate: share(closer, informative),
            pull: (0.0, 1.0),
            middle_rate: 0.0,
            attributes: Vec::new(),
        };
        let pulls: Vec<f64> = (0..data.ratings.len())
            .filter_map(|i| prepared.recency_pull(i, data))
            .collect();
        prepared.pull = (mean(&pulls), variance(&pulls).sqrt().max(0.05));
        prepared.middle_rate = share(scored.iter().filter(|s| middle(**s)).count(), scored.len());
        let mut attributes: Vec<String> = data
            .people
            .iter()
            .flat_map(|p| p.attributes.iter().map(|(n, _)| n.clone()))
            .collect();
        attributes.sort();
        attributes.dedup();
        prepared.attributes = attributes;
        prepared
    }

    /// Why the cycle as a whole cannot be analysed, if it cannot.
    pub(super) fn not_enough_data(&self) -> Option<String> {
        if self.residuals < 2 {
            Some(
                "Not enough data: fewer than two ratings can be compared with another rater's or with evidence.".into(),
            )
        } else if self.sigma < 1e-9 {
            Some("Not enough data: every rating equals its comparison, so no rater stands out.".into())
        } else {
            None
        }
    }

    pub(super) fn rater_reports(&self, data: &Dataset, t: &Thresholds) -> Vec<RaterReport> {
        (0..data.people.len())
            .filter(|&p| !self.by_rater[p].is_empty())
            .map(|p| RaterReport {
                person: p,
                outcomes: super::RATER_DETECTORS
                    .iter()
                    .map(|&d| (d, self.detect(d, p, data, t)))
                    .collect(),
            })
            .collect()
    }

    fn detect(&self, d: Detector, p: usize, data: &Dataset, t: &Thresholds) -> Outcome {
        match d {
            Detector::Leniency => self.leniency(p, data, t),
            Detector::CentralTendency => self.central(p, data, t.central),
            Detector::Halo => self.halo(p, data, t.halo),
            Detector::Recency => self.recency(p, data, t.recency),
            Detector::Affinity => self.affinity(p, data, t),
        }
    }

    /// (score, reference) of the rater's ratings that have both.
    fn compared(&self, p: usize) -> Vec<(usize, f64, f64)> {
        self.by_rater[p]
            .iter()
            .filter_map(|&i| Some((i, self.score[i]?, self.reference[i]?)))
            .collect()
    }

    fn flag(&self, kind: FlagKind, p: usize, data: &Dataset, found: Found, explanation: String) -> Outcome {
        Outcome::Flag(Flag {
            kind,
            subject: Subject::Rater {
                person: p,
                name: data.people[p].name.clone(),
            },
            effect: found.effect,
            p_value: found.p_value,
            n: found.n,
            min_n: found.min_n,
            explanation,
        })
    }

    fn leniency(&self, p: usize, data: &Dataset, t: &Thresholds) -> Outcome {
        let pairs = self.compared(p);
        let n = pairs.len();
        if n < t.leniency.min_n {
            return Outcome::NotEnoughData {
                have: n,
                need: t.leniency.min_n,
            };
        }
        let offset = mean(&pairs.iter().map(|(_, s, r)| s - r).collect::<Vec<_>>());
        let z = offset * (n as f64).sqrt() / self.sigma;
        let p_value = two_sided(z);
        if p_value >= t.leniency.alpha || offset.abs() < t.min_offset {
            return Outcome::Clear;
        }
        let (kind, side) = if offset > 0.0 {
            (FlagKind::Leniency, "above")
        } else {
            (FlagKind::Severity, "below")
        };
        let text = format!(
            "{} rates {:.1} points {side} other raters of the same people and their evidence ({n} ratings, z = {z:.1}).",
            data.people[p].name,
            offset.abs()
        );
        self.flag(
            kind,
            p,
            data,
            Found {
                effect: offset,
                p_value,
                n,
                min_n: t.leniency.min_n,
            },
            text,
        )
    }
}
