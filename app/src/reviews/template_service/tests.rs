//! Template versions against an in-memory database.

use super::*;
use crate::reviews::model::form::CycleDraft;
use crate::reviews::model::{ReviewKind, ReviewRef};
use crate::reviews::service as review_service;
use crate::server::testing::{seeded_db, user};
use crate::shared::date::Day;

fn today() -> Day {
    Day::parse("2026-11-28").unwrap()
}

async fn start(db: &Db, hr: &CurrentUser, name: &str) -> String {
    let d = CycleDraft {
        name: name.into(),
        period_from: "2026-07-01".into(),
        period_to: "2026-12-31".into(),
        self_review: true,
        manager_review: true,
        write_due: "2026-12-15".into(),
        ..Default::default()
    };
    review_service::create_cycle(db, hr, &d, today()).await.unwrap()
}

#[tokio::test]
async fn a_saved_template_is_a_new_version_and_running_cycles_keep_theirs() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let employee = user(&db, demo.employee).await;
    let running = start(&db, &hr, "Before the change").await;

    let mut d = draft(&db, &hr, "").await.unwrap();
    assert_eq!(d.name, "Standard");
    assert!(d.goals, "the newest Standard has the goal section");
    d.competencies[0].anchors[2] = "Delivers agreed work on time, and says so early when it will not.".into();
    d.competencies.push(crate::reviews::model::template::CompetencyDraft {
        name: "Customer focus".into(),
        anchors: (1..=5).map(|n| format!("Customer level {n}")).collect(),
        ..Default::default()
    });
    assert_eq!(save(&db, &hr, &d).await.unwrap(), "Standard|3");
    assert!(crate::reviews::repo::templates::templates(&db)
        .await
        .unwrap()
        .iter()
        .any(|(k, label)| k == "Standard|3" && label.contains("5 competencies")));

    // The running cycle still shows version 2's words; a new cycle gets version 3.
    let self_ref = |cycle: &str| ReviewRef {
        cycle: cycle.into(),
        ratee: employee.id.as_str().into(),
        kind: ReviewKind::SelfReview,
    };
    let old = review_service::form(&db, &employee, &self_ref(&running)).await.unwrap();
    assert_eq!(old.template.version, 2);
    assert_eq!(old.template.competencies.len(), 4);
    let fresh = start(&db, &hr, "After the change").await;
    let new = review_service::form(&db, &employee, &self_ref(&fresh)).await.unwrap();
    assert_eq!(new.template.version, 3);
    assert_eq!(new.template.competencies[4].key, "customer_focus");

    // Versions already written are read back as they were.
    let v1 = draft(&db, &hr, "Standard|1").await.unwrap();
    assert!(!v1.goals);
    let unknown = draft(&db, &hr, "Standard|9").await.unwrap_err();
    assert!(unknown.to_string().contains("does not exist"), "{unknown}");
    let garbled = draft(&db, &hr, "Standard|two").await.unwrap_err();
    assert!(garbled.to_string().contains("does not exist"), "{garbled}");

    // A new name starts at version 1.
    let mut own = d.clone();
    own.name = "Sales".into();
    assert_eq!(save(&db, &hr, &own).await.unwrap(), "Sales|1");
}

#[tokio::test]
async fn only_hr_edits_templates_and_bad_drafts_are_refused_with_the_reason() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    for who in [demo.employee, demo.manager, demo.leader] {
        let u = user(&db, who).await;
        assert!(matches!(draft(&db, &u, "").await, Err(AppError::Forbidden)));
        let d = draft(&db, &hr, "").await.unwrap();
        assert!(matches!(save(&db, &u, &d).await, Err(AppError::Forbidden)));
    }
    let mut d = draft(&db, &hr, "").await.unwrap();
    d.competencies[1].anchors[4] = "  ".into();
    let err = save(&db, &hr, &d).await.unwrap_err();
    assert!(
        matches!(&err, AppError::Invalid(m) if m.contains("needs a description for rating 5")),
        "{err}"
    );
    assert!(
        !crate::reviews::repo::templates::templates(&db)
            .await
            .unwrap()
            .iter()
            .any(|(k, _)| k == "Standard|3"),
        "nothing is written for a refused draft"
    );
}
