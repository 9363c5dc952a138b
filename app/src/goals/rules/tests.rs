use super::*;
use crate::goals::model::KrDraft;
use crate::shared::date::Quarter;

fn draft() -> GoalDraft {
    GoalDraft {
        level: Level::Person,
        owner: PersonId::parse("p3"),
        title: "  Cut churn from 5% to 3%  ".into(),
        description: String::new(),
        period: Period::Quarter(Quarter::parse("2026-Q4").unwrap()),
        due: None,
        parent: None,
        alignment_weight: String::new(),
        visibility: Visibility::Chain,
        key_results: vec![KrDraft {
            id: None,
            title: "Monthly churn".into(),
            kind: KrKind::Metric,
            unit: "%".into(),
            baseline: "5".into(),
            target: "3".into(),
            weight: "2".into(),
        }],
    }
}

fn fields(d: &GoalDraft) -> Vec<(String, String)> {
    validate(d)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.message))
        .collect()
}

#[test]
fn a_good_draft_is_trimmed_and_parsed() {
    let g = validate(&draft()).unwrap();
    assert_eq!(g.title, "Cut churn from 5% to 3%");
    assert_eq!(g.alignment_weight, 1.0, "blank weight means 1");
    assert_eq!(g.key_results[0].baseline, 5.0);
    assert_eq!(g.key_results[0].weight, 2.0);
    assert_eq!(g.visibility, Visibility::Chain);
}

#[test]
fn unit_goals_are_always_visible_to_everyone() {
    let mut d = draft();
    d.level = Level::Team;
    assert_eq!(validate(&d).unwrap().visibility, Visibility::Org);
}

#[test]
fn target_equal_to_baseline_is_refused_at_the_target() {
    let mut d = draft();
    d.key_results[0].target = "5".into();
    let f = fields(&d);
    assert_eq!(f[0].0, "kr.0.target");
    assert!(f[0].1.contains("nothing to achieve"));
}

#[test]
fn negative_and_huge_weights_are_refused() {
    let mut d = draft();
    d.key_results[0].weight = "-1".into();
    d.alignment_weight = "1000".into();
    let f = fields(&d);
    assert!(f.contains(&("kr.0.weight".into(), "Weights cannot be negative.".into())));
    assert!(f.iter().any(|(k, _)| k == "alignment_weight"));
}

#[test]
fn periods_must_run_forwards_and_stay_under_a_year() {
    let mut d = draft();
    let (a, b) = (Day::parse("2026-12-01").unwrap(), Day::parse("2026-10-01").unwrap());
    d.period = Period::Custom { start: a, end: b };
    assert_eq!(
        fields(&d),
        vec![("period".into(), "The period ends before it starts.".into())]
    );
    d.period = Period::Custom {
        start: b,
        end: Day::parse("2028-01-01").unwrap(),
    };
    assert!(fields(&d)[0].1.contains("at most a year"));
}

#[test]
fn titles_are_required_and_limited() {
    let mut d = draft();
    d.title = "   ".into();
    assert_eq!(fields(&d), vec![("title".into(), "Give the goal a title.".into())]);
    d.title = "x".repeat(TITLE_MAX + 1);
    assert!(fields(&d)[0].1.contains("limited to 120 characters; this one has 121"));
    d.title = "é".repeat(TITLE_MAX);
    assert!(validate(&d).is_ok(), "the limit counts characters, not bytes");
}

#[test]
fn numbers_must_be_numbers() {
    let mut d = draft();
    d.key_results[0].baseline = "five".into();
    d.key_results[0].target = String::new();
    let f = fields(&d);
    assert_eq!(f[0].0, "kr.0.baseline");
    assert!(f[0].1.contains("as a number"));
    assert_eq!(f[1], ("kr.0.target".into(), "Enter the target.".into()));
}

#[test]
fn milestones_need_no_numbers_and_everything_is_reported_at_once() {
    let mut d = draft();
    d.key_results[0].kind = KrKind::Milestone;
    d.key_results[0].baseline = "junk".into();
    assert!(validate(&d).is_ok());
    d.owner = None;
    d.title.clear();
    d.key_results.push(KrDraft {
        title: String::new(),
        ..d.key_results[0].clone()
    });
    let f: Vec<String> = fields(&d).into_iter().map(|(k, _)| k).collect();
    assert_eq!(f, vec!["title", "owner", "kr.1.title"]);
}

#[test]
fn too_many_key_results() {
    let mut d = draft();
    d.key_results = vec![d.key_results[0].clone(); MAX_KEY_RESULTS + 1];
    assert_eq!(fields(&d)[0].0, "key_results");
}

#[test]
fn number_parsing_accepts_how_people_type() {
    assert_eq!(parse_number("1,250,000"), Some(1_250_000.0));
    assert_eq!(parse_number(" 4.5 "), Some(4.5));
    assert_eq!(parse_number("45%"), Some(45.0));
    assert_eq!(parse_number("-3"), Some(-3.0));
    for bad in ["4,5", "1e9", "inf", "NaN", "", "12abc", "1,25"] {
        assert_eq!(parse_number(bad), None, "{bad}");
    }
}

#[test]
fn check_ins_and_reflections() {
    assert!(check_checkin(0, "").is_err());
    assert!(check_checkin(11, "").is_err());
    assert!(check_checkin(7, "fine").is_ok());
    assert!(check_checkin(7, &"x".repeat(NOTE_MAX + 1)).is_err());
    assert!(check_reflection("too short").is_err());
    assert_eq!(
        check_reflection("  We shipped it late.  ").unwrap(),
        "We shipped it late."
    );
}
