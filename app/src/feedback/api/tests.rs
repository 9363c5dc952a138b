//! Feedback server functions called as different people on `mem://`: every
//! visibility rule for every role, bad input, the edit window, corrections,
//! deletion, acknowledgement, ratings and asks. The cast is shared with the
//! 1:1 and perception tests.

use crate::error::AppError;
use crate::feedback::api::*;
use crate::feedback::model::{AskDraft, FeedbackDraft, FeedbackKind, FeedbackVisibility};
use crate::people::repo as people;
use crate::server::db::Db;
use crate::server::seed::plan::DemoAccounts;
use crate::server::testing::{pid, request_as, seeded_db, user};
use crate::shared::date::Day;
use crate::shared::ids::PersonId;

pub(crate) async fn as_person(db: &Db, index: usize) -> leptos::prelude::Owner {
    request_as(db, Some(user(db, index).await))
}

pub(crate) fn index(p: &PersonId) -> usize {
    p.as_str()[1..].parse().unwrap()
}

/// The cast: giver and peer are the employee's teammates; the manager and the
/// leader (skip level) are above the employee; HR sits elsewhere.
pub(crate) struct Cast {
    pub(crate) giver: usize,
    pub(crate) recipient: usize,
    pub(crate) manager: usize,
    pub(crate) skip: usize,
    pub(crate) peer: usize,
    pub(crate) hr: usize,
}

pub(crate) async fn cast(db: &Db, d: &DemoAccounts) -> Cast {
    let mates: Vec<usize> = people::direct_reports(db, &pid(d.manager))
        .await
        .unwrap()
        .iter()
        .map(|p| index(&p.id))
        .filter(|i| *i != d.employee)
        .collect();
    assert!(people::is_above(db, &pid(d.leader), &pid(d.employee)).await.unwrap());
    assert!(!people::is_above(db, &pid(d.hr), &pid(d.employee)).await.unwrap());
    Cast {
        giver: mates[0],
        recipient: d.employee,
        manager: d.manager,
        skip: d.leader,
        peer: mates[1],
        hr: d.hr,
    }
}

pub(crate) fn today() -> Day {
    Day::today()
}

pub(crate) fn draft(to: usize, kind: FeedbackKind, vis: FeedbackVisibility) -> FeedbackDraft {
    let mut d = FeedbackDraft::blank(&format!("p{to}"), today());
    d.kind = kind;
    d.visibility = vis;
    d.situation = "Tuesday's release review".into();
    d.behaviour = "You walked the team through the rollback plan step by step.".into();
    d.impact = "Nobody had to ask a follow-up question.".into();
    d
}

pub(crate) async fn give(db: &Db, as_index: usize, d: FeedbackDraft) -> String {
    let _o = as_person(db, as_index).await;
    give_feedback(d).await.unwrap()
}

/// `n` manager-line coaching entries from the cast's manager to the recipient.
pub(crate) async fn coaching_from_manager(db: &Db, c: &Cast, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for _ in 0..n {
        let d = draft(c.recipient, FeedbackKind::Coaching, FeedbackVisibility::ManagerLine);
        ids.push(give(db, c.manager, d).await);
    }
    ids
}

#[tokio::test]
async fn every_visibility_rule_for_every_role() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let roles = [
        ("giver", c.giver),
        ("recipient", c.recipient),
        ("manager", c.manager),
        ("skip-level", c.skip),
        ("peer", c.peer),
        ("HR", c.hr),
    ];
    let table = [
        (
            FeedbackKind::Constructive,
            FeedbackVisibility::Private,
            [true, true, false, false, false, false],
        ),
        (
            FeedbackKind::Coaching,
            FeedbackVisibility::ManagerLine,
            [true, true, true, true, false, false],
        ),
        (
            FeedbackKind::Praise,
            FeedbackVisibility::Public,
            [true, true, true, true, true, true],
        ),
    ];
    for (kind, vis, expected) in table {
        let id = give(&db, c.giver, draft(c.recipient, kind, vis)).await;
        for ((role, who), want) in roles.iter().zip(expected) {
            let _o = as_person(&db, *who).await;
            let got = get_feedback(id.clone()).await;
            match want {
                true => assert_eq!(got.unwrap().entry.id, id, "{role} reads {vis:?}"),
                false => assert_eq!(got.unwrap_err(), AppError::NotFound, "{role} must not read {vis:?}"),
            }
            // Lists follow the same rule.
            let listed = match feedback_about(format!("p{}", c.recipient)).await {
                Ok(list) => list.iter().any(|e| e.id == id),
                Err(e) => {
                    assert_eq!(e, AppError::Forbidden, "{role}");
                    false
                }
            };
            if *role != "HR" && *role != "giver" && *role != "peer" {
                assert_eq!(listed, want, "{role} lists {vis:?}");
            }
            let feed = team_praise(None).await.unwrap();
            if feed.entries.iter().any(|e| e.id == id) {
                assert_eq!(vis, FeedbackVisibility::Public, "only public praise is on a feed");
            }
        }
    }
    // The public praise is on the recipient's team feed.
    let _o = as_person(&db, c.recipient).await;
    let feed = team_praise(None).await.unwrap();
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(feed.entries[0].visibility, FeedbackVisibility::Public);
    // My feedback: received for the recipient, given for the giver.
    assert_eq!(feedback_overview().await.unwrap().received.len(), 3);
    let _o = as_person(&db, c.giver).await;
    assert_eq!(feedback_overview().await.unwrap().given.len(), 3);
}

#[tokio::test]
async fn bad_input_is_refused_with_a_clear_message() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let _o = as_person(&db, c.giver).await;
    let base = || draft(c.recipient, FeedbackKind::Praise, FeedbackVisibility::Private);

    let mut to_self = base();
    to_self.recipient = format!("p{}", c.giver);
    let e = give_feedback(to_self).await.unwrap_err();
    assert_eq!(
        e.field_message("recipient").unwrap(),
        "You can't give feedback to yourself."
    );

    let mut unknown = base();
    unknown.recipient = "p99999".into();
    let e = give_feedback(unknown).await.unwrap_err();
    assert_eq!(e.field_message("recipient").unwrap(), "We couldn't find that person.");

    let mut empty = base();
    (empty.situation, empty.behaviour, empty.impact) = (String::new(), " ".into(), String::new());
    assert!(give_feedback(empty)
        .await
        .unwrap_err()
        .field_message("behaviour")
        .is_some());

    let mut huge = base();
    huge.body = "a".repeat(2_001);
    assert!(give_feedback(huge)
        .await
        .unwrap_err()
        .field_message("body")
        .unwrap()
        .contains("2000"));

    let mut script = base();
    script.impact = "<script>alert('x')</script>".into();
    assert!(give_feedback(script)
        .await
        .unwrap_err()
        .field_message("impact")
        .unwrap()
        .contains("plain text"));

    let mut public_criticism = base();
    public_criticism.kind = FeedbackKind::Constructive;
    public_criticism.visibility = FeedbackVisibility::Public;
    assert!(give_feedback(public_criticism)
        .await
        .unwrap_err()
        .field_message("visibility")
        .is_some());

    let mut no_goal = base();
    no_goal.goal = Some("gdoesnotexist".into());
    assert_eq!(
        give_feedback(no_goal).await.unwrap_err().field_message("goal").unwrap(),
        "That goal doesn't exist."
    );

    // Nothing was saved.
    assert!(feedback_overview().await.unwrap().given.is_empty());

    // Rating your own feedback.
    let id = give_feedback(base()).await.unwrap();
    assert_eq!(
        rate_feedback(id.clone(), 5, String::new()).await.unwrap_err(),
        AppError::Invalid("You can't rate your own feedback.".into())
    );
    // Someone else may not acknowledge it.
    let _o = as_person(&db, c.manager).await;
    assert_eq!(acknowledge_feedback(id.clone()).await.unwrap_err(), AppError::NotFound);
    // Bad ratings.
    let _o = as_person(&db, c.recipient).await;
    assert!(rate_feedback(id.clone(), 0, String::new())
        .await
        .unwrap_err()
        .field_message("rating")
        .is_some());
    assert!(rate_feedback(id, 6, String::new()).await.is_err());
    // Signed out.
    let _o = request_as(&db, None);
    assert_eq!(give_feedback(base()).await.unwrap_err(), AppError::Unauthorized);
    assert_eq!(feedback_overview().await.unwrap_err(), AppError::Unauthorized);
}

#[tokio::test]
async fn acknowledgement_is_idempotent_and_ratings_stay_with_the_recipient() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let ids = coaching_from_manager(&db, &c, 3).await;
    let _o = as_person(&db, c.recipient).await;
    acknowledge_feedback(ids[0].clone()).await.unwrap();
    acknowledge_feedback(ids[0].clone()).await.unwrap();
    rate_feedback(ids[1].clone(), 4, "Clear next step".into())
        .await
        .unwrap();
    let mine = get_feedback(ids[1].clone()).await.unwrap().entry;
    assert!(mine.acknowledged);
    assert_eq!(mine.my_rating.as_ref().unwrap().rating, 4);

    // The manager sees acknowledgement, never the individual rating.
    let _o = as_person(&db, c.manager).await;
    let seen = get_feedback(ids[1].clone()).await.unwrap().entry;
    assert!(seen.acknowledged && seen.my_rating.is_none());
    let figures = team_feedback_figures().await.unwrap();
    assert!((figures.my_ack_rate.unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(figures.my_usefulness, None, "one rating is not shown");
    assert_eq!(figures.my_ratings, None, "nor how many there are");

    let _o = as_person(&db, c.recipient).await;
    rate_feedback(ids[0].clone(), 2, String::new()).await.unwrap();
    rate_feedback(ids[2].clone(), 3, String::new()).await.unwrap();
    let _o = as_person(&db, c.manager).await;
    let figures = team_feedback_figures().await.unwrap();
    assert_eq!(figures.my_usefulness, None, "this quarter's ratings wait for it to end");
    assert_eq!(figures.my_ack_rate, Some(1.0));
    let line = figures
        .reports
        .iter()
        .find(|r| r.person.id == pid(c.recipient))
        .unwrap();
    assert_eq!((line.received_30, line.from_me_30), (3, 3));
    assert!(!line.needs_feedback);
    assert!(figures
        .reports
        .iter()
        .filter(|r| r.person.id != pid(c.recipient))
        .all(|r| r.needs_feedback));

    // Non-managers have no team page.
    let _o = as_person(&db, c.recipient).await;
    assert_eq!(team_feedback_figures().await.unwrap_err(), AppError::Forbidden);
}

#[tokio::test]
async fn edits_within_a_day_keep_history_then_corrections_link() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let id = give(
        &db,
        c.giver,
        draft(c.recipient, FeedbackKind::Praise, FeedbackVisibility::Private),
    )
    .await;
    let _o = as_person(&db, c.giver).await;
    let mut changed = draft(c.recipient, FeedbackKind::Praise, FeedbackVisibility::Private);
    changed.behaviour = "You walked us through the rollback plan and the 3 risks.".into();
    edit_feedback(id.clone(), changed.clone()).await.unwrap();
    let v = get_feedback(id.clone()).await.unwrap();
    assert_eq!(v.entry.behaviour, changed.behaviour);
    assert_eq!(v.entry.edits, 1);
    assert_eq!(v.versions.len(), 1);
    assert!(v.versions[0].text.contains("step by step"));

    // Only the author edits.
    let _o = as_person(&db, c.recipient).await;
    assert_eq!(
        edit_feedback(id.clone(), changed.clone()).await.unwrap_err(),
        AppError::Forbidden
    );

    // A day later the entry is append-only.
    db.query("UPDATE type::record('feedback', $id) SET written_at = time::now() - 25h")
        .bind(("id", id.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    let _o = as_person(&db, c.giver).await;
    let e = edit_feedback(id.clone(), changed.clone()).await.unwrap_err();
    assert!(e.to_string().contains("correction"), "{e}");
    assert!(!get_feedback(id.clone()).await.unwrap().entry.editable);
    let mut correction = changed.clone();
    correction.corrects = Some(id.clone());
    correction.body = "Correction: it was Wednesday's review.".into();
    let cid = give_feedback(correction).await.unwrap();
    let v = get_feedback(id.clone()).await.unwrap();
    assert_eq!(v.corrections.len(), 1);
    assert_eq!(v.corrections[0].id, cid);
    assert_eq!(v.corrections[0].corrects.as_deref(), Some(id.as_str()));

    // Someone else cannot attach a correction to it.
    let _o = as_person(&db, c.peer).await;
    let mut forged = draft(c.recipient, FeedbackKind::Praise, FeedbackVisibility::Private);
    forged.corrects = Some(id);
    assert!(give_feedback(forged)
        .await
        .unwrap_err()
        .field_message("corrects")
        .is_some());
}

#[tokio::test]
async fn deletion_is_soft_and_audited_by_hr_without_private_text() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let private = give(
        &db,
        c.giver,
        draft(c.recipient, FeedbackKind::Constructive, FeedbackVisibility::Private),
    )
    .await;
    let shared = give(
        &db,
        c.giver,
        draft(c.recipient, FeedbackKind::Coaching, FeedbackVisibility::ManagerLine),
    )
    .await;

    let _o = as_person(&db, c.recipient).await;
    assert_eq!(
        delete_feedback(private.clone(), String::new()).await.unwrap_err(),
        AppError::Forbidden
    );

    let _o = as_person(&db, c.giver).await;
    delete_feedback(private.clone(), "Wrong person".into()).await.unwrap();
    delete_feedback(shared.clone(), String::new()).await.unwrap();
    assert_eq!(get_feedback(private.clone()).await.unwrap_err(), AppError::NotFound);
    let _o = as_person(&db, c.recipient).await;
    assert!(feedback_overview().await.unwrap().received.is_empty());

    let _o = as_person(&db, c.manager).await;
    assert_eq!(feedback_deletions().await.unwrap_err(), AppError::Forbidden);
    let _o = as_person(&db, c.hr).await;
    let audit = feedback_deletions().await.unwrap();
    assert_eq!(audit.len(), 2);
    let p = audit
        .iter()
        .find(|a| a.visibility == FeedbackVisibility::Private)
        .unwrap();
    assert_eq!(p.text, None);
    assert_eq!(p.reason, "Wrong person");
    // HR is not above the recipient, so manager-line text stays withheld
    // too: the audit gives HR no reading rights it did not have (issue 22).
    let s = audit
        .iter()
        .find(|a| a.visibility == FeedbackVisibility::ManagerLine)
        .unwrap();
    assert_eq!(s.text, None);
    assert_eq!(s.kind, FeedbackKind::Coaching);

    // Public praise, which everyone could read, keeps its text in the audit.
    let public = give(
        &db,
        c.giver,
        draft(c.recipient, FeedbackKind::Praise, FeedbackVisibility::Public),
    )
    .await;
    let _o = as_person(&db, c.giver).await;
    delete_feedback(public, "Duplicate".into()).await.unwrap();
    let _o = as_person(&db, c.hr).await;
    let audit = feedback_deletions().await.unwrap();
    let p = audit
        .iter()
        .find(|a| a.visibility == FeedbackVisibility::Public)
        .unwrap();
    assert!(p.text.as_ref().unwrap().contains("rollback"));
}

#[tokio::test]
async fn asks_are_answered_by_the_colleague_asked() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let _o = as_person(&db, c.recipient).await;
    let ask = |ids: Vec<usize>| AskDraft {
        topic: "My demo on Tuesday".into(),
        colleagues: ids.into_iter().map(pid).collect(),
    };
    assert!(ask_feedback(ask(vec![]))
        .await
        .unwrap_err()
        .field_message("colleagues")
        .is_some());
    assert!(ask_feedback(ask(vec![c.recipient])).await.is_err());
    assert!(ask_feedback(ask(vec![99_999]))
        .await
        .unwrap_err()
        .field_message("colleagues")
        .is_some());
    ask_feedback(ask(vec![c.giver, c.peer])).await.unwrap();
    let mine = feedback_overview().await.unwrap();
    assert_eq!(mine.asked_by_me.len(), 2);

    let _o = as_person(&db, c.giver).await;
    let waiting = feedback_overview().await.unwrap().asked_of_me;
    assert_eq!(waiting.len(), 1);
    let mut answer = draft(c.recipient, FeedbackKind::Praise, FeedbackVisibility::Private);
    answer.ask = Some(waiting[0].id.clone());
    let fid = give_feedback(answer.clone()).await.unwrap();
    assert!(feedback_overview().await.unwrap().asked_of_me.is_empty());
    // An ask is answered once, and only by the colleague asked.
    assert!(give_feedback(answer.clone())
        .await
        .unwrap_err()
        .field_message("ask")
        .is_some());
    let _o = as_person(&db, c.recipient).await;
    let asks = feedback_overview().await.unwrap().asked_by_me;
    assert_eq!(
        asks.iter()
            .filter(|a| a.answer.as_deref() == Some(fid.as_str()))
            .count(),
        1
    );
}
