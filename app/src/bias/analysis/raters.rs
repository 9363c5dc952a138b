//! The rater detectors. Each rating is set against its reference (the
//! other raters of the same person and the evidence); the org-wide rates
//! (how often anyone gives a flat competency profile, or rates closer to
//! recent evidence) are the baseline each rater is tested against.

use super::probability::{binomial_sf, chi2_cdf, mean, normal_sf, two_sided, variance};
use super::{p_text, percent, Dataset, Detector, Flag, FlagKind, Limits, Outcome, RaterReport, Subject, Thresholds};

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

    fn central(&self, p: usize, data: &Dataset, l: Limits) -> Outcome {
        let pairs = self.compared(p);
        let n = pairs.len();
        if n < l.min_n {
            return Outcome::NotEnoughData { have: n, need: l.min_n };
        }
        let scores: Vec<f64> = pairs.iter().map(|(_, s, _)| *s).collect();
        let refs: Vec<f64> = pairs.iter().map(|(_, _, r)| *r).collect();
        let (sd, ref_sd) = (variance(&scores).sqrt(), variance(&refs).sqrt());
        if ref_sd < MIN_REF_SD {
            return Outcome::Clear;
        }
        let statistic = (n - 1) as f64 * (sd / ref_sd).powi(2);
        let p_value = chi2_cdf(statistic, n - 1);
        let in_middle = scores.iter().filter(|s| middle(**s)).count();
        if p_value >= l.alpha || share(in_middle, n) < 0.5 {
            return Outcome::Clear;
        }
        let text = format!(
            "{}'s ratings vary {sd:.1} points where other raters' ratings of the same people vary {ref_sd:.1}, and {in_middle} of {n} sit in the middle (org-wide {}) ({}).",
            data.people[p].name,
            percent(self.middle_rate),
            p_text(p_value)
        );
        self.flag(
            FlagKind::CentralTendency,
            p,
            data,
            Found {
                effect: 1.0 - sd / ref_sd,
                p_value,
                n,
                min_n: l.min_n,
            },
            text,
        )
    }

    fn halo(&self, p: usize, data: &Dataset, l: Limits) -> Outcome {
        let profiles: Vec<&[u8]> = self.by_rater[p]
            .iter()
            .map(|&i| data.ratings[i].competencies.as_slice())
            .filter(|c| c.len() >= 2)
            .collect();
        let n = profiles.len();
        if n < l.min_n {
            return Outcome::NotEnoughData { have: n, need: l.min_n };
        }
        let k = profiles.iter().filter(|c| flat(c)).count();
        let p_value = binomial_sf(k, n, self.flat_rate);
        if p_value >= l.alpha || share(k, n) < 0.5 {
            return Outcome::Clear;
        }
        let spread = mean(
            &profiles
                .iter()
                .map(|c| variance(&c.iter().map(|&x| f64::from(x)).collect::<Vec<_>>()).sqrt())
                .collect::<Vec<_>>(),
        );
        let text = format!(
            "{} gives every competency the same rating for {k} of {n} people (other raters: {}); their competency ratings vary {spread:.1} points within a person ({}).",
            data.people[p].name,
            percent(self.flat_rate),
            p_text(p_value)
        );
        self.flag(
            FlagKind::Halo,
            p,
            data,
            Found {
                effect: share(k, n),
                p_value,
                n,
                min_n: l.min_n,
            },
            text,
        )
    }

    /// How much closer each rating sits to the last quarter's evidence
    /// than to the whole period's, in rating points, on ratees whose two
    /// differ, tested against everyone's (so a large divergence weighs more
    /// than a small one).
    fn recency(&self, p: usize, data: &Dataset, l: Limits) -> Outcome {
        let pull: Vec<f64> = self.by_rater[p]
            .iter()
            .filter_map(|&i| self.recency_pull(i, data))
            .collect();
        let n = pull.len();
        if n < l.min_n {
            return Outcome::NotEnoughData { have: n, need: l.min_n };
        }
        let k = pull.iter().filter(|x| **x > 0.0).count();
        let z = (mean(&pull) - self.pull.0) * (n as f64).sqrt() / self.pull.1;
        let p_value = normal_sf(z);
        if p_value >= l.alpha || share(k, n) < 0.5 {
            return Outcome::Clear;
        }
        let text = format!(
            "{}'s ratings sit closer to the last quarter's evidence than to the whole period's for {k} of {n} people whose recent evidence differs (other raters: {}) ({}).",
            data.people[p].name,
            percent(self.recent_rate),
            p_text(p_value)
        );
        self.flag(
            FlagKind::Recency,
            p,
            data,
            Found {
                effect: share(k, n),
                p_value,
                n,
                min_n: l.min_n,
            },
            text,
        )
    }

    fn recency_pull(&self, i: usize, data: &Dataset) -> Option<f64> {
        let s = self.score[i]?;
        let e = (*data.evidence.get(data.ratings[i].ratee)?)?;
        let gap = (e.recent - e.whole).abs();
        (gap >= RECENCY_GAP).then(|| (s - e.whole).abs() - (s - e.recent).abs())
    }

    /// The rater's offset (against the reference) for ratees who share an
    /// attribute with them, minus that for ratees who do not; the attribute
    /// with the strongest evidence, its p-value corrected for the number of
    /// attributes tried.
    fn affinity(&self, p: usize, data: &Dataset, t: &Thresholds) -> Outcome {
        let l = t.affinity;
        let pairs = self.compared(p);
        let rater = &data.people[p];
        let mut best: Option<(f64, f64, usize, usize, &str)> = None;
        let mut have = 0;
        let tried = self.attributes.len().max(1) as f64;
        for a in &self.attributes {
            let Some(mine) = rater.attribute(a) else { continue };
            let (mut same, mut other) = (Vec::new(), Vec::new());
            for &(i, s, r) in &pairs {
                match data.people[data.ratings[i].ratee].attribute(a) {
                    Some(v) if v == mine => same.push(s - r),
                    Some(_) => other.push(s - r),
                    None => {}
                }
            }
            let smaller = same.len().min(other.len());
            have = have.max(smaller);
            if smaller < l.min_n {
                continue;
            }
            let effect = mean(&same) - mean(&other);
            let se = self.sigma * (1.0 / same.len() as f64 + 1.0 / other.len() as f64).sqrt();
            let p_value = (two_sided(effect / se) * tried).min(1.0);
            if best.is_none_or(|b| p_value < b.1) {
                best = Some((effect, p_value, same.len(), other.len(), a));
            }
        }
        let Some((effect, p_value, n_same, n_other, attribute)) = best else {
            return Outcome::NotEnoughData { have, need: l.min_n };
        };
        if p_value >= l.alpha || effect.abs() < t.min_offset {
            return Outcome::Clear;
        }
        let side = if effect > 0.0 { "higher" } else { "lower" };
        let text = format!(
            "{} rates people who share their {attribute} {:.1} points {side} than people who do not, beyond what other raters and the evidence say ({n_same} and {n_other} ratings, {}).",
            rater.name,
            effect.abs(),
            p_text(p_value)
        );
        self.flag(
            FlagKind::Affinity,
            p,
            data,
            Found {
                effect,
                p_value,
                n: n_same + n_other,
                min_n: l.min_n,
            },
            text,
        )
    }
}
