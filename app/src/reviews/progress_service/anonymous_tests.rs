//! Peer and upward reviews in progress lists and requests: counted, never
//! named, to HR as to the managers above (issue 22).

use super::*;
use crate::reviews::model::form::CycleDraft;
use crate::reviews::service as review_service;
use crate::server::testing::{complete_draft, seeded_db, user};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

#[tokio::test]
async fn upward_reviews_are_counted_and_their_writers_never_named() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let leader = user(&db, demo.leader).await;
    let manager = user(&db, demo.manager).await;
    let employee = user(&db, demo.employee).await;
    let d = CycleDraft {
        name: "Upward".into(),
        period_from: "2026-07-01".into(),
        period_to: "2026-12-31".into(),
        self_review: true,
        manager_review: true,
        upward_review: true,
        write_due: "2026-12-15".into(),
        ..Default::default()
    };
    let today = day("2026-11-28");
    let cycle = review_service::create_cycle(&db, &hr, &d, today).await.unwrap();
    let upward = ReviewRef {
        cycle: cycle.clone(),
        ratee: manager.id.as_str().into(),
        kind: ReviewKind::Upward,
    };
    let form = review_service::form(&db, &employee, &upward).await.unwrap();
    review_service::submit(
        &db,
        &employee,
        &upward,
        &complete_draft(&form.template, 2, "Blunt"),
        today,
    )
    .await
    .unwrap();
    let reports = crate::people::repo::direct_reports(&db, &manager.id).await.unwrap();

    // The reviews about the leader's reports (the manager among them).
    for viewer in [&hr, &leader] {
        let list = team(&db, viewer, &cycle, &leader.id).await.unwrap();
        assert!(list.named.iter().all(|l| !l.review.kind.is_anonymous()));
        let tally = list
            .anonymous
            .iter()
            .find(|t| t.review == upward)
            .expect("the manager's upward reviews");
        assert_eq!((tally.submitted, tally.expected), (1, reports.len() as u32));
        let text = format!("{list:?}");
        for r in &reports {
            assert!(
                !text.contains(r.id.as_str()) && !text.contains(&r.name),
                "{} is named",
                r.name
            );
        }
    }

    // A writer's own request: HR sees the reason and the dates, not the writer.
    let other = crate::people::repo::viewer(&db, &reports.iter().find(|r| r.id != employee.id).unwrap().id)
        .await
        .unwrap()
        .unwrap();
    request_extension(&db, &other, &upward, day("2026-12-20"), "Parental leave", today)
        .await
        .unwrap();
    let asks = overview(&db, &hr, &cycle, "").await.unwrap().requests;
    let ask = asks.iter().find(|a| a.review == upward).unwrap();
    assert_eq!(ask.reviewer, None);
    assert!(!format!("{asks:?}").contains(&other.name));
    grant_request(&db, &hr, &ask.handle).await.unwrap();
    let theirs = review_service::form(&db, &other, &upward).await.unwrap();
    assert_eq!(theirs.due, day("2026-12-20"));

    // The missing ones together: only HR, never a named kind, never in the past.
    assert_eq!(
        extend_missing(&db, &leader, &upward, day("2026-12-22"), today)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    let named = ReviewRef {
        kind: ReviewKind::SelfReview,
        ..upward.clone()
    };
    assert!(extend_missing(&db, &hr, &named, day("2026-12-22"), today)
        .await
        .is_err());
    assert!(extend_missing(&db, &hr, &upward, day("2026-11-01"), today)
        .await
        .is_err());
    let n = extend_missing(&db, &hr, &upward, day("2026-12-22"), today)
        .await
        .unwrap();
    assert_eq!(
        n as usize,
        reports.len() - 1,
        "every missing one, the employee's submitted one not"
    );
    let theirs = review_service::form(&db, &other, &upward).await.unwrap();
    assert_eq!(theirs.due, day("2026-12-22"));
    let mine = review_service::form(&db, &employee, &upward).await.unwrap();
    assert_eq!(mine.due, day("2026-12-15"), "a submitted review keeps its deadline");
}
