//! The bias report against an in-memory database: a cycle imported with
//! one planted lenient manager (`seed::planted_reviews`), read by HR, by skip-level leaders inside
//! and outside that manager's part of the organisation, by the manager
//! themselves and by an employee.

use super::*;
use crate::reviews::import_service::import;
use crate::server::seed::planted_reviews::lenient_manager_cycle;
use crate::server::testing::{seeded_db, user, TEST_PEOPLE};
use crate::shared::date::Day;

const CYCLE: &str = "2024 H2 (bias)";

/// Imports the planted cycle; returns its lenient manager.
async fn plant(db: &Db) -> RecordId {
    let (csv, lenient) = lenient_manager_cycle(db, CYCLE).await.unwrap();
    import(db, &csv, Day::parse("2026-11-28").unwrap()).await.unwrap();
    lenient
}

async fn cycle_key(db: &Db) -> String {
    key_of(&repo::cycle_named(db, CYCLE).await.unwrap().unwrap().id)
}

async fn viewer(db: &Db, id: &RecordId) -> CurrentUser {
    people::viewer(db, &PersonId::parse(&key_of(id)).unwrap())
        .await
        .unwrap()
        .unwrap()
}

fn raters_of(r: &BiasReport, kind: &str) -> Vec<String> {
    r.flags
        .iter()
        .filter(|f| f.kind == kind)
        .filter_map(|f| f.rater.as_ref().map(|o| o.id.to_string()))
        .collect()
}

#[tokio::test]
async fn hr_sees_the_planted_lenient_manager_with_the_numbers() {
    let (db, demo) = seeded_db().await;
    let lenient = plant(&db).await;
    let key = cycle_key(&db).await;
    let hr = user(&db, demo.hr).await;
    let r = report(&db, &hr, &key).await.unwrap();
    assert_eq!(r.scope, BiasScope::Everyone);
    assert_eq!(r.not_enough_data, None);
    assert!(r.raters as usize > TEST_PEOPLE / 2, "{} raters", r.raters);
    assert!(raters_of(&r, "leniency").contains(&key_of(&lenient)), "{:#?}", r.flags);
    let f = r
        .flags
        .iter()
        .find(|f| f.rater.as_ref().is_some_and(|o| o.id.as_str() == key_of(&lenient)))
        .unwrap();
    let name = &f.rater.as_ref().unwrap().name;
    assert!(f.explanation.starts_with(&format!("{name} rates")), "{}", f.explanation);
    assert!(
        f.explanation.contains("points above other raters of the same people"),
        "{}",
        f.explanation
    );
    assert!(f.effect >= 0.5 && f.p_value < 0.01 && f.n >= f.min_n, "{f:?}");
    // Fair raters of the same people are not flagged lenient or severe.
    let biased: Vec<String> = raters_of(&r, "leniency")
        .into_iter()
        .chain(raters_of(&r, "severity"))
        .collect();
    assert_eq!(biased, vec![key_of(&lenient)], "{:#?}", r.flags);
}

#[tokio::test]
async fn skip_levels_see_their_subtree_the_rater_sees_coaching_and_others_nothing() {
    let (db, demo) = seeded_db().await;
    let lenient = plant(&db).await;
    let key = cycle_key(&db).await;
    let lenient_id = PersonId::parse(&key_of(&lenient)).unwrap();
    let (mut inside, mut other_manager) = (None, None);
    for i in 0..TEST_PEOPLE {
        let u = user(&db, i).await;
        if u.is_hr || u.id == lenient_id {
            continue;
        }
        match u.role {
            Role::SkipLevel if people::is_above(&db, &u.id, &lenient_id).await.unwrap() => {
                inside.get_or_insert(u);
            }
            Role::Manager => {
                other_manager.get_or_insert(u);
            }
            _ => {}
        }
    }
    let inside = inside.expect("someone above the planted manager");
    let r = report(&db, &inside, &key).await.unwrap();
    assert_eq!(r.scope, BiasScope::Subtree);
    assert!(raters_of(&r, "leniency").contains(&key_of(&lenient)));
    assert!(r.flags.iter().all(|f| f.group.is_none()), "group gaps are for HR only");
    // A fellow manager is nobody's skip-level: only their own patterns.
    let other = other_manager.expect("another first-line manager");
    let r = report(&db, &other, &key).await.unwrap();
    assert_eq!(r.scope, BiasScope::Own);
    assert!(!raters_of(&r, "leniency").contains(&key_of(&lenient)), "{:#?}", r.flags);

    let own = report(&db, &viewer(&db, &lenient).await, &key).await.unwrap();
    assert!(own.scope != BiasScope::Everyone);
    let coaching: Vec<&BiasFlag> = own.flags.iter().filter(|f| f.kind == "leniency").collect();
    assert_eq!(coaching.len(), 1, "{:#?}", own.flags);
    assert!(
        coaching[0].explanation.starts_with("Your ratings sit"),
        "{}",
        coaching[0].explanation
    );
    assert!(own
        .flags
        .iter()
        .all(|f| f.rater.as_ref().is_some_and(|o| o.id == lenient_id)));

    let employee = user(&db, demo.employee).await;
    let r = report(&db, &employee, &key).await.unwrap();
    assert_eq!(r.scope, BiasScope::Own);
    assert!(r
        .flags
        .iter()
        .all(|f| f.rater.as_ref().is_some_and(|o| o.id == employee.id)));

    // Someone who rated nobody in the cycle gets an empty report at once:
    // no whole-cycle analysis on their behalf.
    db.query("DELETE review WHERE cycle = $c AND reviewer = $e AND kind != 'self'")
        .bind(("c", cycle_by_key(&db, &key).await.unwrap().id))
        .bind(("e", person_rid(&employee.id)))
        .await
        .unwrap()
        .check()
        .unwrap();
    let idle = employee;
    let r = report(&db, &idle, &key).await.unwrap();
    assert_eq!(
        (r.scope, r.raters, r.flags.len(), r.not_enough_data),
        (BiasScope::Own, 0, 0, None)
    );
}

#[tokio::test]
async fn an_unknown_or_empty_cycle_answers_plainly() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    assert!(matches!(
        report(&db, &hr, "no-such-cycle").await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        report_named(&db, None, "no such cycle").await,
        Err(AppError::NotFound)
    ));
    db.query("CREATE review_cycle:empty CONTENT { name: 'Empty', period_from: '2025-01-01', period_to: '2025-06-30', kinds: ['manager'], source: 'import' }")
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = report(&db, &hr, "empty").await.unwrap();
    assert!(r.not_enough_data.is_some());
    assert!(r.flags.is_empty());
}

#[tokio::test]
async fn hr_tunes_the_thresholds_every_cycle_reads_and_nobody_else_may() {
    use crate::bias::analysis::tuning::ThresholdInput;
    let (db, demo) = seeded_db().await;
    let lenient = plant(&db).await;
    let key = cycle_key(&db).await;
    let hr = user(&db, demo.hr).await;

    let shown = tuning::current(&db, &hr).await.unwrap();
    assert_eq!(shown.changed, None, "the defaults apply until HR tunes them");
    assert_eq!(shown.current, shown.defaults);
    assert_eq!(shown.current.leniency_min_n, "5");

    for who in [demo.employee, demo.manager, demo.leader, demo.ceo] {
        let u = user(&db, who).await;
        assert!(matches!(tuning::current(&db, &u).await, Err(AppError::Forbidden)));
        let mut loose = shown.current.clone();
        loose.leniency_min_n = "3".into();
        assert!(matches!(tuning::tune(&db, &u, &loose).await, Err(AppError::Forbidden)));
    }

    let mut bad = shown.current.clone();
    bad.leniency_min_n = "2".into();
    bad.group_gap_min_n = "3".into();
    match tuning::tune(&db, &hr, &bad).await {
        Err(AppError::InvalidFields(f)) => assert_eq!(f.len(), 2, "{f:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(tuning::current(&db, &hr).await.unwrap().changed, None, "nothing stored");

    // More ratings than the planted manager gave: not enough data, no flag.
    let mut strict = shown.current.clone();
    strict.leniency_min_n = "500".into();
    tuning::tune(&db, &hr, &strict).await.unwrap();
    let after = tuning::current(&db, &hr).await.unwrap();
    assert_eq!(after.current.leniency_min_n, "500");
    assert!(
        after.changed.as_deref().is_some_and(|c| c.starts_with(&hr.name)),
        "{:?}",
        after.changed
    );
    let r = report(&db, &hr, &key).await.unwrap();
    assert!(raters_of(&r, "leniency").is_empty(), "{:#?}", r.flags);
    let r = report_named(&db, None, CYCLE).await.unwrap();
    assert!(raters_of(&r, "leniency").is_empty(), "the command line reads them too");

    tuning::tune(&db, &hr, &ThresholdInput::from(&Thresholds::default()))
        .await
        .unwrap();
    let r = report(&db, &hr, &key).await.unwrap();
    assert!(raters_of(&r, "leniency").contains(&key_of(&lenient)));
}

/// (ratee, reviewer, ratings, overall) as text, sorted, for comparing reads.
type Scores = Vec<(String, String, Vec<Option<i64>>, Option<i64>)>;

fn sorted(rows: Vec<repo::RatingRow>) -> Scores {
    let mut v: Scores = rows
        .into_iter()
        .map(|r| (key_of(&r.ratee), key_of(&r.reviewer), r.ratings, r.overall))
        .collect();
    v.sort();
    v
}

/// What `review_score` must hold: the reviews themselves, scanned.
async fn scanned(db: &Db, cycle: &RecordId) -> Scores {
    let mut res = db
        .query(
            "SELECT ratee, reviewer, ratings.rating AS ratings, overall FROM review WITH NOINDEX
               WHERE cycle = $c AND status = 'submitted' AND kind != 'self'",
        )
        .bind(("c", cycle.clone()))
        .await
        .unwrap();
    sorted(res.take(0).unwrap())
}

#[tokio::test]
async fn the_score_rows_follow_submits_reopens_deletions_and_reimports() {
    let (db, _) = seeded_db().await;
    let (csv, _) = lenient_manager_cycle(&db, CYCLE).await.unwrap();
    import(&db, &csv, Day::parse("2026-11-28").unwrap()).await.unwrap();
    let cycle = repo::cycle_named(&db, CYCLE).await.unwrap().unwrap().id;
    let read = sorted(repo::ratings(&db, &cycle).await.unwrap());
    assert!(read.len() > TEST_PEOPLE, "{} reviews by others", read.len());
    assert_eq!(read, scanned(&db, &cycle).await, "after the import");

    // Reopen a manager review, delete a peer review, change a rating, and
    // submit a self review: only the first three change what is read.
    db.query(
        "UPDATE (SELECT VALUE id FROM review WHERE cycle = $c AND kind = 'manager' LIMIT 1) SET status = 'draft';
         DELETE (SELECT VALUE id FROM review WHERE cycle = $c AND kind = 'peer' LIMIT 1);
         UPDATE (SELECT VALUE id FROM review WHERE cycle = $c AND kind = 'upward' AND status = 'submitted' LIMIT 1) SET overall = 1;
         UPDATE (SELECT VALUE id FROM review WHERE cycle = $c AND kind = 'self' LIMIT 1) SET status = 'submitted';",
    )
    .bind(("c", cycle.clone()))
    .await
    .and_then(|r| r.check())
    .unwrap();
    let changed = sorted(repo::ratings(&db, &cycle).await.unwrap());
    assert_eq!(changed.len(), read.len() - 2);
    assert_eq!(changed, scanned(&db, &cycle).await, "after the edits");

    // Importing the same file again restores what it says.
    import(&db, &csv, Day::parse("2026-11-29").unwrap()).await.unwrap();
    assert_eq!(
        scanned(&db, &cycle).await,
        sorted(repo::ratings(&db, &cycle).await.unwrap()),
        "after the re-import"
    );
}
