use super::*;

fn d(s: &str) -> Day {
    Day::parse(s).unwrap()
}

#[test]
fn weeks_start_on_monday() {
    assert_eq!(week_of(d("2026-11-23")), d("2026-11-23"), "a Monday is its own week");
    assert_eq!(
        week_of(d("2026-11-29")),
        d("2026-11-23"),
        "Sunday belongs to the Monday before"
    );
    assert_eq!(week_of(d("2026-11-30")), d("2026-11-30"));
    assert_eq!(week_of(d("1970-01-01")), d("1969-12-29"));
    assert_eq!(week_of(d("2027-01-01")), d("2026-12-28"), "weeks cross years");
}

#[test]
fn delay_buckets_cover_every_gap() {
    let got: Vec<usize> = [-3, 0, 1, 2, 3, 4, 7, 8, 14, 15, 400].map(delay_bucket).to_vec();
    assert_eq!(got, vec![0, 0, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
}

#[test]
fn median_delay_is_the_bucket_holding_the_middle_write_up() {
    let mut c = Counters::default();
    assert_eq!(c.median_delay(), None);
    c.delay = [3, 0, 0, 0, 0, 4];
    assert_eq!(c.median_delay(), Some(5), "4 of 7 were late");
    c.delay = [4, 0, 0, 0, 0, 4];
    assert_eq!(c.median_delay(), Some(0), "an even split takes the lower half");
    c.delay = [0, 1, 1, 1, 0, 0];
    assert_eq!(c.median_delay(), Some(2));
}

#[test]
fn shares_need_something_to_share() {
    let mut c = Counters::default();
    assert_eq!((c.mean_quality(), c.bare_share()), (None, None));
    c.fb_given = 4;
    c.quality_sum = 250;
    c.constructive = 2;
    c.constructive_bare = 1;
    assert_eq!(c.mean_quality(), Some(62.5));
    assert_eq!(c.bare_share(), Some(0.5));
    let g = GoalCounts {
        goals: 5,
        smart: 4,
        done: 2,
        abandoned: 1,
    };
    assert_eq!(g.smart_share(), Some(0.8));
    assert_eq!(g.achievement(), Some(0.5), "abandoned goals are not counted as missed");
    assert_eq!(GoalCounts::default().achievement(), None);
}

fn feedback(giver: &str, recipient: &str, written: &str, happened: &str, kind: FeedbackKindFact) -> Fact {
    Fact::Feedback {
        giver: giver.into(),
        recipient: recipient.into(),
        written: d(written),
        happened: d(happened),
        kind,
        has_suggestion: false,
        quality: 60,
    }
}

#[test]
fn rebuild_counts_each_side_and_each_group() {
    let facts = vec![
        feedback("a", "b", "2026-11-25", "2026-11-20", FeedbackKindFact::Constructive),
        feedback("b", "a", "2026-11-26", "2026-11-26", FeedbackKindFact::Praise),
        Fact::Meeting {
            manager: "m".into(),
            report: "a".into(),
            day: d("2026-11-24"),
        },
    ];
    let groups = |p: &str| match p {
        "m" => vec![Group::Team("m".into()), Group::Unit("u".into())],
        _ => vec![Group::Team("m".into()), Group::Unit("u".into())],
    };
    let r = rebuild(&facts, &[], groups);
    let a = r.person_days[&("a".to_owned(), d("2026-11-25"))];
    assert_eq!((a.fb_given, a.constructive_bare, a.delay[3]), (1, 1, 1), "5 days late");
    assert_eq!(r.person_days[&("a".to_owned(), d("2026-11-26"))].fb_received, 1);
    let team = r.group_weeks[&(Group::Team("m".into()), d("2026-11-23"))];
    assert_eq!((team.fb_given, team.fb_received, team.praise), (2, 2, 1));
    assert_eq!(
        (team.one_on_ones, team.talks),
        (1, 2),
        "the meeting counts for both sides"
    );
    assert_eq!(r.group_weeks.len(), 2);
}

#[test]
fn evidence_counts_the_recipient_on_the_day_the_feedback_is_about() {
    let facts = vec![
        feedback("a", "b", "2026-11-25", "2026-11-20", FeedbackKindFact::Constructive),
        feedback("c", "b", "2026-11-21", "2026-11-20", FeedbackKindFact::Praise),
        feedback("b", "a", "2026-11-26", "2026-11-26", FeedbackKindFact::Coaching),
    ];
    let r = rebuild(&facts, &[], |_| Vec::new());
    let e = r.evidence_days[&(d("2026-11-20"), "b".to_owned())];
    assert_eq!((e.praise, e.constructive), (1, 1), "by happened day, not written day");
    assert_eq!(r.evidence_days.len(), 1, "coaching has no tone and counts nowhere");
}

#[test]
fn goals_count_per_quarter_of_their_end() {
    let goals = vec![
        GoalFact {
            owner: "a".into(),
            period_end: d("2026-12-31"),
            smart: true,
            done: true,
            abandoned: false,
        },
        GoalFact {
            owner: "a".into(),
            period_end: d("2026-09-30"),
            smart: false,
            done: false,
            abandoned: false,
        },
    ];
    let r = rebuild(&[], &goals, |_| vec![Group::Unit("u".into())]);
    let q4 = r.group_quarters[&(Group::Unit("u".into()), Quarter::parse("2026-Q4").unwrap())];
    assert_eq!((q4.goals, q4.smart, q4.done), (1, 1, 1));
    assert_eq!(r.group_quarters.len(), 2);
}

#[test]
fn windows_and_weeks_sum_the_right_days() {
    let c = |n| Counters {
        fb_received: n,
        ..Counters::default()
    };
    let rows = vec![
        (d("2026-08-01"), c(1)),
        (d("2026-11-02"), c(2)),
        (d("2026-11-27"), c(4)),
    ];
    let today = d("2026-11-27");
    assert_eq!(within(&rows, today, 30).fb_received, 6);
    assert_eq!(within(&rows, today, 25).fb_received, 4, "26 days ago is outside 25");
    assert_eq!(within(&rows, today, 1).fb_received, 4, "today is inside");
    assert_eq!(last_day(&rows, today, |c| c.fb_received), Some(today));
    assert_eq!(
        last_day(&rows, d("2026-11-26"), |c| c.fb_received),
        Some(d("2026-11-02"))
    );
    let w = weekly(&rows, today, 4);
    assert_eq!(w.len(), 4);
    assert_eq!(w[0].0, d("2026-11-02"));
    assert_eq!(
        w.iter().map(|(_, c)| c.fb_received).collect::<Vec<_>>(),
        vec![2, 0, 0, 4]
    );
}
