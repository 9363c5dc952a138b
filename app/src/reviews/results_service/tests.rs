//! Peers, results, sharing and sign-off against an in-memory database: who
//! sees what, and when.

use super::*;
use crate::reviews::model::form::CycleDraft;
use crate::reviews::model::ReviewRef;
use crate::reviews::{peers_service as review_peers, service as reviews};
use crate::server::testing::{seeded_db, user};

fn today() -> Day {
    Day::parse("2026-11-28").unwrap()
}

/// The day after writing closes (2026-12-15): the cycle, without
/// calibration, is sharing results.
fn after() -> Day {
    Day::parse("2026-12-16").unwrap()
}

/// `n` people from the back of the test org who hold no demo account, so
/// none of them manages the demo employee.
fn others(demo: &crate::server::seed::plan::DemoAccounts, n: usize) -> Vec<usize> {
    let taken = [demo.ceo, demo.leader, demo.manager, demo.employee, demo.hr];
    (30..crate::server::testing::TEST_PEOPLE)
        .rev()
        .filter(|i| !taken.contains(i))
        .take(n)
        .collect()
}

fn keys(xs: &[usize]) -> Vec<String> {
    xs.iter().map(|i| format!("p{i}")).collect()
}

async fn start(db: &Db, hr: &CurrentUser) -> String {
    let d = CycleDraft {
        name: "2026 H2".into(),
        period_from: "2026-07-01".into(),
        period_to: "2026-12-31".into(),
        unit: String::new(),
        self_review: true,
        manager_review: true,
        peer_review: true,
        upward_review: false,
        write_due: "2026-12-15".into(),
        ..Default::default()
    };
    reviews::create_cycle(db, hr, &d, today()).await.unwrap()
}

/// `who` submits their `kind` review of `ratee`, every competency rated
/// `rating` with a comment.
async fn write(db: &Db, who: &CurrentUser, cycle: &str, ratee: &PersonId, kind: ReviewKind, rating: u8, comment: &str) {
    let r = ReviewRef {
        cycle: cycle.into(),
        ratee: ratee.as_str().into(),
        kind,
    };
    let form = reviews::form(db, who, &r).await.unwrap();
    let draft = crate::server::testing::complete_draft(&form.template, rating, comment);
    reviews::submit(db, who, &r, &draft, today()).await.unwrap();
}

#[tokio::test]
async fn peers_are_proposed_by_the_ratee_and_approved_by_their_manager_only() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let cycle = start(&db, &hr).await;
    let employee = user(&db, demo.employee).await;
    let manager = user(&db, demo.manager).await;
    let me = employee.id.as_str().to_owned();
    let refused = review_peers::propose(&db, &employee, &cycle, std::slice::from_ref(&me), today())
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("own peer reviewer"), "{refused}");
    let o = others(&demo, 4);
    let k = keys(&o);
    let twice = vec![k[0].clone(), k[0].clone()];
    assert!(review_peers::propose(&db, &employee, &cycle, &twice, today())
        .await
        .unwrap_err()
        .to_string()
        .contains("twice"));
    let nobody = vec!["p9999".to_owned()];
    assert!(review_peers::propose(&db, &employee, &cycle, &nobody, today())
        .await
        .is_err());
    let late = review_peers::propose(&db, &employee, &cycle, &k[..1], Day::parse("2026-12-16").unwrap())
        .await
        .unwrap_err();
    assert!(late.to_string().contains("nomination is over"), "{late}");

    let peers = k[..3].to_vec();
    review_peers::propose(&db, &employee, &cycle, &peers, today())
        .await
        .unwrap();
    let listed = review_peers::list(&db, &manager, &cycle, &employee.id).await.unwrap();
    assert_eq!(listed.len(), 3);
    assert!(listed.iter().all(|n| !n.approved));
    let stranger = user(&db, o[3]).await;
    assert!(matches!(
        review_peers::list(&db, &stranger, &cycle, &employee.id).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        review_peers::approve(&db, &employee, &cycle, &employee.id, &peers, today()).await,
        Err(AppError::Forbidden)
    ));
    // The manager drops the third and adds the fourth.
    let final_list = vec![k[0].clone(), k[1].clone(), k[3].clone()];
    review_peers::approve(&db, &manager, &cycle, &employee.id, &final_list, today())
        .await
        .unwrap();
    let listed = review_peers::list(&db, &employee, &cycle, &employee.id).await.unwrap();
    assert_eq!(listed.iter().filter(|n| n.approved).count(), 3);
    let added = user(&db, o[3]).await;
    assert!(reviews::tasks(&db, &added)
        .await
        .unwrap()
        .iter()
        .any(|t| t.review.kind == ReviewKind::Peer));
    let dropped = user(&db, o[2]).await;
    assert!(!reviews::tasks(&db, &dropped)
        .await
        .unwrap()
        .iter()
        .any(|t| t.review.kind == ReviewKind::Peer));
}

#[tokio::test]
async fn a_peer_at_their_load_limit_cannot_be_approved() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let cycle = start(&db, &hr).await;
    let c = cycle_rid(&cycle);
    let busy_key = keys(&others(&demo, 1))[0].clone();
    let busy = person_rid(&PersonId::parse(&busy_key).unwrap());
    for i in 20..20 + review_peers::PEER_LOAD {
        let ratee = person_rid(&PersonId::parse(&format!("p{i}")).unwrap());
        repo::approve(&db, &c, &ratee, std::slice::from_ref(&busy), "2026-12-31", "2026-12-15")
            .await
            .unwrap();
    }
    let employee = user(&db, demo.employee).await;
    let manager = user(&db, demo.manager).await;
    let err = review_peers::approve(
        &db,
        &manager,
        &cycle,
        &employee.id,
        std::slice::from_ref(&busy_key),
        today(),
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("already writes 5 peer reviews"), "{err}");
}

#[tokio::test]
async fn results_stay_private_until_shared_and_anonymous_answers_only_appear_from_three() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let cycle = start(&db, &hr).await;
    let employee = user(&db, demo.employee).await;
    let manager = user(&db, demo.manager).await;
    let o = others(&demo, 3);
    review_peers::approve(&db, &manager, &cycle, &employee.id, &keys(&o), today())
        .await
        .unwrap();
    let (p1, p2, p3) = (user(&db, o[0]).await, user(&db, o[1]).await, user(&db, o[2]).await);
    write(
        &db,
        &employee,
        &cycle,
        &employee.id,
        ReviewKind::SelfReview,
        5,
        "I shipped the Q3 migration.",
    )
    .await;
    write(
        &db,
        &p1,
        &cycle,
        &employee.id,
        ReviewKind::Peer,
        4,
        "Peer one: clear release notes.",
    )
    .await;
    write(
        &db,
        &p2,
        &cycle,
        &employee.id,
        ReviewKind::Peer,
        2,
        "Peer two: missed two handovers.",
    )
    .await;

    // A peer cannot open another peer's review: their own id is a different record.
    let p1_ref = ReviewRef {
        cycle: cycle.clone(),
        ratee: employee.id.as_str().into(),
        kind: ReviewKind::Peer,
    };
    let f = reviews::form(&db, &p3, &p1_ref).await.unwrap();
    assert!(
        f.draft.ratings.is_empty(),
        "p3 sees only their own empty draft, not p1's answers"
    );
    assert!(matches!(
        results(&db, &p1, &cycle, &employee.id, today()).await,
        Err(AppError::Forbidden)
    ));

    // Before the manager's review: the manager can look, sharing is refused.
    let preview = results(&db, &manager, &cycle, &employee.id, today()).await.unwrap();
    assert!(
        preview.groups.iter().all(|g| !g.shown && g.comments.is_empty()),
        "two peers stay hidden"
    );
    assert!(preview.anonymous_waiting, "writing is still open");
    let early = share(&db, &manager, &cycle, &employee.id, after()).await.unwrap_err();
    assert!(early.to_string().contains("Submit your own review"), "{early}");

    write(
        &db,
        &manager,
        &cycle,
        &employee.id,
        ReviewKind::Manager,
        3,
        "Steady quarter.",
    )
    .await;
    // Two peer reviews in: the ratee is told nothing (it would point at who just wrote).
    let told = |db: Db, who: CurrentUser| async move {
        crate::notify::service::inbox(&db, &who)
            .await
            .unwrap()
            .notices
            .into_iter()
            .map(|n| (n.kind, n.text))
            .collect::<Vec<_>>()
    };
    use crate::notify::model::Kind;
    assert!(!told(db.clone(), employee.clone())
        .await
        .iter()
        .any(|(k, _)| *k == Kind::ReviewsSubmitted));
    assert!(
        told(db.clone(), p1.clone())
            .await
            .iter()
            .any(|(k, t)| *k == Kind::ReviewAssigned && t.contains("peer review of")),
        "an approved peer is told of their review"
    );
    let hidden = results(&db, &employee, &cycle, &employee.id, today())
        .await
        .unwrap_err();
    assert!(hidden.to_string().contains("not shared yet"), "{hidden}");
    let ack_early = acknowledge(&db, &employee, &cycle, "", today()).await.unwrap_err();
    assert!(ack_early.to_string().contains("not been shared"), "{ack_early}");
    assert!(matches!(
        share(&db, &employee, &cycle, &employee.id, today()).await,
        Err(AppError::Forbidden)
    ));

    write(
        &db,
        &p3,
        &cycle,
        &employee.id,
        ReviewKind::Peer,
        3,
        "Peer three: great pairing.",
    )
    .await;
    // The third makes the threshold: told once, with no name and no figure.
    let got: Vec<(Kind, String)> = told(db.clone(), employee.clone())
        .await
        .into_iter()
        .filter(|(k, _)| *k == Kind::ReviewsSubmitted)
        .collect();
    assert_eq!(got.len(), 1, "{got:?}");
    for name in [&p1.name, &p2.name, &p3.name] {
        assert!(!got[0].1.contains(name.as_str()));
    }
    // Three peer answers in, but writing is open: nothing anonymous shows,
    // and sharing waits for the sharing phase.
    let during = results(&db, &manager, &cycle, &employee.id, today()).await.unwrap();
    assert!(during.anonymous_waiting && during.groups.iter().all(|g| !g.shown));
    assert!(!during.may_share);
    assert!(during
        .share_note
        .as_deref()
        .unwrap_or("")
        .contains("once writing is over"));
    let refused = share(&db, &manager, &cycle, &employee.id, today()).await.unwrap_err();
    assert!(refused.to_string().contains("once writing is over"), "{refused}");
    share(&db, &manager, &cycle, &employee.id, after()).await.unwrap();
    assert!(told(db.clone(), employee.clone())
        .await
        .iter()
        .any(|(k, t)| *k == Kind::ReviewShared && t.contains(&manager.name)));
    let mine = results(&db, &employee, &cycle, &employee.id, after()).await.unwrap();
    assert!(!mine.anonymous_waiting);
    assert_eq!(mine.manager_name.as_deref(), Some(manager.name.as_str()));
    let peers_group = &mine.groups[1];
    assert!(peers_group.shown);
    assert_eq!(peers_group.responses, Some(3));
    assert_eq!(mine.competencies[0].groups[1], Some(3.0));
    assert_eq!(mine.competencies[0].self_rating, Some(5));
    assert_eq!(mine.competencies[0].manager, Some(3));
    // The goal section (Standard v2) beside the competencies, with the manager's comment.
    assert_eq!((mine.self_goals, mine.manager_goals), (Some(5), Some(3)));
    assert!(mine
        .manager_comments
        .contains(&("Goal achievement".to_owned(), "Steady quarter.".to_owned())));
    let text = format!("{mine:?}");
    for name in [&p1.name, &p2.name, &p3.name] {
        assert!(!text.contains(name.as_str()), "no peer is named in the results");
    }
    assert!(peers_group.comments.iter().any(|c| c.contains("missed two handovers")));

    // HR sees who answered, never what an anonymous answer said.
    assert!(matches!(
        results(&db, &hr, &cycle, &employee.id, after()).await,
        Err(AppError::Forbidden)
    ));

    acknowledge(&db, &employee, &cycle, "Thanks — agreed on the handovers.", after())
        .await
        .unwrap();
    acknowledge(&db, &employee, &cycle, "Thanks — agreed; plan in my goals.", after())
        .await
        .unwrap();
    let signed = results(&db, &employee, &cycle, &employee.id, after()).await.unwrap();
    assert_eq!(signed.acknowledged_on, Some(after()));
    assert_eq!(signed.response, "Thanks — agreed; plan in my goals.");
    let mut res = db
        .query("RETURN $r.history.what")
        .bind((
            "r",
            surrealdb::types::RecordId::new(
                "review_result",
                surrealdb::types::Array::from(vec![
                    surrealdb::types::Value::RecordId(cycle_rid(&cycle)),
                    surrealdb::types::Value::RecordId(person_rid(&employee.id)),
                ]),
            ),
        ))
        .await
        .unwrap();
    let history: Vec<String> = res.take(0).unwrap();
    assert_eq!(history, vec!["shared", "acknowledged", "acknowledged"]);
}
