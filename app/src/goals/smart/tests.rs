//! The checker against goals people really write. Each row: the title, what
//! else the draft has, and the hint codes expected (empty = SMART).

use super::*;
use crate::goals::model::{GoalDraft, GoalId, KrDraft, KrKind, Level, Period, Visibility};
use crate::shared::date::{Day, Quarter};
use crate::shared::ids::PersonId;

#[derive(Clone, Copy)]
enum Extra {
    /// Owner, alignment and a due date inside the quarter; no key results.
    Plain,
    /// Plus a complete metric key result.
    MetricKr,
    /// Plus a metric key result with no unit and no target.
    BareKr,
    /// Plus a milestone key result.
    Milestone,
    NoDue,
    DueLate,
    NoOwner,
    NoParent,
    /// A company goal (nothing above it to align to).
    Company,
}

fn draft(title: &str, extra: Extra) -> GoalDraft {
    let q = Quarter::parse("2026-Q4").unwrap();
    let kr = |kind, unit: &str, baseline: &str, target: &str| KrDraft {
        id: None,
        title: "Measured result".into(),
        kind,
        unit: unit.into(),
        baseline: baseline.into(),
        target: target.into(),
        weight: "1".into(),
    };
    let mut d = GoalDraft {
        level: Level::Person,
        owner: PersonId::parse("p7"),
        title: title.into(),
        description: String::new(),
        period: Period::Quarter(q),
        due: Some(Day::parse("2026-12-15").unwrap()),
        parent: GoalId::parse("g1"),
        alignment_weight: "1".into(),
        visibility: Visibility::Org,
        key_results: vec![],
    };
    match extra {
        Extra::Plain => {}
        Extra::MetricKr => d.key_results.push(kr(KrKind::Metric, "%", "30", "45")),
        Extra::BareKr => d.key_results.push(kr(KrKind::Metric, "", "30", "")),
        Extra::Milestone => d.key_results.push(kr(KrKind::Milestone, "", "", "")),
        Extra::NoDue => d.due = None,
        Extra::DueLate => d.due = Day::parse("2027-01-20"),
        Extra::NoOwner => d.owner = None,
        Extra::NoParent => d.parent = None,
        Extra::Company => {
            d.level = Level::Company;
            d.parent = None;
        }
    }
    d
}

use Extra::*;

const TABLE: &[(&str, Extra, &[&str])] = &[
    // SMART as written.
    ("Raise NPS from 32 to 45 by the end of Q4", Plain, &[]),
    ("Cut monthly churn from 4.2% to 3%", Plain, &[]),
    ("Grow ARR from $4m to $6m", Company, &[]),
    ("Hire 5 backend engineers", Plain, &[]),
    ("Ship 3 self-serve onboarding flows", Plain, &[]),
    ("Publish 4 customer case studies", Plain, &[]),
    ("Reduce p95 checkout latency from 900 ms to 300 ms", Plain, &[]),
    ("Close 12 enterprise deals worth €50k or more", Plain, &[]),
    ("Bring support first-response time from 9h to 2h", Plain, &[]),
    ("Zero sev-1 incidents caused by deploys", Plain, &[]),
    ("Double weekly active teams", Plain, &[]),
    ("Increase trial-to-paid conversion from 8% to 12%", Plain, &[]),
    ("Launch the partner portal", Milestone, &[]),
    ("Improve customer satisfaction", MetricKr, &[]),
    ("Delight mid-market customers", MetricKr, &[]),
    ("Migrate billing to the new ledger", Milestone, &[]),
    ("Cut support ticket backlog from 400 to 100", Plain, &[]),
    ("Complete SOC 2 Type II audit with 0 exceptions", Plain, &[]),
    // Vague direction, no measure.
    ("Improve customer satisfaction", Plain, &["vague-verb"]),
    ("Enhance the developer experience", Plain, &["vague-verb"]),
    ("Increase revenue", Plain, &["vague-verb"]),
    ("Reduce technical debt", Plain, &["vague-verb"]),
    ("Optimize our hiring funnel", Plain, &["vague-verb"]),
    ("Boost team morale", Plain, &["vague-verb"]),
    ("Better documentation", Plain, &["vague-verb"]),
    // Activity, not outcome.
    ("Work on the onboarding flow", Plain, &["activity", "no-measure"]),
    ("Help with the Q4 launch", Plain, &["activity"]),
    ("Look into customer churn", Plain, &["activity", "no-measure"]),
    ("Support the sales team", Plain, &["activity", "no-measure"]),
    (
        "Try to improve code review turnaround",
        Plain,
        &["activity", "vague-verb"],
    ),
    ("Focus on enterprise customers", Plain, &["activity", "no-measure"]),
    ("Continue to mentor two junior designers", Plain, &["activity"]),
    ("Assist marketing with webinars", Plain, &["activity", "no-measure"]),
    ("Participate in 6 customer calls", Plain, &["activity"]),
    // A number, but no starting point.
    ("Reduce churn to 3%", Plain, &["no-baseline"]),
    ("Increase revenue by 20%", Plain, &["no-baseline"]),
    ("Grow the newsletter to 10,000 subscribers", Plain, &["no-baseline"]),
    ("Increase revenue by 20%", MetricKr, &[]),
    // No measure at all.
    ("Be a better communicator", Plain, &["vague-verb"]),
    ("Customer happiness", Plain, &["no-measure"]),
    ("Own the analytics roadmap", Plain, &["no-measure"]),
    ("Modernise the data platform", Plain, &["no-measure"]),
    // Key results that don't measure yet.
    ("Make onboarding self-serve", BareKr, &["kr-no-unit", "kr-no-target"]),
    // Time, owner and alignment.
    ("Raise NPS from 32 to 45", NoDue, &["no-due-date"]),
    ("Raise NPS from 32 to 45", DueLate, &["due-outside-period"]),
    ("Raise NPS from 32 to 45", NoOwner, &["no-owner"]),
    ("Raise NPS from 32 to 45", NoParent, &["no-alignment"]),
    ("Work on stuff", NoParent, &["activity", "no-measure", "no-alignment"]),
];

#[test]
fn the_table_has_enough_real_goals() {
    assert!(TABLE.len() >= 40, "{} rows", TABLE.len());
}

#[test]
fn verdicts_match_the_table() {
    let mut wrong = Vec::new();
    for (title, extra, expected) in TABLE {
        let got: Vec<&str> = check(&draft(title, *extra)).iter().map(Hint::code).collect();
        let mut want: Vec<&str> = expected.to_vec();
        let mut sorted = got.clone();
        sorted.sort_unstable();
        want.sort_unstable();
        if sorted != want {
            wrong.push(format!("{title:?}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_empty_title_asks_for_nothing_yet_but_structure() {
    let codes: Vec<_> = check(&draft("", Plain)).iter().map(Hint::code).collect();
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn hints_are_short_and_actionable() {
    let all = [
        Hint::NoMeasure,
        Hint::VagueVerb("improve"),
        Hint::ActivityWording("work on"),
        Hint::NoBaseline,
        Hint::KrNoUnit(0),
        Hint::KrNoBaselineOrTarget(1),
        Hint::NoDueDate,
        Hint::DueOutsidePeriod,
        Hint::NoOwner,
        Hint::NoAlignment,
    ];
    for h in all {
        let m = h.message();
        assert!(m.chars().count() <= 110, "{m}");
        assert!(m.ends_with('.'), "{m}");
    }
    assert!(Hint::VagueVerb("improve")
        .message()
        .starts_with("\u{201c}Improve\u{201d}"));
    assert_eq!(
        Hint::KrNoUnit(1).message(),
        "Key result 2 needs a unit, such as %, days, € or customers."
    );
}
