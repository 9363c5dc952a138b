//! Progress by unit and manager, one team's reviews and extension requests,
//! against an in-memory database.

use super::*;
use crate::reviews::model::form::CycleDraft;
use crate::reviews::model::progress::ProgressRow;
use crate::reviews::{peers_service as review_peers, service as review_service};
use crate::server::testing::{complete_draft, pid, seeded_db, user};
use surrealdb::types::SurrealValue;

fn today() -> Day {
    Day::parse("2026-11-28").unwrap()
}

async fn start(db: &Db, hr: &CurrentUser, peers: bool) -> String {
    let d = CycleDraft {
        name: "Progress".into(),
        period_from: "2026-07-01".into(),
        period_to: "2026-12-31".into(),
        self_review: true,
        manager_review: true,
        peer_review: peers,
        upward_review: true,
        write_due: "2026-12-15".into(),
        ..Default::default()
    };
    review_service::create_cycle(db, hr, &d, today()).await.unwrap()
}

fn count(rows: &[ProgressRow], key: &str, kind: ReviewKind) -> (u32, u32) {
    rows.iter()
        .find(|r| r.key == key)
        .and_then(|r| r.kinds.iter().find(|k| k.kind == kind))
        .map(|k| (k.submitted, k.expected))
        .unwrap_or((0, 0))
}

async fn submit_self(db: &Db, who: &CurrentUser, cycle: &str) -> ReviewRef {
    let r = ReviewRef {
        cycle: cycle.into(),
        ratee: who.id.as_str().into(),
        kind: ReviewKind::SelfReview,
    };
    let form = review_service::form(db, who, &r).await.unwrap();
    let draft = complete_draft(&form.template, 3, "");
    review_service::submit(db, who, &r, &draft, today()).await.unwrap();
    r
}

/// The cycle table's totals (kept rows) against a count of the cycle's reviews.
async fn assert_totals_match_reviews(db: &Db, cycle: &str) {
    #[derive(SurrealValue)]
    struct K {
        kind: String,
        n: i64,
        done: i64,
    }
    let mut res = db
        .query(
            "SELECT kind, count() AS n, count(status = 'submitted') AS done FROM review
             WHERE cycle = $c GROUP BY kind",
        )
        .bind(("c", crate::reviews::repo::cycles::cycle_rid(cycle)))
        .await
        .unwrap();
    let counted: Vec<K> = res.take(0).unwrap();
    let mut counted: Vec<(ReviewKind, u32, u32)> = counted
        .into_iter()
        .map(|k| (ReviewKind::parse(&k.kind).unwrap(), k.done as u32, k.n as u32))
        .collect();
    counted.sort();
    let table = crate::reviews::repo::progress::cycle_table(db, today()).await.unwrap();
    let kept = &table.iter().find(|c| c.key == cycle).unwrap().kinds;
    assert_eq!(kept, &counted, "kept totals (submitted, expected) per kind");

    // Each unit's and manager's summary row is the sum of its kinds, its
    // rank minus what is missing.
    let mut res = db
        .query(
            "SELECT owner, math::sum(expected) AS expected, math::sum(submitted) AS submitted
             FROM review_tally WHERE cycle = $c AND by IN ['unit', 'manager'] AND kind != 'all' GROUP BY owner;
             SELECT owner, expected, submitted, rank FROM review_tally
             WHERE cycle = $c AND by IN ['unit', 'manager'] AND kind = 'all' ORDER BY owner;",
        )
        .bind(("c", crate::reviews::repo::cycles::cycle_rid(cycle)))
        .await
        .unwrap();
    #[derive(SurrealValue, Debug, PartialEq)]
    struct S {
        owner: surrealdb::types::RecordId,
        expected: i64,
        submitted: i64,
        rank: i64,
    }
    #[derive(SurrealValue)]
    struct Sum {
        owner: surrealdb::types::RecordId,
        expected: i64,
        submitted: i64,
    }
    let sums: Vec<Sum> = res.take(0).unwrap();
    let mut sums: Vec<S> = sums
        .into_iter()
        .map(|s| S {
            rank: s.submitted - s.expected,
            owner: s.owner,
            expected: s.expected,
            submitted: s.submitted,
        })
        .collect();
    sums.sort_by_key(|s| crate::server::repo::key_of(&s.owner));
    let mut kept: Vec<S> = res.take(1).unwrap();
    kept.sort_by_key(|s| crate::server::repo::key_of(&s.owner));
    assert_eq!(kept, sums, "summary rows");
}

/// Deletes rows with `delete`, then runs `migration` again to fill them in.
async fn refill(db: &Db, delete: &str, migration: &str) {
    db.query(delete).await.unwrap().check().unwrap();
    let (_, sql) = crate::server::schema::MIGRATIONS
        .iter()
        .find(|(n, _)| *n == migration)
        .unwrap();
    db.query(*sql).await.unwrap().check().unwrap();
}

#[tokio::test]
async fn tallies_follow_creation_submission_reopening_and_peer_changes() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let employee = user(&db, demo.employee).await;
    let manager = user(&db, demo.manager).await;
    let cycle = start(&db, &hr, true).await;
    let m = pid(demo.manager).as_str().to_owned();

    assert_totals_match_reviews(&db, &cycle).await;
    let before = overview(&db, &hr, &cycle, "").await.unwrap();
    let unit_sum: u32 = before
        .units
        .iter()
        .flat_map(|u| &u.kinds)
        .filter(|k| k.kind == ReviewKind::SelfReview)
        .map(|k| k.expected)
        .sum();
    let total = before.totals.iter().find(|k| k.kind == ReviewKind::SelfReview).unwrap();
    assert_eq!(
        (unit_sum as usize, total.expected as usize, total.submitted),
        (
            crate::server::testing::TEST_PEOPLE,
            crate::server::testing::TEST_PEOPLE,
            0
        ),
        "one self review each, counted under their unit and in the cycle's total"
    );
    assert_eq!(before.units_matched as usize, before.units.len());
    let (done, reports) = count(&before.managers, &m, ReviewKind::SelfReview);
    assert_eq!(done, 0);
    assert!(reports >= 1);
    assert_eq!(
        count(&before.managers, &m, ReviewKind::Manager),
        (0, reports),
        "the manager reviews each report"
    );

    let r = submit_self(&db, &employee, &cycle).await;
    let after = overview(&db, &hr, &cycle, "").await.unwrap();
    assert_eq!(count(&after.managers, &m, ReviewKind::SelfReview), (1, reports));
    assert_totals_match_reviews(&db, &cycle).await;
    review_service::reopen(&db, &hr, &r, &employee.id, "Wrong period quoted")
        .await
        .unwrap();
    let reopened = overview(&db, &hr, &cycle, "").await.unwrap();
    assert_eq!(count(&reopened.managers, &m, ReviewKind::SelfReview), (0, reports));
    assert_totals_match_reviews(&db, &cycle).await;

    // Two approved peers, then one: the peer tally follows.
    let peers: Vec<String> = [demo.hr, demo.leader]
        .iter()
        .map(|i| pid(*i).as_str().to_owned())
        .collect();
    review_peers::approve(&db, &manager, &cycle, &employee.id, &peers, today())
        .await
        .unwrap();
    assert_eq!(
        count(
            &overview(&db, &hr, &cycle, "").await.unwrap().managers,
            &m,
            ReviewKind::Peer
        ),
        (0, 2)
    );
    assert_totals_match_reviews(&db, &cycle).await;
    review_peers::approve(&db, &manager, &cycle, &employee.id, &peers[..1], today())
        .await
        .unwrap();
    assert_eq!(
        count(
            &overview(&db, &hr, &cycle, "").await.unwrap().managers,
            &m,
            ReviewKind::Peer
        ),
        (0, 1)
    );
    assert_totals_match_reviews(&db, &cycle).await;
    // A store from before 0017 gets its totals from the unit rows, and
    // one from before 0018 its unit and manager summaries.
    refill(&db, "DELETE review_tally WHERE by = 'cycle'", "0017_review_tally_cycle").await;
    assert_totals_match_reviews(&db, &cycle).await;
    refill(
        &db,
        "DELETE review_tally WHERE kind = 'all'",
        "0018_review_tally_summary",
    )
    .await;
    assert_totals_match_reviews(&db, &cycle).await;

    // The top managers come straight from the index, most missing first,
    // and the scan stops at the limit.
    let rid = crate::reviews::repo::cycles::cycle_rid(&cycle);
    let all = overview(&db, &hr, &cycle, "").await.unwrap();
    let top = repo::top(&db, &rid, "manager", "", 2).await.unwrap();
    assert_eq!(top.len(), 2);
    let missing_of = |o: &surrealdb::types::RecordId| {
        all.managers
            .iter()
            .find(|r| r.key == key_of(o))
            .map(|r| r.missing())
            .unwrap()
    };
    let least_shown = top.iter().map(missing_of).min().unwrap();
    assert!(
        all.managers
            .iter()
            .filter(|r| !top.iter().any(|o| key_of(o) == r.key))
            .all(|r| r.missing() <= least_shown),
        "no manager left out has more missing"
    );
    let explained = format!("{} EXPLAIN", repo::TOP);
    let mut res = db
        .query(explained)
        .bind(("c", rid.clone()))
        .bind(("by", "manager"))
        .bind(("find", ""))
        .bind(("n", 2))
        .await
        .unwrap();
    let plan: surrealdb::types::Value = res.take(0).unwrap();
    let plan = format!("{plan:?}");
    assert!(plan.contains("review_tally_rank"), "{plan}");
    assert!(!plan.contains("Sort"), "the index's order is the answer's: {plan}");
    // Every row is named: at the start (units and managers) and when the
    // event adds one (the peer rows).
    let named = overview(&db, &hr, &cycle, "").await.unwrap();
    assert!(named.units.iter().all(|u| !u.label.is_empty()));
    let row = named.managers.iter().find(|r| r.key == m).unwrap();
    assert_eq!(row.label, manager.name);
    assert!(row.kinds.iter().any(|k| k.kind == ReviewKind::Peer));

    // A name search finds the manager whatever the case; other rows go.
    let upper = manager.name.to_uppercase();
    let found = overview(&db, &hr, &cycle, &format!("  {upper} ")).await.unwrap();
    assert_eq!(found.find, upper);
    assert_eq!(
        found.managers.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        vec![m.as_str()]
    );
    assert_eq!(found.managers_matched, 1);
    assert_eq!(found.totals, named.totals, "the totals are the whole cycle's");
    let none = overview(&db, &hr, &cycle, "no such name").await.unwrap();
    assert!(none.units.is_empty() && none.managers.is_empty());
    assert_eq!((none.units_matched, none.managers_matched), (0, 0));
    assert!(matches!(
        overview(&db, &hr, &cycle, &"x".repeat(101)).await,
        Err(AppError::Invalid(m)) if m.contains("at most 100")
    ));

    // Only HR sees the overview.
    assert_eq!(
        overview(&db, &manager, &cycle, "").await.unwrap_err(),
        AppError::Forbidden
    );
    assert_eq!(overview(&db, &hr, "nope", "").await.unwrap_err(), AppError::NotFound);
}

#[tokio::test]
async fn a_team_list_says_who_is_missing_what_for_hr_and_the_managers_above() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let employee = user(&db, demo.employee).await;
    let manager = user(&db, demo.manager).await;
    let leader = user(&db, demo.leader).await;
    let cycle = start(&db, &hr, false).await;
    submit_self(&db, &employee, &cycle).await;

    let list = team(&db, &manager, &cycle, &manager.id).await.unwrap();
    let lines = &list.named;
    let own = lines
        .iter()
        .find(|l| l.review.ratee == employee.id.as_str() && l.review.kind == ReviewKind::SelfReview)
        .unwrap();
    assert_eq!(own.submitted_on, Some(today()));
    let missing = lines
        .iter()
        .find(|l| l.review.ratee == employee.id.as_str() && l.review.kind == ReviewKind::Manager)
        .unwrap();
    assert_eq!(
        (missing.submitted_on, missing.reviewer.id.clone()),
        (None, manager.id.clone())
    );
    assert!(
        lines.iter().all(|l| l.ratee_name != manager.name),
        "the manager's own reviews are their manager's team"
    );

    assert_eq!(team(&db, &leader, &cycle, &manager.id).await.unwrap(), list);
    assert_eq!(team(&db, &hr, &cycle, &manager.id).await.unwrap(), list);
    assert_eq!(
        team(&db, &employee, &cycle, &manager.id).await.unwrap_err(),
        AppError::Forbidden
    );
}

#[tokio::test]
async fn a_reviewer_asks_for_more_time_and_hr_grants_or_declines() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let employee = user(&db, demo.employee).await;
    let cycle = start(&db, &hr, false).await;
    let r = ReviewRef {
        cycle: cycle.clone(),
        ratee: employee.id.as_str().into(),
        kind: ReviewKind::SelfReview,
    };
    let day = |s: &str| Day::parse(s).unwrap();
    let refused = |e: AppError, needle: &str| matches!(e, AppError::Invalid(m) if m.contains(needle));
    assert!(refused(
        request_extension(&db, &employee, &r, day("2026-12-20"), " ", today())
            .await
            .unwrap_err(),
        "Say why"
    ));
    assert!(refused(
        request_extension(&db, &employee, &r, day("2026-12-10"), "Away", today())
            .await
            .unwrap_err(),
        "current deadline (2026-12-15)"
    ));
    assert!(refused(
        request_extension(&db, &employee, &r, day("2027-02-01"), "Away", today())
            .await
            .unwrap_err(),
        "at most 60 days"
    ));
    let not_mine = ReviewRef {
        kind: ReviewKind::Manager,
        ..r.clone()
    };
    assert_eq!(
        request_extension(&db, &employee, &not_mine, day("2026-12-20"), "Away", today())
            .await
            .unwrap_err(),
        AppError::NotFound
    );

    request_extension(
        &db,
        &employee,
        &r,
        day("2026-12-20"),
        "On leave the week of the deadline",
        today(),
    )
    .await
    .unwrap();
    let form = review_service::form(&db, &employee, &r).await.unwrap();
    assert_eq!(form.request.as_ref().map(|q| q.until), Some(day("2026-12-20")));
    let open = overview(&db, &hr, &cycle, "").await.unwrap().requests;
    assert_eq!(open.len(), 1);
    assert_eq!(
        open[0].reviewer.as_ref().map(|p| p.id.clone()),
        Some(employee.id.clone())
    );
    assert_eq!(open[0].request.reason, "On leave the week of the deadline");

    assert_eq!(
        decline_request(&db, &employee, &open[0].handle).await.unwrap_err(),
        AppError::Forbidden
    );
    grant_request(&db, &hr, &open[0].handle).await.unwrap();
    let told = crate::notify::service::inbox(&db, &employee).await.unwrap().notices;
    assert!(told
        .iter()
        .any(|n| n.kind == crate::notify::model::Kind::ReviewExtended));
    assert!(
        grant_request(&db, &hr, &open[0].handle)
            .await
            .unwrap_err()
            .to_string()
            .contains("already been answered"),
        "a handle answers once"
    );
    let form = review_service::form(&db, &employee, &r).await.unwrap();
    assert_eq!(
        (form.due, form.request),
        (day("2026-12-20"), None),
        "granted: new deadline, request closed"
    );
    assert!(overview(&db, &hr, &cycle, "").await.unwrap().requests.is_empty());

    request_extension(&db, &employee, &r, day("2026-12-30"), "Still away", today())
        .await
        .unwrap();
    let open = overview(&db, &hr, &cycle, "").await.unwrap().requests;
    decline_request(&db, &hr, &open[0].handle).await.unwrap();
    let form = review_service::form(&db, &employee, &r).await.unwrap();
    assert_eq!(
        (form.due, form.request),
        (day("2026-12-20"), None),
        "declined: deadline unchanged"
    );
}
