//! Synthetic organisations with planted biases and an answer key, to prove
//! the detectors on data where the truth is known.
//!
//! The shape: teams of eight (a manager and seven members), six teams to a
//! department, whose head is the first team's manager and also manages the
//! other five managers; the first department's head manages the other
//! heads. Everyone has a true performance (mean 3.2, spread 0.7) and a
//! profile across four competencies. Each person is rated by their manager
//! and by three peers (teammates, or fellow managers). The evidence tracks
//! true performance over the whole period; its last quarter wanders off.
//!
//! Planted among team managers outside the gap department, each with one
//! bias: lenient (+1 point), severe (−1), central tendency (everything
//! pulled to 3), halo (one rating for every competency), recency (rates
//! the last quarter's evidence) and affinity (+0.75 for the same gender,
//! −0.75 for the other). One department rates people of gender B 1.2
//! points down (the group gap); another has people of gender B truly
//! performing 0.8 lower, which the evidence shows (a decoy that must not
//! be flagged).

use super::{Dataset, Evidence, FlagKind, Person, Rating};

/// What was planted.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerKey {
    /// (person, the flag they should raise)
    pub biased: Vec<(usize, FlagKind)>,
    /// (unit, attribute, value) of the planted gap.
    pub gap: (String, String, String),
    /// The unit whose group difference is real and explained by evidence.
    pub decoy: String,
    /// Raters in the gap unit: biased as a body, so neither clean nor
    /// planted one by one.
    pub gap_raters: Vec<usize>,
}

pub struct Synthetic {
    pub data: Dataset,
    pub key: AnswerKey,
}

const TEAM: usize = 8;
const TEAMS_PER_DEPT: usize = 6;
const COMPETENCIES: usize = 4;

/// splitmix64: small, seedable, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn normal(&mut self, sd: f64) -> f64 {
        let (u, v) = (self.uniform().max(1e-12), self.uniform());
        sd * (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

fn clamp(x: f64) -> f64 {
    x.clamp(1.0, 5.0)
}

fn to_rating(x: f64) -> u8 {
    clamp(x).round() as u8
}

#[derive(Clone, Copy, PartialEq)]
enum Bias {
    None,
    Plant(FlagKind),
}

/// An organisation of about `people` people (rounded to whole teams).
pub fn organisation(people: usize, seed: u64) -> Synthetic {
    let mut rng = Rng(seed);
    let teams = people.div_ceil(TEAM).max(TEAMS_PER_DEPT * 3);
    let n = teams * TEAM;
    let dept_of = |p: usize| p / TEAM / TEAMS_PER_DEPT;
    let depts = teams.div_ceil(TEAMS_PER_DEPT);
    let unit_name = |d: usize| format!("Department {}", d + 1);
    let (gap_dept, decoy_dept) = (1, 2);

    let manager_of = |p: usize| -> Option<usize> {
        let team_lead = p / TEAM * TEAM;
        let dept_head = dept_of(p) * TEAMS_PER_DEPT * TEAM;
        if p != team_lead {
            Some(team_lead)
        } else if p != dept_head {
            Some(dept_head)
        } else if p != 0 {
            Some(0)
        } else {
            None
        }
    };

    let mut persons = Vec::with_capacity(n);
    let mut perf = Vec::with_capacity(n);
    for p in 0..n {
        let mut attributes = Vec::new();
        let gender = if rng.uniform() < 0.5 { "A" } else { "B" };
        if rng.uniform() >= 0.04 {
            attributes.push(("gender".to_owned(), gender.to_owned()));
        }
        let u = rng.uniform();
        let ethnicity = if u < 0.5 {
            "X"
        } else if u < 0.8 {
            "Y"
        } else {
            "Z"
        };
        if rng.uniform() >= 0.04 {
            attributes.push(("ethnicity".to_owned(), ethnicity.to_owned()));
        }
        let mut level = 3.2 + rng.normal(0.7);
        if dept_of(p) == decoy_dept && gender == "B" {
            level -= 0.8;
        }
        perf.push(clamp(level));
        persons.push(Person {
            name: format!("Person {p}"),
            unit: unit_name(dept_of(p)),
            attributes,
        });
    }
    let truth: Vec<Vec<f64>> = perf
        .iter()
        .map(|&level| (0..COMPETENCIES).map(|_| clamp(level + rng.normal(0.5))).collect())
        .collect();
    let evidence: Vec<Option<Evidence>> = perf
        .iter()
        .map(|&level| {
            let whole = clamp(level + rng.normal(0.3));
            Some(Evidence {
                whole,
                recent: clamp(whole + rng.normal(1.0)),
            })
        })
        .collect();

    // Plant one bias each on team managers who are not heads, outside the
    // gap unit.
    let mut bias = vec![Bias::None; n];
    let kinds = [
        FlagKind::Leniency,
        FlagKind::Severity,
        FlagKind::CentralTendency,
        FlagKind::Halo,
        FlagKind::Recency,
        FlagKind::Affinity,
    ];
    let candidates: Vec<usize> = (0..teams)
        .map(|t| t * TEAM)
        .filter(|&m| m % (TEAM * TEAMS_PER_DEPT) != 0 && dept_of(m) != gap_dept)
        .filter(|&m| persons[m].attribute("gender").is_some())
        .collect();
    let per_kind = (candidates.len() / 20).max(3);
    let mut biased = Vec::new();
    let mut order = candidates;
    for i in (1..order.len()).rev() {
        order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
    }
    // Affinity shows only where a rater rates both groups: its raters have
    // at least 3 reports of each gender (others would be "not enough data").
    let balanced = |m: usize| {
        let mine = persons[m].attribute("gender");
        let same = (m + 1..m + TEAM)
            .filter(|&r| persons[r].attribute("gender") == mine)
            .count();
        let other = (m + 1..m + TEAM)
            .filter(|&r| persons[r].attribute("gender").is_some_and(|g| Some(g) != mine))
            .count();
        same >= 3 && other >= 3
    };
    let mut left = order.into_iter();
    for kind in kinds {
        let mut planted = 0;
        let mut skipped = Vec::new();
        for m in left.by_ref() {
            if kind == FlagKind::Affinity && !balanced(m) {
                skipped.push(m);
                continue;
            }
            bias[m] = Bias::Plant(kind);
            biased.push((m, kind));
            planted += 1;
            if planted == per_kind {
                break;
            }
        }
        left = skipped.into_iter().chain(left).collect::<Vec<_>>().into_iter();
    }
    biased.sort();

    let mut ratings = Vec::new();
    let mut rate = |rater: usize, ratee: usize, rng: &mut Rng| {
        let same_gender = match (persons[rater].attribute("gender"), persons[ratee].attribute("gender")) {
            (Some(a), Some(b)) => Some(a == b),
            _ => None,
        };
        let gap = dept_of(ratee) == gap_dept && persons[ratee].attribute("gender") == Some("B");
        let halo_value = clamp(perf[ratee] + rng.normal(0.4));
        let competencies: Vec<u8> = (0..COMPETENCIES)
            .map(|c| {
                let own = truth[ratee][c];
                let mut x = own + rng.normal(0.4);
                match bias[rater] {
                    Bias::Plant(FlagKind::Leniency) => x += 1.0,
                    Bias::Plant(FlagKind::Severity) => x -= 1.0,
                    Bias::Plant(FlagKind::CentralTendency) => x = 3.0 + 0.15 * (own - 3.0) + rng.normal(0.2),
                    Bias::Plant(FlagKind::Halo) => x = halo_value,
                    Bias::Plant(FlagKind::Recency) => {
                        let recent = evidence[ratee].map_or(perf[ratee], |e| e.recent);
                        x = recent + (own - perf[ratee]) + rng.normal(0.4);
                    }
                    Bias::Plant(FlagKind::Affinity) => match same_gender {
                        Some(true) => x += 0.75,
                        Some(false) => x -= 0.75,
                        None => {}
                    },
                    _ => {}
                }
                if gap {
                    x -= 1.2;
                }
                to_rating(x)
            })
            .collect();
        let overall = to_rating(competencies.iter().map(|&c| f64::from(c)).sum::<f64>() / COMPETENCIES as f64);
        ratings.push(Rating {
            rater,
            ratee,
            competencies,
            overall: Some(overall),
        });
    };
    for p in 0..n {
        if let Some(m) = manager_of(p) {
            rate(m, p, &mut rng);
        }
        // Three peers: teammates for members, fellow managers (or heads)
        // for managers.
        let peers: Vec<usize> = if p % TEAM != 0 {
            let team = p / TEAM * TEAM;
            (1..=3).map(|k| team + 1 + (p - team - 1 + k) % (TEAM - 1)).collect()
        } else if p % (TEAM * TEAMS_PER_DEPT) != 0 {
            let dept = dept_of(p) * TEAMS_PER_DEPT;
            let own = p / TEAM - dept;
            (1..=3)
                .map(|k| dept + 1 + (own - 1 + k) % (TEAMS_PER_DEPT - 1))
                .map(|t| t * TEAM)
                .filter(|&q| q < n)
                .collect()
        } else {
            let own = dept_of(p);
            (1..=3).map(|k| (own + k) % depts * TEAMS_PER_DEPT * TEAM).collect()
        };
        for q in peers {
            if q != p && q < n {
                rate(q, p, &mut rng);
            }
        }
    }
    let gap_raters = {
        let mut r: Vec<usize> = ratings
            .iter()
            .filter(|r| dept_of(r.ratee) == gap_dept)
            .map(|r| r.rater)
            .collect();
        r.sort();
        r.dedup();
        r
    };
    Synthetic {
        data: Dataset {
            people: persons,
            ratings,
            evidence,
        },
        key: AnswerKey {
            biased,
            gap: (unit_name(gap_dept), "gender".into(), "B".into()),
            decoy: unit_name(decoy_dept),
            gap_raters,
        },
    }
}
