use super::*;

fn levels(prefix: &str) -> Vec<String> {
    (1..=5).map(|n| format!("{prefix} level {n}")).collect()
}

fn competency(name: &str) -> CompetencyDraft {
    CompetencyDraft {
        key: String::new(),
        name: name.into(),
        anchors: levels(name),
        manager_anchors: vec![String::new(); 5],
    }
}

fn draft() -> TemplateDraft {
    TemplateDraft {
        name: "  Engineering ".into(),
        competencies: vec![competency("Delivery"), competency("Code review & mentoring")],
        questions: vec!["What went well?".into(), "   ".into()],
        overall: true,
        goals: false,
    }
}

#[test]
fn a_good_draft_is_trimmed_keyed_and_keeps_its_sections() {
    let d = check_template(&draft()).unwrap();
    assert_eq!(d.name, "Engineering");
    let keys: Vec<&str> = d.competencies.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["delivery", "code_review_mentoring"]);
    assert!(
        d.competencies[0].manager_anchors.is_empty(),
        "all-empty manager words mean 'as above'"
    );
    assert_eq!(d.questions, ["What went well?"], "empty questions are dropped");
    assert!(d.overall && !d.goals);
}

#[test]
fn an_existing_key_is_kept_when_the_name_changes() {
    let mut d = draft();
    d.competencies[0].key = "delivery".into();
    d.competencies[0].name = "Delivery and planning".into();
    assert_eq!(check_template(&d).unwrap().competencies[0].key, "delivery");
}

/// A change that spoils a good draft, and what the refusal must say.
type Case = (Box<dyn Fn(&mut TemplateDraft)>, &'static str);

#[test]
fn each_missing_or_overlong_part_is_named() {
    let cases: Vec<Case> = vec![
        (Box::new(|d| d.name = " ".into()), "Give the template a name."),
        (Box::new(|d| d.name = "A|B".into()), "cannot contain"),
        (Box::new(|d| d.name = "x".repeat(81)), "longer than 80"),
        (Box::new(|d| d.competencies.clear()), "at least one competency"),
        (
            Box::new(|d| d.competencies = (0..13).map(|i| competency(&format!("C{i}"))).collect()),
            "at most 12",
        ),
        (
            Box::new(|d| d.competencies[1].name = "".into()),
            "Competency 2 needs a name.",
        ),
        (
            Box::new(|d| d.competencies[0].anchors[2] = " ".into()),
            "“Delivery” needs a description for rating 3 (individual contributors).",
        ),
        (
            Box::new(|d| d.competencies[0].anchors.pop().map(|_| ()).unwrap_or(())),
            "each of the 5 ratings",
        ),
        (
            Box::new(|d| d.competencies[0].manager_anchors[0] = "Team ships".into()),
            "rating 2 for managers",
        ),
        (
            Box::new(|d| d.competencies[1].name = "delivery".into()),
            "Two competencies are called “delivery”.",
        ),
        (Box::new(|d| d.competencies[1].name = "Delivery!".into()), "same key"),
        (
            Box::new(|d| d.competencies[0].anchors[0] = "y".repeat(301)),
            "rating 1 for “Delivery”",
        ),
        (
            Box::new(|d| d.questions = (0..11).map(|i| format!("Q{i}?")).collect()),
            "at most 10 open questions",
        ),
        (Box::new(|d| d.questions[0] = "q".repeat(301)), "Question 1 is longer"),
        (Box::new(|d| d.competencies[0].name = "!!".into()), "letters or digits"),
    ];
    for (change, want) in cases {
        let mut d = draft();
        change(&mut d);
        let err = check_template(&d).unwrap_err();
        assert!(err.contains(want), "{err:?} should say {want:?}");
    }
}

#[test]
fn keys_are_words_in_lower_case() {
    assert_eq!(key_for("Delivery"), "delivery");
    assert_eq!(key_for("  Craft — quality & care "), "craft_quality_care");
    assert_eq!(key_for("Ünïcode Team-work"), "ünïcode_team_work");
}
