//! The plans of reads that must range over their own index, checked with
//! `EXPLAIN`: at 10,000 people a read drawn to another index (or to a table
//! scan) turns milliseconds into seconds (`docs/benchmarks.md`).

use crate::server::testing::{seeded_db, TEST_PEOPLE};

#[tokio::test]
async fn vague_goal_read_starts_at_the_period_on_the_owner_index() {
    use crate::shared::date::Day;
    use surrealdb::types::RecordId;
    let (db, _) = crate::server::testing::seeded_db_with_goals().await;
    let today = Day::today();
    let (from, to) = (today.plus_days(-100), today.plus_days(30));
    let sql = format!("{} EXPLAIN", crate::dashboards::repo::VAGUE_GOALS);
    let mut res = db
        .query(sql)
        .bind(("key", RecordId::new("person", "p1")))
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .await
        .unwrap();
    let plan: surrealdb::types::Value = res.take(0).unwrap();
    let plan = format!("{plan:?}");
    assert!(plan.contains("goal_owner_end"), "{plan}");
    assert!(
        !plan.contains("\"goal_owner\""),
        "the owner-only index is not scanned too: {plan}"
    );

    // The range stays within each owner and finds what a full scan finds.
    let owners: Vec<RecordId> = (0..TEST_PEOPLE)
        .map(|i| RecordId::new("person", format!("p{i}")))
        .collect();
    let mut found: Vec<String> = crate::dashboards::repo::vague_goals(&db, &owners, from, to)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.id)
        .collect();
    let mut res = db
        .query(
            "SELECT VALUE record::id(id) FROM goal WITH NOINDEX WHERE owner INSIDE $owners
               AND period_start <= $to AND period_end >= $from AND status != 'abandoned' AND array::len(hints) > 0",
        )
        .bind(("owners", owners.clone()))
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .await
        .unwrap();
    let mut expected: Vec<String> = res.take(0).unwrap();
    found.sort();
    expected.sort();
    assert!(!expected.is_empty(), "the seed gives some of these people vague goals");
    assert_eq!(found, expected);
}

#[tokio::test]
async fn reads_of_one_persons_reviews_do_not_scan_the_whole_cycle() {
    use crate::reviews::repo::{progress as review_progress, release as review_release, results as review_results};
    use surrealdb::types::RecordId;
    let (db, _) = seeded_db().await;
    for (sql, index) in [
        (review_results::IS_PARTICIPANT, "review_ratee"),
        (review_results::PEER_LOAD, "review_reviewer"),
        (crate::bias::repo::RATED_IN, "review_reviewer"),
        (review_results::SUBMITTED, "review_ratee"),
        (review_release::OPEN_DUES, "review_ratee"),
        (review_progress::TEAM, "review_cycle_manager"),
    ] {
        // EXPLAIN goes on the inner SELECT of the RETURN.
        let explained = match sql.strip_prefix("RETURN count(") {
            Some(inner) => format!("{} EXPLAIN", inner.trim_end_matches(" > 0").trim_end_matches(')')),
            None => format!("{sql} EXPLAIN"),
        };
        let mut res = db
            .query(explained)
            .bind(("c", RecordId::new("review_cycle", "c1")))
            .bind(("r", RecordId::new("person", "p1")))
            .bind(("p", RecordId::new("person", "p1")))
            .bind(("m", RecordId::new("person", "p1")))
            .await
            .unwrap();
        let plan: surrealdb::types::Value = res.take(0).unwrap();
        let plan = format!("{plan:?}");
        assert!(plan.contains(&format!("\"{index}\"")), "{sql}: {plan}");
        assert!(
            !plan.contains("\"review_cycle\""),
            "{sql} scans the whole cycle: {plan}"
        );
    }
}

#[tokio::test]
async fn bias_reads_range_over_their_indexes_and_find_what_a_full_scan_finds() {
    use crate::bias::repo as bias;
    use crate::goals::rules::PERIOD_MAX_DAYS;
    use crate::server::repo::key_of;
    use crate::shared::date::Day;
    use surrealdb::types::{RecordId, Value};
    let (db, _) = crate::server::testing::seeded_db_with_goals().await;
    let today = Day::today();
    let (from, to) = (today.plus_days(-120), today.plus_days(-30));
    let earliest = from.plus_days(-PERIOD_MAX_DAYS).to_string();
    for (sql, shows) in [
        (bias::RATINGS, vec!["review_score"]),
        // Both ends of the range are in the scan, not only the lower one
        // (surrealdb#7432, which 0022's compound index ran into).
        (
            bias::GOALS,
            vec!["goal_person_start", earliest.as_str(), &to.to_string()],
        ),
    ] {
        let mut res = db
            .query(format!("{sql} EXPLAIN"))
            .bind(("c", RecordId::new("review_cycle", "c1")))
            .bind(("kind", 2))
            .bind(("next", 3))
            .bind(("earliest", earliest.clone()))
            .bind(("from", from.to_string()))
            .bind(("to", to.to_string()))
            .await
            .unwrap();
        let plan: Value = res.take(0).unwrap();
        let plan = format!("{plan:?}");
        eprintln!("{sql}\n  {plan}");
        for s in shows {
            assert!(plan.contains(s), "{sql} plan lacks {s}: {plan}");
        }
        assert!(!plan.contains("TableScan"), "{sql} scans the table: {plan}");
    }

    // 0024 fills `person_start` for goals written before it with this
    // statement: the field's VALUE clause must win over the NONE it sets.
    db.query("UPDATE goal SET person_start = NONE WHERE level = 'person' RETURN NONE")
        .await
        .and_then(|r| r.check())
        .unwrap();
    let mut res = db
        .query("SELECT VALUE count() FROM goal WHERE level = 'person' AND person_start != period_start GROUP ALL")
        .await
        .unwrap();
    let unfilled: Vec<i64> = res.take(0).unwrap();
    assert_eq!(unfilled.iter().sum::<i64>(), 0, "personal goals without person_start");

    let found = bias::goals(&db, from, to).await.unwrap();
    let mut res = db
        .query(
            "SELECT VALUE owner FROM goal WITH NOINDEX
               WHERE level = 'person' AND period_end >= $from AND period_start <= $to AND status != 'abandoned'",
        )
        .bind(("from", from.to_string()))
        .bind(("to", to.to_string()))
        .await
        .unwrap();
    let scanned: Vec<RecordId> = res.take(0).unwrap();
    assert!(!scanned.is_empty(), "the seed gives people goals in the period");
    let mut a: Vec<String> = found.iter().map(|g| key_of(&g.owner)).collect();
    let mut b: Vec<String> = scanned.iter().map(key_of).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[tokio::test]
async fn other_reads_keep_their_indexes_beside_the_bias_ones() {
    use crate::shared::date::Day;
    use surrealdb::types::{RecordId, Value};
    let (db, _) = crate::server::testing::seeded_db_with_goals().await;
    let today = Day::today();
    for (sql, index, not) in [
        // A team's goals (goals::owned_by and the dashboards).
        (
            "SELECT id FROM goal WHERE owner IN $owners AND period_start <= $to AND period_end >= $from",
            "goal_owner",
            "goal_person_start",
        ),
        // The review form's evidence panel.
        (
            crate::reviews::repo::evidence::FEEDBACK
                .strip_prefix("SELECT * FROM (")
                .and_then(|s| s.strip_suffix(") ORDER BY happened_on"))
                .expect("one inner SELECT"),
            "feedback_recipient",
            "TableScan",
        ),
        // Peer approval's clean-up of one person's unwanted peer drafts
        // (review_results::approve).
        (
            "SELECT VALUE id FROM review WITH INDEX review_ratee
               WHERE ratee = $p AND kind = 'peer' AND cycle = $c AND status = 'draft' AND reviewer NOTINSIDE $owners",
            "review_ratee",
            "review_cycle",
        ),
    ] {
        let mut res = db
            .query(format!("{sql} EXPLAIN"))
            .bind((
                "owners",
                vec![RecordId::new("person", "p1"), RecordId::new("person", "p2")],
            ))
            .bind(("p", RecordId::new("person", "p1")))
            .bind(("c", RecordId::new("review_cycle", "c1")))
            .bind(("since", format!("{}T00:00:00Z", today.plus_days(-90))))
            .bind(("from", today.plus_days(-90).to_string()))
            .bind(("to", today.to_string()))
            .bind(("limit", 10))
            .await
            .unwrap();
        let plan: Value = res.take(0).unwrap();
        let plan = format!("{plan:?}");
        eprintln!("{sql}\n  {plan}");
        assert!(plan.contains(&format!("\"{index}")), "{sql}: {plan}");
        assert!(!plan.contains(&format!("\"{not}\"")), "{sql}: {plan}");
    }
}

#[tokio::test]
async fn the_hr_views_reads_range_over_their_indexes() {
    use surrealdb::types::RecordId;
    let (db, _) = seeded_db().await;
    for (sql, index) in [
        (crate::people::repo::MANAGERS_IN_UNIT, "person_org_unit"),
        (crate::dashboards::repo::HR_EVENTS, "hr_event_day"),
        (crate::reviews::repo::LAST_MANAGER_REVIEWS, "review_ratee"),
    ] {
        let mut res = db
            .query(format!("{sql} EXPLAIN"))
            .bind(("unit", RecordId::new("org_unit", "u1")))
            .bind(("key", RecordId::new("person", "p1")))
            .bind(("from", "2026-01-01"))
            .bind(("to", "2026-12-31"))
            .await
            .unwrap();
        let plan: surrealdb::types::Value = res.take(0).unwrap();
        let plan = format!("{plan:?}");
        assert!(plan.contains(&format!("\"{index}\"")), "{sql}: {plan}");
    }
}
