//! Rating gaps between groups within an org unit: the share of top (and of
//! low) ratings per group, by the 4/5ths rule, then tested after the
//! evidence is taken into account, so a real performance difference the
//! evidence explains is not a gap.

use super::probability::{mean, two_sided, variance};
use super::{p_text, percent, Dataset, Flag, FlagKind, Subject, Thresholds};
use std::collections::BTreeMap;

/// A person's rating for group comparisons: the mean score of the reviews
/// about them. Top is 4 and up, low is 2 and down, once rounded.
const TOP: f64 = 3.5;
const LOW: f64 = 2.5;
/// Evidence bins for the expected rate, in rating points.
const BIN: f64 = 0.25;

struct Rated {
    person: usize,
    rating: f64,
    evidence: Option<f64>,
}

fn rated(data: &Dataset) -> Vec<Rated> {
    let mut sums: Vec<(f64, usize)> = vec![(0.0, 0); data.people.len()];
    for r in &data.ratings {
        if let (Some(s), Some(slot)) = (r.score(), sums.get_mut(r.ratee)) {
            slot.0 += s;
            slot.1 += 1;
        }
    }
    sums.iter()
        .enumerate()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(person, (sum, n))| Rated {
            person,
            rating: sum / *n as f64,
            evidence: data.evidence.get(person).copied().flatten().map(|e| e.whole),
        })
        .collect()
}

/// The org-wide rate of an outcome per evidence bin, so each person has an
/// expected probability given their evidence (the org-wide rate without).
fn expected(all: &[Rated], hit: &dyn Fn(f64) -> bool) -> impl Fn(&Rated) -> f64 {
    let mut bins: BTreeMap<i64, (usize, usize)> = BTreeMap::new();
    for r in all {
        if let Some(e) = r.evidence {
            let b = bins.entry((e / BIN).round() as i64).or_default();
            b.0 += usize::from(hit(r.rating));
            b.1 += 1;
        }
    }
    let overall = all.iter().filter(|r| hit(r.rating)).count() as f64 / all.len().max(1) as f64;
    move |r: &Rated| match r.evidence.and_then(|e| bins.get(&((e / BIN).round() as i64))) {
        Some(&(k, n)) if n >= 5 => k as f64 / n as f64,
        _ => overall,
    }
}

/// An outcome compared between groups: its name, who has it, and whether
/// having it is favourable.
type Cut = (&'static str, fn(f64) -> bool, bool);

pub(super) fn gaps(data: &Dataset, t: &Thresholds) -> Vec<Flag> {
    let all = rated(data);
    // Candidates with their unadjusted p-values, and how many comparisons
    // each unit had: a unit's p-values are multiplied by that (Bonferroni),
    // so a department with many groups is not flagged by chance.
    let mut candidates: Vec<Flag> = Vec::new();
    let mut tests: BTreeMap<String, usize> = BTreeMap::new();
    let outcomes: [Cut; 2] = [("top", |x| x >= TOP, true), ("low", |x| x < LOW, false)];
    for (label, hit, good) in outcomes {
        let expect = expected(&all, &hit);
        let mut units: BTreeMap<&str, Vec<&Rated>> = BTreeMap::new();
        for r in &all {
            units.entry(data.people[r.person].unit.as_str()).or_default().push(r);
        }
        let mut attributes: Vec<&str> = data
            .people
            .iter()
            .flat_map(|p| p.attributes.iter().map(|(n, _)| n.as_str()))
            .collect();
        attributes.sort();
        attributes.dedup();
        for (unit, people) in &units {
            for a in &attributes {
                let mut groups: BTreeMap<&str, Vec<&Rated>> = BTreeMap::new();
                for r in people {
                    if let Some(v) = data.people[r.person].attribute(a) {
                        groups.entry(v).or_default().push(r);
                    }
                }
                groups.retain(|_, g| g.len() >= t.group_gap.min_n);
                if groups.len() < 2 {
                    continue;
                }
                *tests.entry((*unit).to_owned()).or_default() += groups.len() - 1;
                let rate = |g: &[&Rated]| g.iter().filter(|r| hit(r.rating)).count() as f64 / g.len() as f64;
                // The reference group: the best-treated one (highest top
                // rate, lowest low rate).
                let Some((best, best_group)) = groups
                    .iter()
                    .map(|(v, g)| (*v, rate(g)))
                    .max_by(|x, y| if good { x.1.total_cmp(&y.1) } else { y.1.total_cmp(&x.1) })
                    .map(|(v, r)| (r, v))
                else {
                    continue;
                };
                for (value, g) in &groups {
                    if *value == best_group {
                        continue;
                    }
                    let mine = rate(g);
                    // The 4/5ths rule on the favourable outcome: for low
                    // ratings, the rates of *not* being rated low.
                    let ratio = if good {
                        if best == 0.0 {
                            1.0
                        } else {
                            mine / best
                        }
                    } else if mine >= 1.0 {
                        0.0
                    } else {
                        (1.0 - mine) / (1.0 - best)
                    };
                    if ratio >= t.four_fifths {
                        continue;
                    }
                    let reference = &groups[best_group];
                    let resid = |g: &[&Rated]| -> Vec<f64> {
                        g.iter()
                            .map(|r| f64::from(u8::from(hit(r.rating))) - expect(r))
                            .collect()
                    };
                    let (rg, rb) = (resid(g), resid(reference));
                    let se = (variance(&rg) / rg.len() as f64 + variance(&rb) / rb.len() as f64).sqrt();
                    let gap = mean(&rg) - mean(&rb);
                    if se <= 0.0 {
                        continue;
                    }
                    let z = gap / se;
                    let p_value = two_sided(z);
                    let exp = |g: &[&Rated]| mean(&g.iter().map(|r| expect(r)).collect::<Vec<_>>());
                    candidates.push(Flag {
                        kind: FlagKind::GroupGap,
                        subject: Subject::Group {
                            unit: (*unit).to_owned(),
                            attribute: (*a).to_owned(),
                            value: (*value).to_owned(),
                        },
                        effect: ratio,
                        p_value,
                        n: g.len() + reference.len(),
                        min_n: t.group_gap.min_n,
                        explanation: format!(
                            "In {unit}, {} of people whose {a} is {value} got a {label} rating against {} of {best_group} (ratio {ratio:.2}, below {:.2}); their evidence predicts {} and {} ({} and {} people, ",
                            percent(mine),
                            percent(best),
                            t.four_fifths,
                            percent(exp(g)),
                            percent(exp(reference)),
                            g.len(),
                            reference.len(),
                        ),
                    });
                }
            }
        }
    }
    candidates
        .into_iter()
        .filter_map(|mut f| {
            let Subject::Group { unit, .. } = &f.subject else {
                return None;
            };
            f.p_value = (f.p_value * tests.get(unit).copied().unwrap_or(1) as f64).min(1.0);
            f.explanation.push_str(&format!("{}).", p_text(f.p_value)));
            (f.p_value < t.group_gap.alpha).then_some(f)
        })
        .collect()
}
