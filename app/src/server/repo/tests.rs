//! Repository tests on `mem://`, one fresh namespace each.

use crate::auth::repo as sessions;
use crate::auth::service::{hash_token, password};
use crate::people::model::Role;
use crate::people::repo as people;
use crate::server::seed::plan::plan;
use crate::server::seed::{bulk as org, SeedOutcome};
use crate::server::testing::{fresh_db, pid, seeded_db, user, TEST_PEOPLE, TEST_SEED};
use crate::server::{schema, seed};

#[tokio::test]
async fn migrations_apply_once_and_are_recorded_in_order() {
    let db = fresh_db().await;
    assert!(
        schema::migrate(&db).await.unwrap().is_empty(),
        "second run applies nothing"
    );
    let names: Vec<_> = schema::MIGRATIONS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(schema::applied(&db).await.unwrap(), names);
}

#[tokio::test]
async fn schema_rejects_bad_rows() {
    let db = fresh_db().await;
    let res = db
        .query("CREATE person SET email = 'NOT-LOWER@x.io', name = 'A', title = '', org_unit = org_unit:u0, password_hash = 'x'")
        .await
        .unwrap()
        .check();
    assert!(res.is_err(), "upper-case email is refused by the schema");
    let res = db
        .query("CREATE org_unit SET name = 'X', kind = 'galaxy'")
        .await
        .unwrap()
        .check();
    assert!(res.is_err(), "unknown unit kind is refused");
}

#[tokio::test]
async fn seed_builds_the_planned_org() {
    let (db, demo) = seeded_db().await;
    assert_eq!(people::count_all(&db).await.unwrap(), TEST_PEOPLE as u64);
    assert_eq!(user(&db, demo.employee).await.role, Role::Employee);
    assert_eq!(user(&db, demo.manager).await.role, Role::Manager);
    assert_eq!(user(&db, demo.leader).await.role, Role::SkipLevel);
    assert!(user(&db, demo.hr).await.is_hr);
    let run = org::seed_run(&db).await.unwrap().unwrap();
    assert!(run.done);
    let again = seed::run(&db, TEST_PEOPLE, TEST_SEED, false, |_, _, _| {})
        .await
        .unwrap();
    assert_eq!(again, SeedOutcome::AlreadySeeded { people: TEST_PEOPLE });
    let other = seed::run(&db, TEST_PEOPLE, 7, false, |_, _, _| {}).await.unwrap_err();
    assert!(other.contains("--seed 42"), "{other}");
}

#[tokio::test]
async fn an_interrupted_seed_resumes_without_duplicates() {
    let db = fresh_db().await;
    let n = seed::BATCH * 2 + 37;
    // Die right after the first batch commits, as a killed process would.
    let crashed = {
        let db = db.clone();
        tokio::spawn(async move {
            seed::run(&db, n, 3, false, |_, done, _| {
                if done == seed::BATCH {
                    panic!("simulated crash");
                }
            })
            .await
        })
        .await
    };
    assert!(crashed.is_err());
    assert_eq!(people::count_all(&db).await.unwrap(), seed::BATCH as u64);
    let outcome = seed::run(&db, n, 3, false, |_, _, _| {}).await.unwrap();
    assert_eq!(
        outcome,
        SeedOutcome::Seeded {
            people: n,
            resumed_from: seed::BATCH
        }
    );
    assert_eq!(people::count_all(&db).await.unwrap(), n as u64);
    let planned_edges = plan(n, 3).people.iter().filter(|p| p.manager.is_some()).count() as i64;
    let mut res = db.query("RETURN count(SELECT VALUE id FROM reports_to)").await.unwrap();
    let edges: Option<i64> = res.take(0).unwrap();
    assert_eq!(edges, Some(planned_edges));
}

#[tokio::test]
async fn seeding_refuses_a_database_with_real_people() {
    let db = fresh_db().await;
    db.query(
        "CREATE person:x SET email = 'x@y.io', name = 'X', title = '', org_unit = org_unit:u0, password_hash = 'h'",
    )
    .await
    .unwrap()
    .check()
    .unwrap();
    let err = seed::run(&db, 10, 1, false, |_, _, _| {}).await.unwrap_err();
    assert!(err.contains("already has people"), "{err}");
    assert!(seed::run(&db, 2, 1, false, |_, _, _| {})
        .await
        .unwrap_err()
        .contains("between"));
}

#[tokio::test]
async fn reporting_graph_answers_who_is_above_whom() {
    let (db, d) = seeded_db().await;
    let (e, m, l) = (pid(d.employee), pid(d.manager), pid(d.leader));
    assert!(people::is_above(&db, &m, &e).await.unwrap());
    assert!(people::is_above(&db, &l, &e).await.unwrap(), "skip-level is above");
    assert!(
        people::is_above(&db, &pid(0), &e).await.unwrap(),
        "the CEO is above everyone"
    );
    assert!(!people::is_above(&db, &e, &m).await.unwrap());
    assert!(
        !people::is_above(&db, &e, &e).await.unwrap(),
        "no one is above themselves"
    );
    let peer = people::direct_reports(&db, &m)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id != e)
        .unwrap();
    assert!(
        !people::is_above(&db, &e, &peer.id).await.unwrap(),
        "peers are not above each other"
    );
}

#[tokio::test]
async fn profile_has_manager_reports_and_unit() {
    let (db, d) = seeded_db().await;
    let p = people::profile(&db, &pid(d.manager), false).await.unwrap().unwrap();
    assert_eq!(p.manager.unwrap().id, pid(d.leader));
    assert!(p.reports.iter().any(|r| r.id == pid(d.employee)));
    assert!((3..=12).contains(&p.reports.len()));
    assert!(!p.org_unit.name.is_empty());
    assert!(p.demographics.is_none());
    let with = people::profile(&db, &pid(d.manager), true).await.unwrap().unwrap();
    assert!(with.demographics.unwrap().gender.is_some());
    assert_eq!(
        people::subtree_size(&db, &pid(0)).await.unwrap(),
        TEST_PEOPLE as u32 - 1
    );
    assert!(
        people::profile(&db, &crate::shared::ids::PersonId::parse("nope").unwrap(), false)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn credentials_and_sessions_round_trip() {
    let (db, d) = seeded_db().await;
    let account = people::credentials(&db, "manager@tend.example").await.unwrap().unwrap();
    assert_eq!((account.id.clone(), account.left), (pid(d.manager), false));
    assert!(password::verify(seed::DEMO_PASSWORD, &account.password_hash));
    let id = account.id;
    assert!(people::credentials(&db, "nobody@tend.example").await.unwrap().is_none());

    let token_hash = hash_token("t1");
    sessions::create(&db, &id, &token_hash).await.unwrap();
    assert_eq!(sessions::person_for(&db, &token_hash).await.unwrap(), Some(id.clone()));
    sessions::delete(&db, &token_hash).await.unwrap();
    assert_eq!(sessions::person_for(&db, &token_hash).await.unwrap(), None);

    let expired = hash_token("t2");
    db.query("CREATE session SET token_hash = $h, person = person:p0, expires_at = time::now() - 1s")
        .bind(("h", expired.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(
        sessions::person_for(&db, &expired).await.unwrap(),
        None,
        "expired sessions are dead"
    );
    sessions::purge_expired(&db).await.unwrap();
}

#[tokio::test]
async fn search_matches_names_case_insensitively() {
    let (db, _) = seeded_db().await;
    let hits = people::search(&db, "EMPLOYEE@", 50).await.unwrap();
    assert_eq!(hits.len(), 1);
    let some = people::search(&db, "a", 5).await.unwrap();
    assert_eq!(some.len(), 5, "limit applies");
}

#[tokio::test]
async fn seeded_goals_cascade_and_roll_up_consistently() {
    use crate::goals::repo as goals;
    use crate::goals::repo::{detail as goal_detail, rollup as goal_rollup};
    use crate::server::repo::person_rid;
    use crate::server::testing::seeded_db_with_goals;
    use crate::shared::date::{Day, Quarter};
    let (db, d) = seeded_db_with_goals().await;
    let q = Quarter::of(Day::today());
    let mine = goals::owned_by(&db, vec![person_rid(&pid(d.employee))], q.start(), q.end())
        .await
        .unwrap();
    assert!(!mine.is_empty(), "the demo employee has current goals");
    let roots = goals::roots(&db, q.start(), q.end()).await.unwrap();
    assert_eq!(roots.len(), 3, "three company goals per quarter");
    // The seeder's precomputed figures agree with a recompute from the stored rows.
    let before = roots[0].progress;
    goal_rollup::recompute_up(&db, Some(roots[0].id.clone()), Day::today())
        .await
        .unwrap();
    let after = goals::row(&db, &roots[0].id).await.unwrap().unwrap().progress;
    assert!((before - after).abs() < 1e-9, "{before} vs {after}");
    let kids = goals::children(&db, &roots[0].id).await.unwrap();
    assert_eq!(kids.len() as i64, roots[0].child_count);
    // Seeded check-ins are written together but read back in date order.
    for g in &mine {
        let days: Vec<_> = goal_detail::checkins(&db, &g.id, 100)
            .await
            .unwrap()
            .iter()
            .map(|c| c.day)
            .collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    }
    // Running the seed again changes nothing.
    let again = seed::run(&db, TEST_PEOPLE, TEST_SEED, true, |_, _, _| {})
        .await
        .unwrap();
    assert_eq!(again, SeedOutcome::AlreadySeeded { people: TEST_PEOPLE });
}
