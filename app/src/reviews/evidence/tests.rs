use super::*;
use crate::reviews::model::evidence::{EvidenceItem, GoalEvidence};
use crate::reviews::model::form::RatingDraft;

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

const FROM: &str = "2026-07-01";
const TO: &str = "2026-12-31";

fn item(id: &str, kind: EvidenceKind, on: &str, tone: Tone) -> EvidenceItem {
    EvidenceItem {
        id: id.into(),
        kind,
        day: day(on),
        title: String::new(),
        detail: String::new(),
        tone,
    }
}

fn goal(status: Status) -> GoalEvidence {
    GoalEvidence {
        id: "g".into(),
        title: "Ship it".into(),
        progress: 0.5,
        status,
        period_end: day(TO),
        checkins: 1,
    }
}

fn evidence(goals: Vec<GoalEvidence>, items: Vec<EvidenceItem>) -> ReviewEvidence {
    ReviewEvidence {
        period_from: day(FROM),
        period_to: day(TO),
        goals,
        items,
        scope: String::new(),
    }
}

#[test]
fn spread_counts_each_day_in_its_slice_and_ignores_days_outside() {
    let days = [
        "2026-07-01",
        "2026-07-02",
        "2026-10-01",
        "2026-12-31",
        "2026-06-30",
        "2027-01-01",
    ];
    let b = spread(day(FROM), day(TO), days.iter().map(|d| day(d)), 6);
    assert_eq!(b.len(), 6);
    assert_eq!(b[0].from, day(FROM));
    assert_eq!(b[5].to, day(TO));
    for w in b.windows(2) {
        assert_eq!(w[0].to.plus_days(1), w[1].from, "slices are contiguous");
    }
    assert_eq!(b.iter().map(|b| b.count).collect::<Vec<_>>(), vec![2, 0, 0, 1, 0, 1]);
}

#[test]
fn spread_never_has_more_slices_than_days() {
    let b = spread(day("2026-07-01"), day("2026-07-03"), [day("2026-07-03")], 6);
    assert_eq!(b.len(), 3);
    assert_eq!(b[2].count, 1);
    assert!(
        spread(day(TO), day(FROM), [], 6).is_empty(),
        "an inverted period has no slices"
    );
}

#[test]
fn balance_counts_goals_by_standing_and_feedback_by_tone() {
    let e = evidence(
        vec![
            goal(Status::OnTrack),
            goal(Status::OffTrack),
            goal(Status::AtRisk),
            goal(Status::Abandoned),
        ],
        vec![
            item("f1", EvidenceKind::Feedback, "2026-08-01", Tone::Positive),
            item("f2", EvidenceKind::Feedback, "2026-08-02", Tone::Constructive),
            item("f3", EvidenceKind::Feedback, "2026-08-03", Tone::Neutral),
            item("c1", EvidenceKind::CheckIn, "2026-08-04", Tone::Positive),
            item("k1", EvidenceKind::Coaching, "2026-08-05", Tone::Neutral),
        ],
    );
    assert_eq!(
        balance(&e),
        Balance {
            goals: 3,
            goals_behind: 2,
            positive: 1,
            constructive: 1
        }
    );
}

#[test]
fn the_overall_rating_wins_else_the_mean_of_what_is_rated() {
    let mut d = ReviewDraft {
        ratings: vec![
            RatingDraft {
                competency: "a".into(),
                rating: Some(4),
                comment: String::new(),
            },
            RatingDraft {
                competency: "b".into(),
                rating: Some(5),
                comment: String::new(),
            },
            RatingDraft::default(),
        ],
        ..Default::default()
    };
    assert_eq!(rating_of(&d), Some(4.5));
    d.overall = Some(2);
    assert_eq!(rating_of(&d), Some(2.0));
    assert_eq!(rating_of(&ReviewDraft::default()), None);
}

#[test]
fn a_high_rating_against_evidence_that_is_mostly_behind_is_flagged_with_the_counts() {
    let b = Balance {
        goals: 4,
        goals_behind: 3,
        positive: 1,
        constructive: 5,
    };
    let w = rating_warning(5.0, &b).expect("5 against 2 good of 10");
    assert!(w.contains("You rate 5"), "{w}");
    assert!(w.contains("3 of 4 goals are at risk or off track"), "{w}");
    assert!(
        w.contains("5 of 6 feedback entries you can see are constructive"),
        "{w}"
    );
    assert!(rating_warning(4.3, &b).unwrap().contains("You rate 4.3"));
    assert_eq!(rating_warning(3.0, &b), None, "a middle rating departs from nothing");
}

#[test]
fn a_low_rating_against_evidence_that_is_mostly_good_is_flagged() {
    let b = Balance {
        goals: 3,
        goals_behind: 0,
        positive: 4,
        constructive: 1,
    };
    let w = rating_warning(1.0, &b).expect("1 against 7 good of 8");
    assert!(w.contains("3 of 3 goals are on track or done"), "{w}");
    assert!(w.contains("4 of 5 feedback entries you can see are praise"), "{w}");
    assert_eq!(rating_warning(4.0, &b), None, "a high rating agrees");
}

#[test]
fn mixed_or_thin_evidence_raises_nothing() {
    let mixed = Balance {
        goals: 4,
        goals_behind: 2,
        positive: 2,
        constructive: 2,
    };
    assert_eq!(rating_warning(5.0, &mixed), None);
    assert_eq!(rating_warning(1.0, &mixed), None);
    let thin = Balance {
        goals: 1,
        goals_behind: 1,
        positive: 0,
        constructive: 2,
    };
    assert_eq!(rating_warning(5.0, &thin), None, "3 points is too little to argue");
    let only_feedback = Balance {
        constructive: 4,
        ..Default::default()
    };
    let w = rating_warning(5.0, &only_feedback).unwrap();
    assert!(!w.contains("goals"), "no goals, no goal fact: {w}");
}

#[test]
fn citations_bunched_in_the_last_quarter_are_flagged() {
    // 184 days: the last quarter is the last 46 days, from 2026-11-16.
    let cited = [
        day("2026-11-16"),
        day("2026-12-01"),
        day("2026-12-20"),
        day("2026-08-01"),
    ];
    let w = recency_warning(&cited, day(FROM), day(TO)).expect("3 of 4 late");
    assert!(w.contains("3 of the 4 items you cite"), "{w}");
    assert!(w.contains("since 2026-11-16"), "{w}");
    assert!(w.contains("last 7 weeks"), "{w}");
}

#[test]
fn citations_across_the_period_or_too_few_raise_nothing() {
    let spread_out = [day("2026-07-10"), day("2026-09-01"), day("2026-12-20")];
    assert_eq!(recency_warning(&spread_out, day(FROM), day(TO)), None);
    let one_day_early = [day("2026-11-15"), day("2026-11-15"), day("2026-12-20")];
    assert_eq!(
        recency_warning(&one_day_early, day(FROM), day(TO)),
        None,
        "2 of 3 early"
    );
    let two = [day("2026-12-20"), day("2026-12-21")];
    assert_eq!(
        recency_warning(&two, day(FROM), day(TO)),
        None,
        "two citations are not a pattern"
    );
}

#[test]
fn cited_days_keep_only_items_still_in_the_evidence() {
    let e = evidence(
        vec![],
        vec![
            item("feedback:a", EvidenceKind::Feedback, "2026-08-01", Tone::Positive),
            item("coaching:b", EvidenceKind::Coaching, "2026-09-01", Tone::Neutral),
        ],
    );
    let days = cited_days(&e, &["coaching:b".into(), "feedback:gone".into()]);
    assert_eq!(days, vec![day("2026-09-01")]);
}

#[test]
fn citations_are_bounded_unique_and_well_formed() {
    assert!(check_cited(&["feedback:a".into(), "checkin:b".into()]).is_ok());
    assert!(check_cited(&["feedback:a".into(), "feedback:a".into()])
        .unwrap_err()
        .contains("twice"));
    assert!(check_cited(&["feedback a".into()]).is_err());
    assert!(check_cited(&[String::new()]).is_err());
    let many: Vec<String> = (0..=MAX_CITED).map(|i| format!("feedback:{i}")).collect();
    assert!(check_cited(&many).unwrap_err().contains("at most"));
}
