//! Server functions called directly, as a given person, on `mem://`.

use super::{get_home, get_person, get_team, search_people};
use crate::auth::api::current_viewer;
use crate::error::AppError;
use crate::people::repo as people;
use crate::server::testing::{pid, request_as, seeded_db, user};

#[tokio::test]
async fn signed_out_calls_are_unauthorised() {
    let (db, _) = seeded_db().await;
    let _owner = request_as(&db, None);
    assert_eq!(get_person("p1".into()).await.unwrap_err(), AppError::Unauthorized);
    assert_eq!(get_home().await.unwrap_err(), AppError::Unauthorized);
    assert_eq!(search_people("ab".into()).await.unwrap_err(), AppError::Unauthorized);
    assert_eq!(current_viewer().await.unwrap(), None);
}

#[tokio::test]
async fn person_pages_follow_the_reporting_line() {
    let (db, d) = seeded_db().await;
    let peer = people::direct_reports(&db, &pid(d.manager))
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id != pid(d.employee))
        .unwrap()
        .id;

    let _o = request_as(&db, Some(user(&db, d.employee).await));
    let own = get_person(pid(d.employee).to_string()).await.unwrap();
    assert!(!own.manager_reachable, "your own manager is out of reach");
    assert_eq!(
        get_person(pid(d.manager).to_string()).await.unwrap_err(),
        AppError::Forbidden,
        "own manager"
    );
    assert_eq!(
        get_person(peer.to_string()).await.unwrap_err(),
        AppError::Forbidden,
        "peer"
    );

    let _o = request_as(&db, Some(user(&db, d.manager).await));
    assert!(get_person(pid(d.employee).to_string()).await.is_ok(), "direct report");
    assert_eq!(
        get_person(pid(d.leader).to_string()).await.unwrap_err(),
        AppError::Forbidden,
        "own manager"
    );

    let _o = request_as(&db, Some(user(&db, d.leader).await));
    let skip = get_person(pid(d.employee).to_string()).await.unwrap();
    assert!(skip.demographics.is_none(), "managers never see demographics");
    assert!(
        skip.manager_reachable,
        "a report's manager is within the viewer's reach"
    );

    let _o = request_as(&db, Some(user(&db, d.hr).await));
    let hr = get_person(pid(d.leader).to_string()).await.unwrap();
    assert!(hr.demographics.is_some(), "HR sees demographics");
    let hr_own = get_person(pid(d.hr).to_string()).await.unwrap();
    assert!(hr_own.manager_reachable, "HR reaches everyone, own manager included");
}

#[tokio::test]
async fn unknown_and_malformed_ids_are_not_found() {
    let (db, d) = seeded_db().await;
    let _o = request_as(&db, Some(user(&db, d.employee).await));
    assert_eq!(get_person("p99999".into()).await.unwrap_err(), AppError::NotFound);
    assert_eq!(
        get_person("p1; DELETE person".into()).await.unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(get_person(String::new()).await.unwrap_err(), AppError::NotFound);
}

#[tokio::test]
async fn home_and_team_reflect_the_role() {
    let (db, d) = seeded_db().await;
    let _o = request_as(&db, Some(user(&db, d.employee).await));
    let home = get_home().await.unwrap();
    assert_eq!(home.org_size, None);
    assert_eq!(home.me.manager.unwrap().id, pid(d.manager));

    let _o = request_as(&db, Some(user(&db, d.leader).await));
    let home = get_home().await.unwrap();
    assert!(home.org_size.unwrap() > home.me.reports.len() as u32);
    let team = get_team().await.unwrap();
    assert_eq!(team[0].manager.id, pid(d.leader));
    assert!(team[1..]
        .iter()
        .any(|g| g.manager.id == pid(d.manager) && g.members.iter().any(|m| m.id == pid(d.employee))));
}

#[tokio::test]
async fn directory_is_for_hr_and_validates_the_query() {
    let (db, d) = seeded_db().await;
    let _o = request_as(&db, Some(user(&db, d.manager).await));
    assert_eq!(search_people("ada".into()).await.unwrap_err(), AppError::Forbidden);

    let _o = request_as(&db, Some(user(&db, d.hr).await));
    assert!(matches!(search_people(" a ".into()).await, Err(AppError::Invalid(_))));
    assert!(matches!(
        search_people("x".repeat(101)).await,
        Err(AppError::Invalid(_))
    ));
    let found = search_people("manager@tend".into()).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, pid(d.manager));
}
