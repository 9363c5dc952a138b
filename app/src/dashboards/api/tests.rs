//! Every dashboard and the change feed behind the live updates, called as
//! each role on `mem://`.

use super::*;
use crate::dashboards::live;
use crate::feedback::api::tests::as_person;
use crate::people::model::Role;
use crate::people::repo as people;
use crate::server::repo::person_rid;
use crate::server::testing::{pid, request_as, seeded_db, user};

fn forbidden<T: std::fmt::Debug>(r: Result<T, AppError>) {
    assert!(matches!(r, Err(AppError::Forbidden)), "{r:?}");
}

fn invalid<T: std::fmt::Debug>(r: Result<T, AppError>, words: &str) {
    match r {
        Err(AppError::Invalid(m)) => assert!(m.contains(words), "{m}"),
        other => panic!("expected Invalid({words}), got {other:?}"),
    }
}

async fn give(db: &crate::server::db::Db, from: usize, to: usize) {
    db.query(
        "CREATE feedback SET giver = $a, recipient = $b, recipient_unit = $b.org_unit, kind = 'praise',
            visibility = 'private', body = 'Clear write-up', happened_on = <string>time::format(time::now(), '%Y-%m-%d'),
            quality = 55",
    )
    .bind(("a", person_rid(&pid(from))))
    .bind(("b", person_rid(&pid(to))))
    .await
    .and_then(|r| r.check())
    .unwrap();
    // As the counter folder does in a running server, right after the write.
    crate::stats::fold::fold_all(db).await.unwrap();
}

#[tokio::test]
async fn nobody_signed_out_and_no_employee_opens_a_dashboard() {
    let (db, demo) = seeded_db().await;
    let _o = request_as(&db, None);
    assert!(matches!(team_dashboard().await, Err(AppError::Unauthorized)));
    assert!(matches!(
        org_dashboard("".into(), "".into(), "".into()).await,
        Err(AppError::Unauthorized)
    ));
    let _o = as_person(&db, demo.employee).await;
    forbidden(team_dashboard().await);
    forbidden(audit_dashboard("".into(), "".into(), "".into()).await);
    forbidden(audit_dashboard(pid(demo.employee).to_string(), "".into(), "".into()).await);
    forbidden(org_dashboard("".into(), "".into(), "".into()).await);
    forbidden(
        record_hr_event(
            pid(demo.employee).to_string(),
            "promoted".into(),
            "2026-01-05".into(),
            "".into(),
        )
        .await,
    );
}

#[tokio::test]
async fn the_manager_sees_each_report_and_feedback_moves_the_figures() {
    let (db, demo) = seeded_db().await;
    let _o = as_person(&db, demo.manager).await;
    let before = team_dashboard().await.unwrap();
    let reports = people::direct_reports(&db, &pid(demo.manager)).await.unwrap();
    assert_eq!(before.reports.len(), reports.len());
    assert_eq!(before.flow.len(), 12);
    // Nobody has had feedback or a conversation in the seeded org: all need attention, and say why.
    assert_eq!(before.attention.len(), reports.len());
    assert!(before.attention[0]
        .reasons
        .iter()
        .any(|r| r == "no feedback received in the last 90 days"));
    give(&db, demo.manager, demo.employee).await;
    let after = team_dashboard().await.unwrap();
    let line = after
        .reports
        .iter()
        .find(|l| l.person.id == pid(demo.employee))
        .unwrap();
    assert_eq!((line.received_30, line.received_90), (1, 1));
    assert_eq!(
        after.flow.last().unwrap().given,
        1,
        "the manager's own feedback counts in the team flow"
    );
    let mine = after
        .attention
        .iter()
        .find(|a| a.person.id == pid(demo.employee))
        .unwrap();
    assert!(
        !mine.reasons.iter().any(|r| r.starts_with("no feedback received")),
        "{mine:?}"
    );
    // The home page's "Your team" reads less but says the same, in the same order.
    let home = crate::today::api::get_today().await.unwrap();
    let shown = after.attention.len().min(crate::today::service::TEAM_SHOWN);
    assert!(shown > 0);
    let dashboard: Vec<(String, Vec<String>)> = after.attention[..shown]
        .iter()
        .map(|a| (a.person.id.to_string(), a.reasons.clone()))
        .collect();
    let team: Vec<(String, Vec<String>)> = home.team.into_iter().map(|t| (t.person, t.reasons)).collect();
    assert_eq!(team, dashboard);
    // A manager without managers below is not a skip-level leader.
    forbidden(audit_dashboard("".into(), "".into(), "".into()).await);
}

#[tokio::test]
async fn a_skip_level_leader_audits_their_subtree_only() {
    let (db, demo) = seeded_db().await;
    give(&db, demo.manager, demo.employee).await;
    let leader = user(&db, demo.leader).await;
    assert_eq!(leader.role, Role::SkipLevel);
    let _o = as_person(&db, demo.leader).await;
    let view = audit_dashboard("".into(), "".into(), "".into()).await.unwrap();
    assert_eq!(view.teams[0].manager.id, pid(demo.leader), "own team first");
    let team = view
        .teams
        .iter()
        .find(|t| t.manager.id == pid(demo.manager))
        .expect("manager's team listed");
    assert_eq!((team.feedback, team.praise), (1, 1));
    assert!(team.gaps.contains(&"no 1:1s".to_owned()));
    assert!(!team.gaps.contains(&"no feedback".to_owned()));
    // Drill down to the manager's own team.
    let drill = audit_dashboard(pid(demo.manager).to_string(), "".into(), "".into())
        .await
        .unwrap();
    assert_eq!(drill.teams.len(), 1);
    assert_eq!(drill.trail.first().unwrap().id, pid(demo.leader));
    assert_eq!(drill.trail.last().unwrap().id, pid(demo.manager));
    // Nobody is not found; the leader's own manager's part is out of reach
    // for another skip-level leader lower down.
    assert!(matches!(
        audit_dashboard("p99999".into(), "".into(), "".into()).await,
        Err(AppError::NotFound)
    ));
    invalid(
        audit_dashboard("".into(), "2026-10-01".into(), "2026-09-01".into()).await,
        "ends before it starts",
    );
    invalid(
        audit_dashboard("".into(), "2020-01-01".into(), "2026-09-01".into()).await,
        "longer than two years",
    );
    invalid(
        audit_dashboard("".into(), "yesterday".into(), "".into()).await,
        "real date",
    );
    // Make the demo manager a skip-level leader by moving another manager
    // under them; a third manager stays outside their reach.
    let mut managers = Vec::new();
    for i in 1..crate::server::testing::TEST_PEOPLE {
        if i != demo.manager && user(&db, i).await.role == Role::Manager {
            managers.push(i);
        }
    }
    let (moved, other) = (managers[0], managers[1]);
    db.query("DELETE reports_to WHERE in = $x; RELATE $x->reports_to->$m")
        .bind(("m", person_rid(&pid(demo.manager))))
        .bind(("x", person_rid(&pid(moved))))
        .await
        .and_then(|r| r.check())
        .unwrap();
    let _o = as_person(&db, demo.manager).await;
    let view = audit_dashboard("".into(), "".into(), "".into()).await.unwrap();
    assert!(view.teams.iter().any(|t| t.manager.id == pid(moved)));
    assert!(audit_dashboard(pid(moved).to_string(), "".into(), "".into())
        .await
        .is_ok());
    forbidden(audit_dashboard(pid(other).to_string(), "".into(), "".into()).await);
    forbidden(audit_dashboard(pid(demo.leader).to_string(), "".into(), "".into()).await);
    forbidden(audit_dashboard(pid(0).to_string(), "".into(), "".into()).await);
}

#[tokio::test]
async fn hr_sees_units_records_leavers_and_gets_clear_errors() {
    let (db, demo) = seeded_db().await;
    let _o = as_person(&db, demo.hr).await;
    let top = org_dashboard("".into(), "".into(), "".into()).await.unwrap();
    assert!(top.parent.is_none());
    assert!(top.units.len() > 1, "the company and its departments");
    assert_eq!(top.units[0].headcount as usize, crate::server::testing::TEST_PEOPLE);
    invalid(org_dashboard("nope".into(), "".into(), "".into()).await, "no org unit");
    invalid(
        org_dashboard("".into(), "2020-01-01".into(), "".into()).await,
        "longer than two years",
    );
    let today = Day::today();
    invalid(
        record_hr_event(
            pid(demo.employee).to_string(),
            "left_voluntary".into(),
            today.plus_days(1).to_string(),
            "".into(),
        )
        .await,
        "future",
    );
    invalid(
        record_hr_event(
            pid(demo.employee).to_string(),
            "fired".into(),
            today.to_string(),
            "".into(),
        )
        .await,
        "Choose",
    );
    record_hr_event(
        pid(demo.employee).to_string(),
        "left_voluntary".into(),
        today.to_string(),
        "Moved abroad".into(),
    )
    .await
    .unwrap();
    let after = org_dashboard("".into(), "".into(), "".into()).await.unwrap();
    assert_eq!(after.units[0].voluntary_leavers, 1);
    assert_eq!(
        after.units[0].headcount as usize,
        crate::server::testing::TEST_PEOPLE - 1,
        "leavers are not counted"
    );
    assert_eq!(after.events[0].reason, "Moved abroad");
    // The counts the event keeps equal a recount from the people table.
    crate::people::repo::units::rebuild_headcounts(&db).await.unwrap();
    let recounted = org_dashboard("".into(), "".into(), "".into()).await.unwrap();
    let heads = |d: &crate::dashboards::model::HrDashboard| d.units.iter().map(|u| u.headcount).collect::<Vec<_>>();
    assert_eq!(heads(&recounted), heads(&after));
    assert!(heads(&after)[1..].iter().sum::<u32>() <= heads(&after)[0]);
    // Drilling into a department keeps its parent for the way back.
    let dept = &after.units[1];
    let down = org_dashboard(dept.unit.id.clone(), "".into(), "".into()).await.unwrap();
    assert_eq!(down.parent.unwrap().id, after.unit.id);
}

/// A manager review for the person at `ratee` by their manager, through the
/// CSV import, with the given overall rating.
async fn import_review(db: &crate::server::db::Db, ratee: usize, overall: u8) {
    let manager = people::profile(db, &pid(ratee), false)
        .await
        .unwrap()
        .unwrap()
        .manager
        .unwrap()
        .id;
    let email =
        |id: crate::shared::ids::PersonId| async move { people::profile(db, &id, false).await.unwrap().unwrap().email };
    let csv = format!(
        "cycle,period_start,period_end,ratee_email,reviewer_email,kind,competency,rating,comment,submitted_on\n\
         2025 H2,2025-07-01,2025-12-31,{},{},manager,overall,{overall},,2026-01-12\n",
        email(pid(ratee)).await,
        email(manager).await,
    );
    crate::reviews::import_service::import(db, &csv, Day::today())
        .await
        .unwrap();
}

#[tokio::test]
async fn leavers_are_marked_top_performers_by_their_last_review_and_managers_trend_weekly() {
    let (db, demo) = seeded_db().await;
    let _o = as_person(&db, demo.hr).await;
    let demo_people = [demo.ceo, demo.leader, demo.manager, demo.employee, demo.hr];
    let others: Vec<usize> = (30..60).filter(|i| !demo_people.contains(i)).take(2).collect();
    import_review(&db, demo.employee, 5).await;
    import_review(&db, others[0], 2).await;
    let today = Day::today();
    for who in [demo.employee, others[0], others[1]] {
        record_hr_event(
            pid(who).to_string(),
            "left_voluntary".into(),
            today.to_string(),
            "".into(),
        )
        .await
        .unwrap();
    }
    let d = org_dashboard("".into(), "".into(), "".into()).await.unwrap();
    assert_eq!(d.units[0].voluntary_leavers, 3);
    assert_eq!(
        d.units[0].top_performer_leavers, 1,
        "only the leaver whose last review scored 4 or more"
    );
    let tops: Vec<_> = d.events.iter().filter(|e| e.top_performer()).collect();
    assert_eq!(tops.len(), 1);
    assert_eq!(tops[0].last_review, Some(5.0));
    assert_eq!(
        d.events.iter().filter(|e| e.last_review.is_none()).count(),
        1,
        "the third leaver has no review on record"
    );

    // The company unit holds the CEO, who manages: a weekly series per manager.
    assert!(!d.managers.is_empty());
    assert!(d.managers.iter().all(|m| m.manager.direct_reports > 0));
    assert_eq!(d.managers[0].weeks.len(), d.units[0].weeks.len());
}

#[tokio::test]
async fn the_change_feed_names_who_changed_for_every_reader() {
    let (db, demo) = seeded_db().await;
    // Two readers stand for two Tend processes sharing one database: the
    // second never saw the write, and still learns of it from the feed.
    let start = live::now_cursor(&db).await.unwrap();
    give(&db, demo.manager, demo.employee).await;
    let (changes, next) = live::read_changes(&db, start, 100).await.unwrap();
    let people: Vec<String> = changes.iter().flat_map(|c| c.people.clone()).collect();
    assert!(people.contains(&pid(demo.manager).to_string()) && people.contains(&pid(demo.employee).to_string()));
    let (again, _) = live::read_changes(&db, next, 100).await.unwrap();
    assert!(again.is_empty(), "nothing new after the cursor");
    // Resuming from an event id replays from there.
    let first = changes[0].versionstamp;
    let (replayed, _) = live::read_changes(&db, live::Cursor(first), 100).await.unwrap();
    assert_eq!(replayed, changes);
    // A process's hub hands changes to each of its subscribers.
    let hub = live::LiveHub::default();
    let mut rx = hub.subscribe(&db);
    tokio::time::sleep(live::POLL * 3).await;
    give(&db, demo.employee, demo.manager).await;
    let got = tokio::time::timeout(std::time::Duration::from_secs(5), rx.recv())
        .await
        .unwrap()
        .unwrap();
    assert!(got.people.contains(&pid(demo.employee).to_string()));
}
