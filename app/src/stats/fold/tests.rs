//! Deltas wait until folded, then count exactly once: however folds split
//! them, and when folds in several processes race for the same deltas.

use super::*;
use crate::server::testing::{seeded_db, seeded_db_with_goals, TEST_PEOPLE};
use crate::shared::date::Day;
use crate::stats::repo;

fn person(i: usize) -> RecordId {
    RecordId::new("person", crate::server::testing::pid(i).as_str())
}

async fn give(db: &Db, from: &RecordId, to: &RecordId, day: &str) {
    db.query(
        "CREATE feedback SET giver = $a, recipient = $b, recipient_unit = $b.org_unit, kind = 'praise',
            visibility = 'private', body = 'x', happened_on = $d, written_at = <datetime>($d + 'T10:00:00Z'), quality = 60",
    )
    .bind(("a", from.clone()))
    .bind(("b", to.clone()))
    .bind(("d", day.to_owned()))
    .await
    .and_then(|r| r.check())
    .unwrap();
}

async fn waiting(db: &Db) -> i64 {
    let mut res = db.query("count(SELECT id FROM stat_delta)").await.unwrap();
    let n: Option<i64> = res.take(0).unwrap();
    n.unwrap_or(0)
}

/// Feedback given per org unit's week rows, summed over every unit.
async fn unit_feedback(db: &Db) -> i64 {
    repo::all_counters(db, "group_week")
        .await
        .unwrap()
        .iter()
        .filter(|(g, _, _)| g.table.as_str() == "org_unit")
        .map(|(_, _, c)| c.fb_given)
        .sum()
}

#[tokio::test]
async fn a_write_waits_as_a_delta_until_folded_then_counts_once_and_tells_the_dashboards() {
    let (db, demo) = seeded_db().await;
    fold_all(&db).await.unwrap();
    let (m, e) = (person(demo.manager), person(demo.employee));
    let day = "2026-11-25";
    let d = Day::parse(day).unwrap();
    give(&db, &m, &e, day).await;

    assert!(
        waiting(&db).await >= 2,
        "one delta for the giver, one for the recipient"
    );
    let before = repo::person_days(&db, std::slice::from_ref(&m), d, d).await.unwrap();
    assert!(before.is_empty(), "nothing counted before the fold: {before:?}");

    let folded_at = surrealdb::types::Datetime::now();
    assert!(fold_all(&db).await.unwrap() >= 2);
    assert_eq!(waiting(&db).await, 0);
    let rows = repo::person_days(&db, &[m.clone(), e.clone()], d, d).await.unwrap();
    let of = |p: &RecordId| rows.iter().find(|(w, _, _)| w == p).map(|(_, _, c)| *c).unwrap();
    assert_eq!((of(&m).fb_given, of(&m).praise, of(&m).quality_sum), (1, 1, 60));
    assert_eq!(of(&e).fb_received, 1);

    // The fold, not the write, tells open dashboards: after it the giver's
    // touch is newer than the moment before the fold.
    let mut res = db
        .query("SELECT VALUE at FROM ONLY touch:[$m]")
        .bind(("m", m.clone()))
        .await
        .unwrap();
    let touched: Option<surrealdb::types::Datetime> = res.take(0).unwrap();
    assert!(touched.expect("the fold touched the giver") >= folded_at);

    // Folding again adds nothing.
    assert_eq!(fold_all(&db).await.unwrap(), 0);
    let again = repo::person_days(&db, std::slice::from_ref(&m), d, d).await.unwrap();
    assert_eq!(again[0].2.fb_given, 1);
}

#[tokio::test]
async fn a_fold_whose_deltas_another_process_took_adds_nothing() {
    let (db, demo) = seeded_db().await;
    fold_all(&db).await.unwrap();
    let (m, e) = (person(demo.manager), person(demo.employee));
    give(&db, &m, &e, "2026-11-26").await;
    let base = unit_feedback(&db).await;

    // Read by one process, then folded by another before the first commits.
    let stale = pending(&db, BATCH).await.unwrap();
    assert!(!stale.is_empty());
    assert_eq!(fold_unguarded(&db, BATCH).await.unwrap(), Folded::Added(stale.len()));
    let once = unit_feedback(&db).await;
    assert!(once > base, "the fold counted the feedback in the units");

    assert_eq!(add(&db, &stale).await.unwrap(), Folded::Lost);
    assert_eq!(unit_feedback(&db).await, once, "nothing added twice");
}

#[tokio::test]
async fn folds_racing_in_several_processes_add_each_delta_once() {
    let (db, _) = seeded_db_with_goals().await;
    fold_all(&db).await.unwrap();
    let base = unit_feedback(&db).await;
    let today = Day::today().to_string();
    let n = 40;
    for i in 0..n {
        give(&db, &person(i % TEST_PEOPLE), &person((i + 7) % TEST_PEOPLE), &today).await;
    }
    let deltas = waiting(&db).await;
    // Six folders without a shared turn, small batches, so they keep taking
    // the same deltas.
    let folders = (0..6).map(|_| {
        let db = db.clone();
        tokio::spawn(async move {
            let (mut added, mut lost) = (0usize, 0usize);
            loop {
                match fold_unguarded(&db, 7).await.unwrap() {
                    Folded::Added(0) => return (added, lost),
                    Folded::Added(k) => added += k,
                    Folded::Lost => lost += 1,
                }
            }
        })
    });
    let (mut added, mut lost) = (0, 0);
    for f in futures::future::join_all(folders).await {
        let (a, l) = f.unwrap();
        added += a;
        lost += l;
    }
    assert!(lost > 0, "the folders did race for the same deltas");
    assert_eq!(
        added as i64, deltas,
        "every delta added by exactly one folder ({lost} folds lost a race)"
    );
    assert_eq!(waiting(&db).await, 0);
    // Each feedback counts once in every unit above the giver.
    let rebuilt = crate::stats::rebuild::compute(&db).await.unwrap();
    let expected: i64 = rebuilt
        .group_weeks
        .iter()
        .filter(|((g, _), _)| matches!(g, crate::stats::counters::Group::Unit(_)))
        .map(|(_, c)| c.fb_given)
        .sum();
    assert_eq!(unit_feedback(&db).await, expected);
    assert!(unit_feedback(&db).await >= base + n as i64);
}

#[test]
fn sums_add_every_delta_to_each_of_its_rows() {
    let row = |k: &str| RecordId::new("group_week", k);
    let delta = |keys: Vec<RecordId>, given: i64, delay: Option<Vec<i64>>| Delta {
        id: RecordId::new("stat_delta", "x"),
        keys,
        n: Some(ActivityDelta {
            fb_given: given,
            ..ActivityDelta::default()
        }),
        delay,
        goals: None,
        person: RecordId::new("person", "p1"),
    };
    let s = Sums::of(&[
        delta(vec![row("a"), row("b")], 1, Some(vec![1, 0, 0, 0, 0, 0])),
        delta(vec![row("b")], -1, None),
        delta(vec![row("b")], 2, Some(vec![0, 0, 0, 0, 0, 3])),
    ]);
    assert_eq!(s.activity[&row("a")].fb_given, 1);
    assert_eq!(s.activity[&row("b")].fb_given, 2);
    assert_eq!(s.activity[&row("b")].delay, [1, 0, 0, 0, 0, 3]);
    assert!(s.goals.is_empty());
    assert_eq!(s.people.len(), 1);
    // A goal delta counts only in goal rows.
    let g = Delta {
        n: None,
        delay: None,
        goals: Some(GoalDelta {
            goals: 1,
            smart: 1,
            ..GoalDelta::default()
        }),
        ..delta(vec![RecordId::new("group_quarter", "q")], 0, None)
    };
    let s = Sums::of(&[g]);
    assert!(s.activity.is_empty());
    assert_eq!(s.goals[&RecordId::new("group_quarter", "q")].smart, 1);
}
