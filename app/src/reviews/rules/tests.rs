use super::*;
use crate::reviews::model::form::{CompetencyView, RatingDraft};
use crate::reviews::model::ReviewKind;

fn template(overall: bool) -> TemplateView {
    let c = |key: &str, name: &str| CompetencyView {
        key: key.into(),
        name: name.into(),
        anchors: (1..=5).map(|n| format!("level {n}")).collect(),
    };
    TemplateView {
        name: "Standard".into(),
        version: 1,
        competencies: vec![c("delivery", "Delivery"), c("collaboration", "Collaboration")],
        questions: vec!["What went well?".into()],
        overall,
        goals: false,
    }
}

fn rating(key: &str, n: Option<u8>, comment: &str) -> RatingDraft {
    RatingDraft {
        competency: key.into(),
        rating: n,
        comment: comment.into(),
    }
}

#[test]
fn a_partial_draft_is_well_formed_but_not_ready() {
    let t = template(true);
    let d = ReviewDraft {
        ratings: vec![rating("delivery", Some(3), "")],
        answers: vec![],
        overall: None,
        ..Default::default()
    };
    assert_eq!(check_draft(&t, &d), Ok(()));
    assert_eq!(
        missing_for_submit(&t, &d),
        vec![
            "Rate “Collaboration”.".to_owned(),
            "Give the overall rating.".to_owned()
        ]
    );
}

#[test]
fn ratings_off_the_scale_and_unknown_competencies_are_refused() {
    let t = template(true);
    let off = ReviewDraft {
        ratings: vec![rating("delivery", Some(6), "")],
        ..Default::default()
    };
    assert!(check_draft(&t, &off).unwrap_err().contains("6 is off the scale"));
    let zero = ReviewDraft {
        ratings: vec![rating("delivery", Some(0), "")],
        ..Default::default()
    };
    assert!(check_draft(&t, &zero).is_err());
    let unknown = ReviewDraft {
        ratings: vec![rating("charisma", Some(3), "")],
        ..Default::default()
    };
    assert!(check_draft(&t, &unknown)
        .unwrap_err()
        .contains("“charisma” is not a competency"));
    let twice = ReviewDraft {
        ratings: vec![rating("delivery", Some(3), ""), rating("delivery", Some(4), "")],
        ..Default::default()
    };
    assert!(check_draft(&t, &twice).unwrap_err().contains("rated twice"));
    let overall = ReviewDraft {
        overall: Some(9),
        ..Default::default()
    };
    assert!(check_draft(&t, &overall)
        .unwrap_err()
        .contains("overall rating from 1 to 5"));
    assert!(check_draft(
        &template(false),
        &ReviewDraft {
            overall: Some(3),
            ..Default::default()
        }
    )
    .is_err());
}

#[test]
fn extreme_ratings_need_a_comment_and_middle_ones_do_not() {
    let t = template(false);
    let d = ReviewDraft {
        ratings: vec![rating("delivery", Some(5), "  "), rating("collaboration", Some(1), "")],
        ..Default::default()
    };
    let missing = missing_for_submit(&t, &d);
    assert_eq!(missing.len(), 2);
    assert!(missing[0].contains("“Delivery” is rated 5"));
    assert!(missing[1].contains("“Collaboration” is rated 1"));
    let ok = ReviewDraft {
        ratings: vec![
            rating("delivery", Some(5), "Shipped the billing migration two weeks early."),
            rating("collaboration", Some(2), ""),
        ],
        ..Default::default()
    };
    assert!(missing_for_submit(&t, &ok).is_empty());
}

#[test]
fn long_comments_are_refused() {
    let t = template(false);
    let d = ReviewDraft {
        ratings: vec![rating("delivery", Some(3), &"x".repeat(MAX_COMMENT + 1))],
        ..Default::default()
    };
    assert!(check_draft(&t, &d).unwrap_err().contains("longer than"));
}

#[test]
fn the_deadline_day_itself_is_still_open() {
    let due = Day::parse("2026-12-15").unwrap();
    assert!(check_deadline(due, due).is_ok());
    let late = check_deadline(due, due.plus_days(1)).unwrap_err();
    assert!(late.contains("2026-12-15") && late.contains("extension"));
}

#[test]
fn a_cycle_needs_a_name_a_sane_period_a_future_deadline_and_a_kind() {
    let today = Day::parse("2026-11-28").unwrap();
    let good = CycleDraft {
        name: " 2026 H2 ".into(),
        period_from: "2026-07-01".into(),
        period_to: "2026-12-31".into(),
        unit: String::new(),
        self_review: true,
        manager_review: true,
        peer_review: false,
        upward_review: false,
        write_due: "2026-12-20".into(),
        ..Default::default()
    };
    let plan = plan_cycle(&good, today).unwrap();
    assert_eq!(
        (plan.anonymity, plan.audience, plan.template.clone()),
        (3, Audience::Everyone, None)
    );
    assert_eq!(plan.name, "2026 H2");
    assert_eq!(plan.kinds, vec![ReviewKind::SelfReview, ReviewKind::Manager]);
    let bad = |f: fn(&mut CycleDraft)| {
        let mut d = good.clone();
        f(&mut d);
        plan_cycle(&d, today).unwrap_err()
    };
    assert!(bad(|d| d.name = "  ".into()).contains("Name the cycle"));
    assert!(bad(|d| d.period_from = "2026-13-01".into()).contains("period start is not a date"));
    assert!(bad(|d| d.period_to = "2026-06-01".into()).contains("ends before it starts"));
    assert!(bad(|d| d.period_from = "2025-01-01".into()).contains("at most a year"));
    assert!(bad(|d| d.write_due = "2026-11-27".into()).contains("already passed"));
    assert!(bad(|d| {
        d.self_review = false;
        d.manager_review = false
    })
    .contains("at least one kind"));
}

#[test]
fn anonymity_audience_and_template_version_are_read_or_refused() {
    let today = Day::parse("2026-11-28").unwrap();
    let good = CycleDraft {
        name: "2026 H2".into(),
        period_from: "2026-07-01".into(),
        period_to: "2026-12-31".into(),
        self_review: true,
        write_due: "2026-12-20".into(),
        anonymity: " 5 ".into(),
        audience: "managers".into(),
        template: "Standard|2".into(),
        ..Default::default()
    };
    let plan = plan_cycle(&good, today).unwrap();
    assert_eq!(plan.anonymity, 5);
    assert_eq!(plan.audience, Audience::Managers);
    assert_eq!(plan.template, Some(("Standard".to_owned(), 2)));
    assert!(Audience::Managers.includes(true) && !Audience::Managers.includes(false));
    assert!(Audience::Contributors.includes(false) && !Audience::Contributors.includes(true));
    let bad = |f: fn(&mut CycleDraft)| {
        let mut d = good.clone();
        f(&mut d);
        plan_cycle(&d, today).unwrap_err()
    };
    for n in ["2", "0", "-3", "three", "21"] {
        let mut d = good.clone();
        d.anonymity = n.into();
        assert!(plan_cycle(&d, today).unwrap_err().contains("from 3 to 20"), "{n}");
    }
    assert!(bad(|d| d.audience = "interns".into()).contains("Choose who takes part"));
    assert!(bad(|d| d.template = "Standard".into()).contains("Pick a template"));
    assert!(bad(|d| d.template = "Standard|0".into()).contains("Pick a template"));
    assert_eq!(
        plan.nominate_due,
        Day::parse("2026-12-20").unwrap(),
        "nomination runs to the deadline by default"
    );
    assert!(bad(|d| d.nominate_due = "2026-12-21".into()).contains("between today and the review deadline"));
    assert!(bad(|d| d.share_due = "2026-12-20".into()).contains("after the review deadline"));
    let mut phased = good.clone();
    phased.nominate_due = "2026-12-05".into();
    phased.share_due = "2027-01-31".into();
    phased.calibration = true;
    let p = plan_cycle(&phased, today).unwrap();
    assert_eq!(
        (
            p.nominate_due.to_string(),
            p.share_due.map(|d| d.to_string()),
            p.calibration
        ),
        ("2026-12-05".to_owned(), Some("2027-01-31".to_owned()), true)
    );
}

#[test]
fn goal_achievement_is_rated_on_the_scale_and_only_where_the_template_has_it() {
    let mut t = template(true);
    let d = ReviewDraft {
        goal_rating: Some(4),
        goal_comment: "Shipped two of three goals.".into(),
        ..Default::default()
    };
    assert!(check_draft(&t, &d).unwrap_err().contains("no goal-achievement section"));
    t.goals = true;
    assert_eq!(check_draft(&t, &d), Ok(()));
    let off = ReviewDraft {
        goal_rating: Some(6),
        ..Default::default()
    };
    assert!(check_draft(&t, &off).unwrap_err().contains("off the scale"));
    let long = ReviewDraft {
        goal_comment: "x".repeat(MAX_COMMENT + 1),
        ..Default::default()
    };
    assert!(check_draft(&t, &long).unwrap_err().contains("goal-achievement comment"));
}

#[test]
fn review_comments_get_the_feedback_hints() {
    assert!(comment_hints(Some(2), "").is_empty());
    let hints = comment_hints(Some(2), "bad");
    assert!(hints.iter().any(|h| h.code() == "too-short"));
}
