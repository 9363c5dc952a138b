//! The evidence panel against an in-memory database: each reviewer sees
//! exactly what Tend already shows them, and only for their own review.

use super::*;
use crate::feedback::model::FeedbackDraft;
use crate::feedback::service as feedback_service;
use crate::goals::model::{CheckInDraft, GoalDraft, GoalId, KrDraft, KrKind, KrUpdate, Level, Period, Visibility};
use crate::goals::repo::detail as goal_detail;
use crate::goals::service as goal_service;
use crate::one_on_ones::model::CoachingDraft;
use crate::one_on_ones::service as one_on_one_service;
use crate::reviews::model::form::{CycleDraft, ReviewDraft};
use crate::reviews::{peers_service as review_peers, service as review_service};
use crate::server::testing::{pid, seeded_db, user};
use crate::shared::date::Quarter;

fn today() -> Day {
    Day::today()
}

fn others(demo: &crate::server::seed::plan::DemoAccounts) -> usize {
    let taken = [demo.ceo, demo.leader, demo.manager, demo.employee, demo.hr];
    (30..crate::server::testing::TEST_PEOPLE)
        .rev()
        .find(|i| !taken.contains(i))
        .unwrap()
}

async fn give(db: &Db, from: usize, to: usize, kind: FeedbackKind, vis: FeedbackVisibility, what: &str) {
    let mut d = FeedbackDraft::blank(pid(to).as_str(), today());
    d.kind = kind;
    d.visibility = vis;
    d.situation = "The release review".into();
    d.behaviour = what.into();
    d.impact = "Nobody had to ask a follow-up question.".into();
    if kind == FeedbackKind::Constructive {
        d.suggestion = "Next time, share the plan a day earlier.".into();
    }
    feedback_service::give(db, &user(db, from).await, d, today())
        .await
        .unwrap();
}

async fn goal(db: &Db, owner: &CurrentUser, title: &str, visibility: Visibility) -> GoalId {
    let q = Quarter::of(today());
    let draft = GoalDraft {
        level: Level::Person,
        owner: Some(owner.id.clone()),
        title: title.into(),
        description: String::new(),
        period: Period::Quarter(q),
        due: Some(q.end()),
        parent: None,
        alignment_weight: "1".into(),
        visibility,
        key_results: vec![KrDraft {
            id: None,
            title: "Conversion".into(),
            kind: KrKind::Metric,
            unit: "%".into(),
            baseline: "2".into(),
            target: "4".into(),
            weight: "1".into(),
        }],
    };
    let id = goal_service::create(db, owner, draft, today()).await.unwrap();
    let kr = goal_detail::key_results(db, &crate::server::repo::goal_rid(&id))
        .await
        .unwrap();
    let check = CheckInDraft {
        updates: vec![KrUpdate {
            kr: key_of(&kr[0].id),
            value: "3".into(),
            done: false,
        }],
        note: format!("{title}: halfway"),
        confidence: 7,
        status: None,
    };
    goal_service::check_in(db, owner, id.as_str(), check, today())
        .await
        .unwrap();
    id
}

async fn coach(db: &Db, coach: usize, person: usize, topic: &str) {
    let d = CoachingDraft {
        person: pid(person).as_str().into(),
        topic: topic.into(),
        agreed: "Pair on the next incident review.".into(),
        follow_up: String::new(),
        happened_on: today().to_string(),
    };
    one_on_one_service::record_coaching(db, &user(db, coach).await, d, today())
        .await
        .unwrap();
}

/// A self and manager cycle over the current quarter, with peers if asked.
async fn start(db: &Db, hr: &CurrentUser, name: &str, peers: bool) -> String {
    let q = Quarter::of(today());
    let d = CycleDraft {
        name: name.into(),
        period_from: q.start().to_string(),
        period_to: q.end().to_string(),
        self_review: true,
        manager_review: true,
        peer_review: peers,
        write_due: q.end().to_string(),
        ..Default::default()
    };
    review_service::create_cycle(db, hr, &d, today()).await.unwrap()
}

fn titles(e: &ReviewEvidence) -> Vec<String> {
    e.items.iter().map(|i| format!("{}|{}", i.title, i.detail)).collect()
}

fn has(e: &ReviewEvidence, needle: &str) -> bool {
    titles(e).iter().any(|t| t.contains(needle))
}

#[tokio::test]
async fn each_reviewer_sees_what_tend_already_shows_them_and_nobody_reaches_another_reviewers_panel() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let employee = user(&db, demo.employee).await;
    let manager = user(&db, demo.manager).await;
    let peer_ix = others(&demo);
    let peer = user(&db, peer_ix).await;
    let cycle = start(&db, &hr, "Evidence cycle", true).await;
    review_peers::propose(&db, &employee, &cycle, &[peer.id.as_str().into()], today())
        .await
        .unwrap();
    review_peers::approve(&db, &manager, &cycle, &employee.id, &[peer.id.as_str().into()], today())
        .await
        .unwrap();

    give(
        &db,
        peer_ix,
        demo.employee,
        FeedbackKind::Praise,
        FeedbackVisibility::Private,
        "PRIVATE-PRAISE",
    )
    .await;
    give(
        &db,
        demo.leader,
        demo.employee,
        FeedbackKind::Constructive,
        FeedbackVisibility::ManagerLine,
        "LINE-CONSTRUCTIVE",
    )
    .await;
    give(
        &db,
        demo.hr,
        demo.employee,
        FeedbackKind::Praise,
        FeedbackVisibility::Public,
        "PUBLIC-PRAISE",
    )
    .await;
    give(
        &db,
        demo.employee,
        demo.manager,
        FeedbackKind::Praise,
        FeedbackVisibility::Public,
        "GIVEN-NOT-RECEIVED",
    )
    .await;
    goal(&db, &employee, "CHAIN-GOAL", Visibility::Chain).await;
    goal(&db, &employee, "ORG-GOAL", Visibility::Org).await;
    coach(&db, demo.manager, demo.employee, "MANAGER-COACHING").await;
    coach(&db, demo.leader, demo.employee, "LEADER-COACHING").await;

    let r = |kind| ReviewRef {
        cycle: cycle.clone(),
        ratee: employee.id.as_str().into(),
        kind,
    };
    let by_manager = evidence(&db, &manager, &r(ReviewKind::Manager)).await.unwrap();
    let by_self = evidence(&db, &employee, &r(ReviewKind::SelfReview)).await.unwrap();
    let by_peer = evidence(&db, &peer, &r(ReviewKind::Peer)).await.unwrap();

    // The manager: manager-line and public feedback, both goals, their own coaching.
    assert!(has(&by_manager, "LINE-CONSTRUCTIVE") && has(&by_manager, "PUBLIC-PRAISE"));
    assert!(
        !has(&by_manager, "PRIVATE-PRAISE"),
        "private feedback stays between its two people"
    );
    assert!(!has(&by_manager, "GIVEN-NOT-RECEIVED"));
    assert_eq!(by_manager.goals.len(), 2);
    assert!(has(&by_manager, "CHAIN-GOAL: halfway") && has(&by_manager, "ORG-GOAL: halfway"));
    assert!(has(&by_manager, "MANAGER-COACHING") && !has(&by_manager, "LEADER-COACHING"));
    assert_eq!(by_manager.goals.iter().map(|g| g.checkins).sum::<u32>(), 2);

    // The ratee: all their feedback and every coaching record about them.
    for needle in [
        "PRIVATE-PRAISE",
        "LINE-CONSTRUCTIVE",
        "PUBLIC-PRAISE",
        "MANAGER-COACHING",
        "LEADER-COACHING",
    ] {
        assert!(has(&by_self, needle), "self sees {needle}");
    }

    // A peer: public feedback and their own, organisation-wide goals only, no coaching.
    assert!(
        has(&by_peer, "PUBLIC-PRAISE") && has(&by_peer, "PRIVATE-PRAISE"),
        "their own private praise"
    );
    assert!(!has(&by_peer, "LINE-CONSTRUCTIVE"));
    assert_eq!(
        by_peer.goals.iter().map(|g| g.title.as_str()).collect::<Vec<_>>(),
        vec!["ORG-GOAL"]
    );
    assert!(!has(&by_peer, "CHAIN-GOAL"));
    assert!(!by_peer.items.iter().any(|i| i.kind == EvidenceKind::Coaching));

    // Feedback tone feeds the balance.
    let tones: Vec<Tone> = by_manager
        .items
        .iter()
        .filter(|i| i.kind == EvidenceKind::Feedback)
        .map(|i| i.tone)
        .collect();
    assert!(tones.contains(&Tone::Constructive) && tones.contains(&Tone::Positive));

    // Nobody reaches a panel for a review they do not write, HR included.
    for (who, kind) in [
        (&peer, ReviewKind::Manager),
        (&hr, ReviewKind::Manager),
        (&manager, ReviewKind::SelfReview),
    ] {
        assert_eq!(evidence(&db, who, &r(kind)).await.unwrap_err(), AppError::NotFound);
    }
}

#[tokio::test]
async fn citations_are_kept_with_the_draft() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let employee = user(&db, demo.employee).await;
    let cycle = start(&db, &hr, "Citations", false).await;
    give(
        &db,
        demo.hr,
        demo.employee,
        FeedbackKind::Praise,
        FeedbackVisibility::Public,
        "CITED",
    )
    .await;
    let r = ReviewRef {
        cycle,
        ratee: employee.id.as_str().into(),
        kind: ReviewKind::SelfReview,
    };
    let e = evidence(&db, &employee, &r).await.unwrap();
    let id = e.items.iter().find(|i| i.detail.contains("CITED")).unwrap().id.clone();
    assert!(id.starts_with("feedback:"), "{id}");
    let draft = ReviewDraft {
        cited: vec![id.clone()],
        ..Default::default()
    };
    review_service::save(&db, &employee, &r, &draft).await.unwrap();
    let form = review_service::form(&db, &employee, &r).await.unwrap();
    assert_eq!(form.draft.cited, vec![id.clone()]);
    let twice = ReviewDraft {
        cited: vec![id.clone(), id],
        ..Default::default()
    };
    assert!(
        matches!(review_service::save(&db, &employee, &r, &twice).await, Err(AppError::Invalid(m)) if m.contains("twice"))
    );
}
