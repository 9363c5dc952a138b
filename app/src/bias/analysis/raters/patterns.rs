//! The detectors that read a rater's pattern rather than their level:
//! central tendency, halo, recency and affinity, each against the org-wide
//! base rate. Split from `raters` for size; they share `Prepared`.

use super::super::probability::{binomial_sf, chi2_cdf, mean, normal_sf, two_sided, variance};
use super::super::{p_text, percent, Dataset, FlagKind, Limits, Outcome, Thresholds};
use super::*;

impl Prepared {
    pub(super) fn central(&self, p: usize, data: &Dataset, l: Limits) -> Outcome {
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

    pub(super) fn halo(&self, p: usize, data: &Dataset, l: Limits) -> Outcome {
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
    pub(super) fn recency(&self, p: usize, data: &Dataset, l: Limits) -> Outcome {
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

    pub(super) fn recency_pull(&self, i: usize, data: &Dataset) -> Option<f64> {
        let s = self.score[i]?;
        let e = (*data.evidence.get(data.ratings[i].ratee)?)?;
        let gap = (e.recent - e.whole).abs();
        (gap >= RECENCY_GAP).then(|| (s - e.whole).abs() - (s - e.recent).abs())
    }

    /// The rater's offset (against the reference) for ratees who share an
    /// attribute with them, minus that for ratees who do not; the attribute
    /// with the strongest evidence, its p-value corrected for the number of
    /// attributes tried.
    pub(super) fn affinity(&self, p: usize, data: &Dataset, t: &Thresholds) -> Outcome {
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
