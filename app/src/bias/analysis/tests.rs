use super::synthetic::organisation;
use super::*;
use std::collections::BTreeMap;

fn person(name: &str, gender: Option<&str>) -> Person {
    Person {
        name: name.into(),
        unit: "Sales".into(),
        attributes: gender.map(|g| vec![("gender".into(), g.into())]).unwrap_or_default(),
    }
}

fn rating(rater: usize, ratee: usize, scores: [u8; 4]) -> Rating {
    Rating {
        rater,
        ratee,
        competencies: scores.to_vec(),
        overall: Some(scores[0]),
    }
}

fn outcome(report: &Report, person: usize, d: Detector) -> Outcome {
    report
        .raters
        .iter()
        .find(|r| r.person == person)
        .and_then(|r| r.outcomes.iter().find(|(x, _)| *x == d))
        .map(|(_, o)| o.clone())
        .expect("the rater is in the report")
}

fn kinds(report: &Report, person: usize) -> Vec<FlagKind> {
    report
        .flags()
        .filter(|f| matches!(f.subject, Subject::Rater { person: p, .. } if p == person))
        .map(|f| f.kind)
        .collect()
}

/// A hand-made cycle: `managers` each rate their own team of `team`
/// people; every ratee also has three fair peer raters from a common pool.
/// `level(team, member)` is the ratee's true rating; `manager(team, level,
/// member)` is what the manager gives.
fn cycle(
    managers: usize,
    team: usize,
    level: impl Fn(usize, usize) -> u8,
    manager: impl Fn(usize, u8, usize) -> [u8; 4],
) -> Dataset {
    let mut people: Vec<Person> = (0..managers)
        .map(|m| person(&format!("Manager {m}"), Some("A")))
        .collect();
    let peers: Vec<usize> = (0..4)
        .map(|i| {
            people.push(person(&format!("Peer {i}"), Some("A")));
            people.len() - 1
        })
        .collect();
    let mut ratings = Vec::new();
    let mut evidence = vec![None; people.len()];
    for m in 0..managers {
        for i in 0..team {
            let l = level(m, i);
            people.push(person(
                &format!("Report {m}.{i}"),
                Some(if i % 2 == 0 { "A" } else { "B" }),
            ));
            let ratee = people.len() - 1;
            evidence.push(Some(Evidence {
                whole: f64::from(l),
                recent: f64::from(l),
            }));
            ratings.push(rating(m, ratee, manager(m, l, i)));
            for (k, &p) in peers.iter().enumerate().take(3) {
                // Fair peers, a point of noise now and then.
                let wobble = ((i + k + m) % 5 == 0) as u8;
                let s = (l + wobble).min(5);
                let (up, down) = ((l + 1).min(5), l.saturating_sub(1).max(1));
                ratings.push(rating(p, ratee, [s, up, l, down]));
            }
        }
    }
    evidence.resize(people.len(), None);
    Dataset {
        people,
        ratings,
        evidence,
    }
}

/// Honest ratings at the ratee's level, one competency a point up and one
/// a point down (never a flat profile).
fn fair(_: usize, l: u8, i: usize) -> [u8; 4] {
    let step = [0i8, -1, 0, 1];
    let mut r = [l; 4];
    for (c, x) in r.iter_mut().enumerate() {
        *x = (l as i8 + step[(c + i) % 4]).clamp(1, 5) as u8;
    }
    r
}

fn mixed(m: usize, i: usize) -> u8 {
    [2, 3, 4, 3, 5, 2, 4, 3][(i + m) % 8]
}

#[test]
fn a_strong_team_rated_high_by_a_fair_manager_is_not_leniency() {
    // Manager 0's team is all 5s and 4s, and the peers and evidence agree.
    let data = cycle(6, 8, |m, i| if m == 0 { 4 + (i % 2) as u8 } else { mixed(m, i) }, fair);
    let report = analyse(&data, &Thresholds::default());
    assert_eq!(outcome(&report, 0, Detector::Leniency), Outcome::Clear);
    assert!(kinds(&report, 0).is_empty(), "{:?}", kinds(&report, 0));
}

#[test]
fn a_lenient_manager_is_flagged_with_the_numbers_in_words() {
    let data = cycle(6, 8, mixed, |m, l, i| {
        let r = fair(m, l, i);
        if m == 2 {
            r.map(|x| (x + 1).min(5))
        } else {
            r
        }
    });
    let report = analyse(&data, &Thresholds::default());
    let Outcome::Flag(f) = outcome(&report, 2, Detector::Leniency) else {
        panic!("manager 2 is lenient: {:?}", outcome(&report, 2, Detector::Leniency));
    };
    assert_eq!(f.kind, FlagKind::Leniency);
    assert!(f.effect > 0.5 && f.p_value < 0.01, "{f:?}");
    assert!(
        f.explanation.starts_with("Manager 2 rates 0.")
            && f.explanation.contains("points above other raters of the same people")
            && f.explanation.contains("(8 ratings, z = "),
        "{}",
        f.explanation
    );
    assert_eq!((f.n, f.min_n), (8, 5));
    assert!(kinds(&report, 1).is_empty());
}

#[test]
fn a_rater_with_two_ratings_is_not_enough_data_never_a_flag() {
    // Manager 0 rates two people 5 where everyone else says 1.
    let data = cycle(4, 2, |_, _| 1, |m, _, _| if m == 0 { [5; 4] } else { [1; 4] });
    let report = analyse(&data, &Thresholds::default());
    for d in RATER_DETECTORS {
        assert!(
            matches!(outcome(&report, 0, d), Outcome::NotEnoughData { need, .. } if need >= 3),
            "{d:?}: {:?}",
            outcome(&report, 0, d)
        );
    }
    assert!(kinds(&report, 0).is_empty());
}

#[test]
fn central_tendency_and_halo_are_told_apart_from_honest_raters() {
    let data = cycle(6, 8, mixed, |m, l, i| match m {
        1 => [3; 4],
        3 => [l; 4],
        _ => fair(m, l, i),
    });
    let report = analyse(&data, &Thresholds::default());
    let central = kinds(&report, 1);
    assert!(central.contains(&FlagKind::CentralTendency), "{central:?}");
    let halo = kinds(&report, 3);
    assert_eq!(
        halo,
        vec![FlagKind::Halo],
        "a halo rater rates the right level, so only halo"
    );
    let Outcome::Flag(f) = outcome(&report, 3, Detector::Halo) else {
        unreachable!()
    };
    assert!(
        f.explanation
            .contains("gives every competency the same rating for 8 of 8 people"),
        "{}",
        f.explanation
    );
    for m in [0, 2, 4, 5] {
        assert!(kinds(&report, m).is_empty(), "manager {m}: {:?}", kinds(&report, m));
    }
}

#[test]
fn cycles_with_no_ratings_one_rater_or_identical_ratings_say_not_enough_data() {
    let t = Thresholds::default();
    let empty = analyse(&Dataset::default(), &t);
    assert!(empty.not_enough_data.is_some() && empty.flags().count() == 0);

    let one = Dataset {
        people: vec![person("Ann", None), person("Bo", None)],
        ratings: vec![rating(0, 1, [3; 4])],
        evidence: vec![None, None],
    };
    assert!(analyse(&one, &t)
        .not_enough_data
        .unwrap()
        .starts_with("Not enough data"));

    let mut same = cycle(3, 6, |_, _| 3, |_, _, _| [3; 4]);
    for r in same.ratings.iter_mut() {
        r.competencies = vec![3; 4];
    }
    let report = analyse(&same, &t);
    assert!(report.not_enough_data.is_some(), "every rating identical");
    assert_eq!(report.flags().count(), 0);
}

#[test]
fn missing_demographics_are_left_out_not_imputed() {
    let mut data = cycle(6, 8, mixed, fair);
    for p in data.people.iter_mut() {
        if p.name.ends_with(".1") || p.name.ends_with(".3") {
            p.attributes.clear();
        }
    }
    data.people[0].attributes.clear();
    let report = analyse(&data, &Thresholds::default());
    assert!(matches!(
        outcome(&report, 0, Detector::Affinity),
        Outcome::NotEnoughData { have: 0, .. }
    ));
}

/// Recall per planted type, and the share of clean raters (with enough
/// data for that detector) flagged with it.
struct Scored {
    recall: BTreeMap<FlagKind, f64>,
    false_rate: BTreeMap<FlagKind, f64>,
    report: Report,
    key: synthetic::AnswerKey,
    units: usize,
}

fn scores(people: usize, seed: u64) -> Scored {
    let org = organisation(people, seed);
    let report = analyse(&org.data, &Thresholds::default());
    let units = org
        .data
        .people
        .iter()
        .map(|p| p.unit.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let key = org.key;
    let mut recall = BTreeMap::new();
    for kind in [
        FlagKind::Leniency,
        FlagKind::Severity,
        FlagKind::CentralTendency,
        FlagKind::Halo,
        FlagKind::Recency,
        FlagKind::Affinity,
    ] {
        let planted: Vec<usize> = key.biased.iter().filter(|(_, k)| *k == kind).map(|(p, _)| *p).collect();
        let found = planted.iter().filter(|&&p| kinds(&report, p).contains(&kind)).count();
        recall.insert(kind, found as f64 / planted.len() as f64);
    }
    let mut false_rate = BTreeMap::new();
    for d in RATER_DETECTORS {
        let (mut tested, mut flagged) = (0, 0);
        for r in &report.raters {
            if key.biased.iter().any(|(p, _)| *p == r.person) || key.gap_raters.contains(&r.person) {
                continue;
            }
            match r.outcomes.iter().find(|(x, _)| *x == d).map(|(_, o)| o) {
                Some(Outcome::Flag(_)) => {
                    tested += 1;
                    flagged += 1;
                }
                Some(Outcome::Clear) => tested += 1,
                _ => {}
            }
        }
        let kind = match d {
            Detector::Leniency => FlagKind::Leniency,
            Detector::CentralTendency => FlagKind::CentralTendency,
            Detector::Halo => FlagKind::Halo,
            Detector::Recency => FlagKind::Recency,
            Detector::Affinity => FlagKind::Affinity,
        };
        false_rate.insert(kind, flagged as f64 / tested.max(1) as f64);
    }
    Scored {
        recall,
        false_rate,
        report,
        key,
        units,
    }
}

#[test]
fn planted_biases_are_found_at_2000_people_and_clean_raters_stay_clean() {
    let Scored {
        recall,
        false_rate,
        report,
        key,
        units,
    } = scores(2000, 7);
    println!("2,000 people: recall {recall:?}; false flags on clean raters {false_rate:?}");
    for (p, k) in &key.biased {
        if !kinds(&report, *p).contains(k) {
            println!(
                "missed {k:?} on {p}: {:?}",
                report.raters.iter().find(|r| r.person == *p)
            );
        }
    }
    for (kind, r) in &recall {
        assert!(*r >= 0.9, "recall of {kind:?} is {r:.2}: {recall:?}");
    }
    for (kind, f) in &false_rate {
        assert!(
            *f <= 0.05,
            "false flags for {kind:?} on {f:.3} of clean raters: {false_rate:?}"
        );
    }
    // The planted gap is found; the decoy, a real difference the evidence
    // shows, is not; other units rarely trip.
    let gaps: Vec<(&str, &str, &str)> = report
        .group_gaps
        .iter()
        .filter_map(|f| match &f.subject {
            Subject::Group { unit, attribute, value } => Some((unit.as_str(), attribute.as_str(), value.as_str())),
            _ => None,
        })
        .collect();
    let (unit, attribute, value) = (&key.gap.0, &key.gap.1, &key.gap.2);
    assert!(
        gaps.contains(&(unit.as_str(), attribute.as_str(), value.as_str())),
        "{gaps:?}"
    );
    assert!(!gaps.iter().any(|g| g.0 == key.decoy), "{gaps:?}");
    let others = gaps
        .iter()
        .filter(|g| g.0 != unit.as_str())
        .map(|g| g.0)
        .collect::<std::collections::BTreeSet<_>>();
    assert!(
        others.len() as f64 <= 0.05 * units as f64,
        "{others:?} of {units} units"
    );
    let flag = report
        .group_gaps
        .iter()
        .find(|f| matches!(&f.subject, Subject::Group { unit: u, .. } if u == unit))
        .unwrap();
    assert!(
        flag.explanation.starts_with(&format!("In {unit}, ")),
        "{}",
        flag.explanation
    );
    assert!(
        flag.explanation.contains("whose gender is B got a"),
        "{}",
        flag.explanation
    );
}

#[test]
fn the_same_seed_gives_the_same_organisation() {
    let a = organisation(300, 3);
    let b = organisation(300, 3);
    assert_eq!(a.data, b.data);
    assert_eq!(a.key, b.key);
    assert_ne!(organisation(300, 4).data, a.data);
}

/// One seed plants 9 raters of each type, so one miss moves recall by 0.11;
/// eight more seeds (72 per type) measure it properly.
#[test]
fn recall_and_false_flags_hold_over_eight_more_seeds() {
    let mut recall: BTreeMap<FlagKind, Vec<f64>> = BTreeMap::new();
    let mut false_rate: BTreeMap<FlagKind, Vec<f64>> = BTreeMap::new();
    for seed in 1..=8 {
        let s = scores(2000, seed);
        for (k, r) in s.recall {
            recall.entry(k).or_default().push(r);
        }
        for (k, f) in s.false_rate {
            false_rate.entry(k).or_default().push(f);
        }
        let (unit, attribute, value) = &s.key.gap;
        assert!(
            s.report.group_gaps.iter().any(|f| f.subject
                == Subject::Group {
                    unit: unit.clone(),
                    attribute: attribute.clone(),
                    value: value.clone()
                }),
            "seed {seed}: the planted gap"
        );
        assert!(
            !s.report
                .group_gaps
                .iter()
                .any(|f| matches!(&f.subject, Subject::Group { unit, .. } if *unit == s.key.decoy)),
            "seed {seed}: the decoy"
        );
    }
    let avg = |v: &Vec<f64>| v.iter().sum::<f64>() / v.len() as f64;
    for (k, v) in &recall {
        println!(
            "recall of {k:?} over 8 seeds: {:.3} (lowest seed {:.2})",
            avg(v),
            v.iter().cloned().fold(1.0, f64::min)
        );
        assert!(avg(v) >= 0.9, "{k:?}: {v:?}");
    }
    for (k, v) in &false_rate {
        println!(
            "false flags for {k:?} over 8 seeds: {:.4} (highest seed {:.3})",
            avg(v),
            v.iter().cloned().fold(0.0, f64::max)
        );
        assert!(avg(v) <= 0.05, "{k:?}: {v:?}");
    }
}

/// 24 people in Sales, half of each gender, each rated by the same three
/// raters from another unit; `score(i, b)` is everyone's rating of person
/// i (b: gender B) and `evidence(i, b)` their evidence.
fn sales(score: impl Fn(usize, bool) -> u8, evidence: impl Fn(usize, bool) -> f64) -> Dataset {
    let mut people: Vec<Person> = (0..3)
        .map(|r| Person {
            name: format!("Rater {r}"),
            unit: "Board".into(),
            attributes: Vec::new(),
        })
        .collect();
    let mut evidences = vec![None; 3];
    let mut ratings = Vec::new();
    for i in 0..24 {
        let b = i % 2 == 1;
        people.push(person(&format!("Seller {i}"), Some(if b { "B" } else { "A" })));
        let e = evidence(i, b);
        evidences.push(Some(Evidence { whole: e, recent: e }));
        for r in 0..3 {
            ratings.push(rating(r, people.len() - 1, [score(i, b); 4]));
        }
    }
    Dataset {
        people,
        ratings,
        evidence: evidences,
    }
}

#[test]
fn a_gap_the_evidence_explains_is_not_flagged_and_one_it_does_not_is() {
    let t = Thresholds::default();
    // Half of each group has strong evidence, half middling.
    let strong = |i: usize| i % 4 < 2;
    // Explained: B's strong half is smaller in evidence terms too (B's
    // "strong" people have middling evidence and middling ratings).
    let explained = sales(
        |i, b| if strong(i) && !b { 4 } else { 3 },
        |i, b| if strong(i) && !b { 4.0 } else { 3.0 },
    );
    assert!(analyse(&explained, &t).group_gaps.is_empty());
    // Not explained: the same evidence for both, B rated down.
    let unexplained = sales(
        |i, b| if strong(i) && !b { 4 } else { 3 },
        |i, _| if strong(i) { 4.0 } else { 3.0 },
    );
    let gaps = analyse(&unexplained, &t).group_gaps;
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(
        gaps[0].subject,
        Subject::Group {
            unit: "Sales".into(),
            attribute: "gender".into(),
            value: "B".into()
        }
    );
    assert!(
        gaps[0]
            .explanation
            .starts_with("In Sales, 0% of people whose gender is B got a top rating against 50% of A"),
        "{}",
        gaps[0].explanation
    );
    // Groups under the minimum size are not compared at all.
    let small = Thresholds {
        group_gap: Limits { min_n: 13, alpha: 0.01 },
        ..t
    };
    assert!(analyse(&unexplained, &small).group_gaps.is_empty());
}

/// The figures for `docs/benchmarks.md` at 10,000 people (slow in a debug
/// build): `cargo test -p app --lib -- --ignored bias::tests::figures`.
#[test]
#[ignore]
fn figures_at_10000_people() {
    let s = scores(10_000, 7);
    println!(
        "10,000 people: recall {:?}; false flags on clean raters {:?}",
        s.recall, s.false_rate
    );
    println!("group gaps flagged: {}", s.report.group_gaps.len());
}
