//! The period read holds exactly the period's days, and the event keeps the
//! rows equal to what feedback says through writes, edits and deletions.

use super::*;
use crate::server::testing::{pid, seeded_db};
use surrealdb::types::Value as V;

fn person(i: usize) -> RecordId {
    RecordId::new("person", pid(i).as_str())
}

fn d(s: &str) -> Day {
    Day::parse(s).unwrap()
}

async fn give(db: &Db, to: usize, kind: &str, happened: &str) -> RecordId {
    let mut res = db
        .query(
            "CREATE ONLY feedback SET giver = $a, recipient = $b, recipient_unit = $b.org_unit, kind = $kind,
                visibility = 'private', body = 'x', happened_on = $h, quality = 50 RETURN VALUE id",
        )
        .bind(("a", person(1)))
        .bind(("b", person(to)))
        .bind(("kind", kind.to_owned()))
        .bind(("h", happened.to_owned()))
        .await
        .unwrap();
    let id: Option<RecordId> = res.take(0).unwrap();
    id.unwrap()
}

/// (day, recipient key, praise, constructive), sorted.
async fn period(db: &Db, from: &str, to: &str) -> Vec<(String, String, i64, i64)> {
    let mut rows: Vec<_> = in_period(db, d(from), d(to))
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.praise != 0 || r.constructive != 0)
        .map(|r| {
            (
                r.day,
                crate::server::repo::key_of(&r.recipient),
                r.praise,
                r.constructive,
            )
        })
        .collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn the_period_read_holds_its_first_and_last_day_and_nothing_outside() {
    let (db, _) = seeded_db().await;
    for (to, kind, day) in [
        (2, "praise", "2026-02-28"),
        (3, "praise", "2026-03-01"),
        (4, "constructive", "2026-03-01"),
        (3, "constructive", "2026-03-31"),
        (5, "praise", "2026-04-01"),
        (6, "coaching", "2026-03-10"),
    ] {
        give(&db, to, kind, day).await;
    }
    let (p3, p4) = (pid(3).as_str().to_owned(), pid(4).as_str().to_owned());
    let mut want = vec![
        ("2026-03-01".to_owned(), p3.clone(), 1, 0),
        ("2026-03-01".to_owned(), p4, 0, 1),
        ("2026-03-31".to_owned(), p3, 0, 1),
    ];
    want.sort();
    assert_eq!(period(&db, "2026-03-01", "2026-03-31").await, want);
    assert_eq!(period(&db, "2026-03-02", "2026-03-30").await, vec![]);

    let mut res = db
        .query(format!("{IN_PERIOD} EXPLAIN"))
        .bind(("from", "2026-03-01"))
        .bind(("after", "2026-04-01"))
        .await
        .unwrap();
    let plan: V = res.take(0).unwrap();
    let plan = format!("{plan:?}");
    assert!(!plan.contains("TableScan"), "the period read scans the table: {plan}");
}

#[tokio::test]
async fn edits_and_deletions_move_the_counts_and_a_rebuild_agrees() {
    let (db, _) = seeded_db().await;
    let a = give(&db, 2, "praise", "2026-05-10").await;
    let b = give(&db, 2, "praise", "2026-05-10").await;
    give(&db, 3, "constructive", "2026-05-11").await;
    assert_eq!(
        period(&db, "2026-05-01", "2026-05-31").await,
        vec![
            ("2026-05-10".to_owned(), pid(2).as_str().to_owned(), 2, 0),
            ("2026-05-11".to_owned(), pid(3).as_str().to_owned(), 0, 1),
        ]
    );
    // A changed tone and a changed day move one entry; a deleted one leaves.
    db.query(
        "UPDATE $a SET kind = 'constructive', happened_on = '2026-05-12'; UPDATE $b SET deleted_at = time::now();",
    )
    .bind(("a", a))
    .bind(("b", b))
    .await
    .and_then(|r| r.check())
    .unwrap();
    let after = period(&db, "2026-05-01", "2026-05-31").await;
    assert_eq!(
        after,
        vec![
            ("2026-05-11".to_owned(), pid(3).as_str().to_owned(), 0, 1),
            ("2026-05-12".to_owned(), pid(2).as_str().to_owned(), 0, 1),
        ]
    );
    // Recomputed from the feedback itself, the rows are the same.
    let rebuilt = crate::stats::rebuild::compute(&db).await.unwrap();
    replace_all(&db, &rebuilt.evidence_days).await.unwrap();
    assert_eq!(period(&db, "2026-05-01", "2026-05-31").await, after);
    let mut res = db
        .query("count(SELECT id FROM evidence_day WHERE praise = 0 AND constructive = 0)")
        .await
        .unwrap();
    let zero: Option<i64> = res.take(0).unwrap();
    assert_eq!(zero, Some(0), "the rebuild leaves no emptied rows behind");
}
