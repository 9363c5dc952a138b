//! The counters the database events keep must equal a rebuild from scratch,
//! whatever sequence of writes came before.

use super::*;
use crate::stats::counters::{Counters, GoalCounts};
use surrealdb::types::SurrealValue;

fn int(n: i64) -> surrealdb::types::Value {
    n.into_value()
}
use crate::server::testing::{pid, seeded_db_with_goals};
use crate::stats::repo;
use std::collections::BTreeMap;

/// A tiny deterministic generator (xorshift), so a failure replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn person(i: u64) -> RecordId {
    RecordId::new("person", pid(i as usize).as_str())
}

type Snapshot = (
    BTreeMap<(String, String), Counters>,
    BTreeMap<(String, String), Counters>,
    BTreeMap<(String, String), GoalCounts>,
);

fn rid_text(r: &RecordId) -> String {
    format!("{}:{}", r.table, key_of(r))
}

/// What the dashboards read once the folder has added every pending delta.
async fn stored(db: &Db) -> Snapshot {
    crate::stats::fold::fold_all(db).await.unwrap();
    let rows = |v: Vec<repo::Row>| {
        v.into_iter()
            .filter(|(_, _, c)| !c.is_zero())
            .map(|(w, d, c)| ((rid_text(&w), d.to_string()), c))
            .collect()
    };
    let goals = repo::all_goal_counts(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|(_, _, c)| *c != GoalCounts::default())
        .map(|(w, q, c)| ((rid_text(&w), q), c))
        .collect();
    (
        rows(repo::all_counters(db, "person_day").await.unwrap()),
        rows(repo::all_counters(db, "group_week").await.unwrap()),
        goals,
    )
}

fn rebuilt(r: &Rebuilt) -> Snapshot {
    let g = |g: &Group| match g {
        Group::Team(p) => format!("person:{p}"),
        Group::Unit(u) => format!("org_unit:{u}"),
    };
    (
        r.person_days
            .iter()
            .map(|((p, d), c)| ((format!("person:{p}"), d.to_string()), *c))
            .collect(),
        r.group_weeks
            .iter()
            .map(|((x, d), c)| ((g(x), d.to_string()), *c))
            .collect(),
        r.group_quarters
            .iter()
            .map(|((x, q), c)| ((g(x), q.to_string()), *c))
            .collect(),
    )
}

type EvidenceSnapshot = BTreeMap<(String, String), (i64, i64)>;

/// The stored `evidence_day` rows that count anything, by (day, recipient key).
async fn evidence(db: &Db) -> EvidenceSnapshot {
    let rows =
        crate::stats::repo::evidence_days::in_period(db, Day::parse("1970-01-01").unwrap(), Day::today().plus_days(1))
            .await
            .unwrap();
    assert!(!rows.is_empty(), "the random writes give feedback with a tone");
    rows.into_iter()
        .filter(|r| r.praise != 0 || r.constructive != 0)
        .map(|r| ((r.day, key_of(&r.recipient)), (r.praise, r.constructive)))
        .collect()
}

fn rebuilt_evidence(r: &Rebuilt) -> EvidenceSnapshot {
    r.evidence_days
        .iter()
        .map(|((d, p), c)| ((d.to_string(), p.clone()), (c.praise, c.constructive)))
        .collect()
}

async fn run_sql(db: &Db, sql: &str, binds: Vec<(&'static str, surrealdb::types::Value)>) {
    let mut q = db.query(sql);
    for (k, v) in binds {
        q = q.bind((k, v));
    }
    q.await.and_then(|r| r.check()).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn day(rng: &mut Rng) -> String {
    Day::today().plus_days(-(rng.below(40) as i32)).to_string()
}

/// One random write of the kinds the counters follow.
async fn random_write(db: &Db, rng: &mut Rng, people: u64) {
    use surrealdb::types::Value as V;
    let a = rng.below(people);
    let b = (a + 1 + rng.below(people - 1)) % people;
    match rng.below(9) {
        0..=2 => {
            // Up to three days *before* the day it names, sometimes: back-dated entries exist.
            let kinds = ["praise", "constructive", "coaching"];
            let happened = day(rng);
            run_sql(
                db,
                "CREATE feedback SET giver = $a, recipient = $b, recipient_unit = $b.org_unit, kind = $kind,
                    visibility = 'private', body = 'x', suggestion = $s, happened_on = $h,
                    written_at = <datetime>($h + 'T12:00:00Z') + <duration>(<string>$late + 'd') - 3d, quality = $q",
                vec![
                    ("a", V::RecordId(person(a))),
                    ("b", V::RecordId(person(b))),
                    ("kind", V::String(kinds[rng.below(3) as usize].into())),
                    ("s", V::String(if rng.below(2) == 0 { "".into() } else { "try this".into() })),
                    ("h", V::String(happened)),
                    ("late", int(rng.below(20) as i64)),
                    ("q", int(rng.below(101) as i64)),
                ],
            )
            .await
        }
        3 => {
            run_sql(
                db,
                "UPDATE (SELECT VALUE id FROM feedback WHERE deleted_at = NONE LIMIT 1 START $n) SET deleted_at = time::now()",
                vec![("n", int(rng.below(5) as i64))],
            )
            .await
        }
        4 => {
            run_sql(
                db,
                "UPDATE (SELECT VALUE id FROM feedback LIMIT 1 START $n) SET kind = 'constructive', suggestion = '', quality = 10",
                vec![("n", int(rng.below(5) as i64))],
            )
            .await
        }
        5 => {
            let h = day(rng);
            run_sql(
                db,
                "CREATE coaching SET coach = $a, person = $b, topic = 't', agreed = '', happened_on = $h,
                    written_at = <datetime>($h + 'T09:00:00Z') + 2d",
                vec![("a", V::RecordId(person(a))), ("b", V::RecordId(person(b))), ("h", V::String(h))],
            )
            .await
        }
        6 => {
            run_sql(
                db,
                "LET $s = (SELECT VALUE id FROM one_on_one WHERE manager = $a AND report = $b)[0]
                     ?? (CREATE ONLY one_on_one SET manager = $a, report = $b, cadence_days = 14).id;
                 LET $m = CREATE ONLY meeting SET series = $s, day = $h;
                 IF $held { UPDATE $m.id SET held_at = time::now() };",
                vec![
                    ("a", V::RecordId(person(a))),
                    ("b", V::RecordId(person(b))),
                    ("h", V::String(day(rng))),
                    ("held", V::Bool(rng.below(3) > 0)),
                ],
            )
            .await
        }
        7 => {
            run_sql(
                db,
                "LET $g = (SELECT VALUE id FROM goal LIMIT 1 START $n)[0];
                 CREATE checkin SET goal = $g, author = $a, day = $h, confidence = 5, progress = 0.5, status = 'on_track';
                 UPDATE $g SET last_checkin = $h;",
                vec![
                    ("n", int(rng.below(30) as i64)),
                    ("a", V::RecordId(person(a))),
                    ("h", V::String(day(rng))),
                ],
            )
            .await
        }
        _ => {
            let statuses = ["on_track", "at_risk", "off_track", "done", "abandoned"];
            run_sql(
                db,
                "UPDATE (SELECT VALUE id FROM goal LIMIT 1 START $n) SET status = $s, hints = $hints",
                vec![
                    ("n", int(rng.below(30) as i64)),
                    ("s", V::String(statuses[rng.below(5) as usize].into())),
                    (
                        "hints",
                        if rng.below(2) == 0 {
                            Vec::<String>::new().into_value()
                        } else {
                            vec!["vague".to_owned()].into_value()
                        },
                    ),
                ],
            )
            .await
        }
    }
}

#[tokio::test]
async fn incremental_counters_equal_a_rebuild_after_random_writes() {
    let (db, _) = seeded_db_with_goals().await;
    let people = crate::server::testing::TEST_PEOPLE as u64;
    // The seeded goals and check-ins were counted as they were inserted.
    assert_eq!(
        stored(&db).await,
        rebuilt(&compute(&db).await.unwrap()),
        "after seeding"
    );
    for seed in [7u64, 99_991] {
        let mut rng = Rng(seed);
        for _ in 0..45 {
            random_write(&db, &mut rng, people).await;
            // Folds of a few deltas at random moments: any split of the
            // pending deltas into folds must give the same counters.
            if rng.below(4) == 0 {
                crate::stats::fold::fold_once(&db, 1 + rng.below(6) as usize)
                    .await
                    .unwrap();
            }
        }
        let inc = stored(&db).await;
        let re = rebuilt(&compute(&db).await.unwrap());
        assert!(!inc.0.is_empty() && !inc.1.is_empty() && !inc.2.is_empty());
        assert_eq!(inc.0, re.0, "person days, seed {seed}");
        assert_eq!(inc.1, re.1, "group weeks, seed {seed}");
        assert_eq!(inc.2, re.2, "group quarters, seed {seed}");
        assert_eq!(
            evidence(&db).await,
            rebuilt_evidence(&compute(&db).await.unwrap()),
            "evidence days, seed {seed}"
        );
    }
    // Storing the rebuild changes nothing a dashboard reads.
    let before = stored(&db).await;
    assert!(run(&db).await.unwrap() > 0);
    assert_eq!(stored(&db).await, before);

    // A rebuild while writes wait to be folded takes them in once: their
    // deltas go with it, and the deltas of writes after it are folded on top.
    let mut rng = Rng(4_242);
    for _ in 0..15 {
        random_write(&db, &mut rng, people).await;
    }
    assert!(pending(&db).await > 0, "the writes wait to be folded");
    run(&db).await.unwrap();
    assert_eq!(pending(&db).await, 0, "the rebuild took the pending deltas");
    for _ in 0..15 {
        random_write(&db, &mut rng, people).await;
    }
    let re = rebuilt(&compute(&db).await.unwrap());
    assert_eq!(stored(&db).await, re, "rebuilt with writes pending, then folded");
}

async fn pending(db: &Db) -> i64 {
    let mut res = db.query("count(SELECT id FROM stat_delta)").await.unwrap();
    let n: Option<i64> = res.take(0).unwrap();
    n.unwrap_or(0)
}

#[tokio::test]
async fn one_feedback_counts_for_both_people_and_their_groups() {
    let (db, demo) = crate::server::testing::seeded_db().await;
    let (m, e) = (person(demo.manager as u64), person(demo.employee as u64));
    run_sql(
        &db,
        "CREATE feedback SET giver = $m, recipient = $e, recipient_unit = $e.org_unit, kind = 'constructive',
            visibility = 'private', body = 'x', happened_on = '2026-11-20', written_at = d'2026-11-25T10:00:00Z', quality = 70",
        vec![("m", m.clone().into_value()), ("e", e.clone().into_value())],
    )
    .await;
    crate::stats::fold::fold_all(&db).await.unwrap();
    let d = Day::parse("2026-11-25").unwrap();
    let rows = repo::person_days(&db, &[m.clone(), e.clone()], d, d).await.unwrap();
    let of = |p: &RecordId| rows.iter().find(|(w, _, _)| w == p).map(|(_, _, c)| *c).unwrap();
    assert_eq!((of(&m).fb_given, of(&m).constructive_bare, of(&m).delay[3]), (1, 1, 1));
    assert_eq!(of(&e).fb_received, 1);
    // The employee reports to the manager: both count in the manager's team.
    let week = crate::stats::counters::week_of(d);
    let team = repo::group_weeks(&db, std::slice::from_ref(&m), week, week)
        .await
        .unwrap();
    assert_eq!(team.len(), 1);
    assert_eq!((team[0].1, team[0].2.fb_given, team[0].2.fb_received), (week, 1, 1));
}

#[tokio::test]
async fn concurrent_writes_that_bump_the_same_counters_all_land() {
    let (db, _) = seeded_db_with_goals().await;
    let writes = (1..13u64).map(|i| {
        let db = db.clone();
        tokio::spawn(async move {
            crate::server::repo::exec_retrying(|| {
                db.query(
                    "BEGIN TRANSACTION;
                     CREATE feedback SET giver = $a, recipient = $b, recipient_unit = $b.org_unit, kind = 'praise',
                        visibility = 'private', body = 'Clear write-up',
                        happened_on = <string>time::format(time::now(), '%Y-%m-%d'), quality = 55;
                     COMMIT TRANSACTION;",
                )
                .bind(("a", person(i)))
                .bind(("b", person(i + 20)))
            })
            .await
        })
    });
    for w in futures::future::join_all(writes).await {
        w.unwrap().unwrap();
    }
    let mut res = db.query("count(SELECT id FROM feedback)").await.unwrap();
    let n: Option<i64> = res.take(0).unwrap();
    assert_eq!(n, Some(12));
    crate::stats::fold::fold_all(&db).await.unwrap();
    // The counters agree with a rebuild after the contended writes.
    let rebuilt = compute(&db).await.unwrap();
    let kept = repo::all_counters(&db, "group_week").await.unwrap();
    let given: i64 = kept
        .iter()
        .filter(|(g, _, _)| g.table.as_str() == "org_unit")
        .map(|(_, _, c)| c.fb_given)
        .sum();
    let expected: i64 = rebuilt
        .group_weeks
        .iter()
        .filter(|((g, _), _)| matches!(g, Group::Unit(_)))
        .map(|(_, c)| c.fb_given)
        .sum();
    assert_eq!(given, expected);
}
