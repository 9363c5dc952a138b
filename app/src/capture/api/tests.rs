//! Offline capture sync on `mem://`: a retried send stores nothing twice,
//! the later edit wins with the earlier kept, authorisation is checked at
//! sync time, and bad items are refused with their field named.

use crate::capture::api::{load_capture_context, my_notes, BATCH_MAX};
use crate::capture::model::{CaptureItem, CapturePayload, CaptureReceipt};
use crate::capture::outbox::ItemResult;
use crate::error::AppError;
use crate::feedback::api::tests::{as_person, cast};
use crate::feedback::model::{FeedbackKind, FeedbackVisibility};
use crate::server::db::Db;
use crate::server::testing::{request_as, seeded_db, seeded_db_with_goals};
use crate::shared::uuid7;

/// Sends one item as a batch of one.
async fn sync_capture(item: CaptureItem) -> Result<CaptureReceipt, AppError> {
    let mut rs = crate::capture::api::sync_capture(vec![item]).await?;
    assert_eq!(rs.len(), 1);
    match rs.remove(0) {
        ItemResult::Stored(r) => Ok(r),
        ItemResult::Refused(e) => Err(e),
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn item(author: usize, seq: u8, payload: CapturePayload) -> CaptureItem {
    let t = now_ms() - 60_000;
    CaptureItem {
        id: uuid7::format(t as u64, [seq; 10]),
        author: format!("p{author}"),
        created_at: t,
        edited_at: t,
        happened_on: crate::shared::date::Day::today().to_string(),
        payload,
    }
}

fn note(author: usize, about: usize, seq: u8, text: &str) -> CaptureItem {
    item(
        author,
        seq,
        CapturePayload::Note {
            about: format!("p{about}"),
            text: text.into(),
        },
    )
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    let mut r = db.query(sql).await.unwrap();
    r.take::<Option<i64>>(0).unwrap().unwrap_or(0)
}

#[tokio::test]
async fn a_note_sent_twice_is_stored_once() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let _o = as_person(&db, c.manager).await;
    let n = note(c.manager, c.recipient, 1, "Handled the outage call calmly.");
    let first = sync_capture(n.clone()).await.unwrap();
    let again = sync_capture(n.clone()).await.unwrap();
    assert!(first.created && !again.created);
    assert_eq!(count(&db, "RETURN count(SELECT * FROM note)").await, 1);
    let mine = my_notes().await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].item, n);
}

#[tokio::test]
async fn the_later_edit_wins_and_the_earlier_is_kept() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let _o = as_person(&db, c.manager).await;
    let original = note(c.manager, c.recipient, 2, "First take");
    sync_capture(original.clone()).await.unwrap();
    let mut laptop = original.clone();
    laptop.payload = CapturePayload::Note {
        about: format!("p{}", c.recipient),
        text: "Laptop edit (later)".into(),
    };
    laptop.edited_at += 20_000;
    let mut phone = original.clone();
    phone.payload = CapturePayload::Note {
        about: format!("p{}", c.recipient),
        text: "Phone edit (earlier, sent last)".into(),
    };
    phone.edited_at += 10_000;
    sync_capture(laptop.clone()).await.unwrap();
    let r = sync_capture(phone.clone()).await.unwrap();
    assert_eq!(r.edited_at, laptop.edited_at, "the receipt names the version kept");
    sync_capture(phone).await.unwrap(); // a resend adds no second copy to history
    let mine = my_notes().await.unwrap();
    assert_eq!(mine[0].item.payload.text(), "Laptop edit (later)");
    let kept: Vec<&str> = mine[0].versions.iter().map(|v| v.text.as_str()).collect();
    assert_eq!(kept, ["Phone edit (earlier, sent last)", "First take"]);
}

#[tokio::test]
async fn concurrent_sends_of_one_item_store_it_once() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let _o = as_person(&db, c.giver).await;
    let f = item(
        c.giver,
        3,
        CapturePayload::Feedback {
            to: format!("p{}", c.recipient),
            feedback_kind: FeedbackKind::Praise,
            visibility: FeedbackVisibility::Private,
            text: "Your demo on Tuesday made the release decision easy.".into(),
        },
    );
    let n = note(c.giver, c.recipient, 4, "Two tabs");
    let (a, b, x, y) = tokio::join!(
        sync_capture(f.clone()),
        sync_capture(f.clone()),
        sync_capture(n.clone()),
        sync_capture(n.clone())
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    x.unwrap();
    y.unwrap();
    assert_eq!(
        u8::from(a.created) + u8::from(b.created),
        1,
        "exactly one send created it"
    );
    assert!(a.link.as_deref().unwrap().starts_with("/feedback/o"));
    assert_eq!(
        count(
            &db,
            "RETURN count(SELECT * FROM feedback WHERE string::starts_with(record::id(id), 'o'))"
        )
        .await,
        1
    );
    assert_eq!(count(&db, "RETURN count(SELECT * FROM note)").await, 1);
}

#[tokio::test]
async fn a_check_in_sent_twice_applies_once() {
    let (db, d) = seeded_db_with_goals().await;
    let _o = as_person(&db, d.employee).await;
    let ctx = load_capture_context().await.unwrap();
    let kr = ctx
        .key_results
        .iter()
        .find(|k| k.current != "done" && k.current != "not done")
        .expect("the employee has a metric key result this quarter");
    let c = item(
        d.employee,
        5,
        CapturePayload::CheckIn {
            goal: kr.goal.clone(),
            kr: kr.kr.clone(),
            value: "4242".into(),
            confidence: 7,
            note: "Captured on the train".into(),
        },
    );
    let before = count(&db, "RETURN count(SELECT * FROM checkin)").await;
    let r1 = sync_capture(c.clone()).await.unwrap();
    let r2 = sync_capture(c).await.unwrap();
    assert!(r1.created && !r2.created);
    assert_eq!(count(&db, "RETURN count(SELECT * FROM checkin)").await, before + 1);
    let after = load_capture_context().await.unwrap();
    let now = after.key_results.iter().find(|k| k.kr == kr.kr).unwrap();
    assert_eq!(now.current, "4242");
}

#[tokio::test]
async fn refusals_are_checked_when_the_item_arrives() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let _o = as_person(&db, c.manager).await;
    // Written while the recipient was still here; they left before it synced.
    let n = note(c.manager, c.recipient, 6, "Good 1:1 today");
    db.query("UPDATE $p SET left_on = '2026-11-20'")
        .bind((
            "p",
            surrealdb::types::RecordId::new("person", format!("p{}", c.recipient)),
        ))
        .await
        .unwrap();
    let e = sync_capture(n).await.unwrap_err();
    assert!(e.to_string().contains("has left the company"), "{e}");
    // Someone else's item (another account used this browser earlier).
    let theirs = note(c.peer, c.giver, 7, "Not mine");
    assert!(matches!(sync_capture(theirs).await.unwrap_err(), AppError::Invalid(_)));
    // A damaged item names the field.
    let mut bad = note(c.manager, c.giver, 8, "x");
    bad.id = "1234".into();
    assert_eq!(
        sync_capture(bad).await.unwrap_err().field_message("id").as_deref(),
        Some("This item's id is damaged.")
    );
    assert_eq!(count(&db, "RETURN count(SELECT * FROM note)").await, 0);
}

#[tokio::test]
async fn one_persons_note_id_cannot_overwrite_anothers() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let n = note(c.manager, c.recipient, 9, "Mine");
    {
        let _o = as_person(&db, c.manager).await;
        sync_capture(n.clone()).await.unwrap();
    }
    let _o = as_person(&db, c.giver).await;
    let mut forged = n.clone();
    forged.author = format!("p{}", c.giver);
    forged.edited_at += 1000;
    assert!(matches!(sync_capture(forged).await.unwrap_err(), AppError::Invalid(_)));
    assert!(my_notes().await.unwrap().is_empty(), "notes are their author's only");
}

#[tokio::test]
async fn the_capture_context_lists_people_and_needs_a_session() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    {
        let _o = as_person(&db, c.recipient).await;
        let ctx = load_capture_context().await.unwrap();
        let manager = ctx.people.iter().find(|p| p.id == format!("p{}", c.manager)).unwrap();
        assert_eq!(manager.relation, "Your manager");
        assert!(ctx.people.iter().any(|p| p.id == format!("p{}", c.peer)));
        assert!(!ctx.people.iter().any(|p| p.id == ctx.author), "not yourself");
    }
    let _o = request_as(&db, None);
    assert_eq!(load_capture_context().await.unwrap_err(), AppError::Unauthorized);
    assert_eq!(
        sync_capture(note(c.manager, c.recipient, 10, "x")).await.unwrap_err(),
        AppError::Unauthorized
    );
}

#[tokio::test]
async fn a_milestone_check_in_must_say_done_or_not_done() {
    let (db, d) = seeded_db_with_goals().await;
    // A milestone of their own this quarter, whatever the seed gave them today.
    let q = crate::shared::date::Quarter::of(crate::shared::date::Day::today());
    let me = crate::server::testing::user(&db, d.employee).await;
    let goal = crate::goals::model::GoalDraft {
        level: crate::goals::model::Level::Person,
        owner: Some(me.id.clone()),
        title: "Publish the onboarding guide".into(),
        description: String::new(),
        period: crate::goals::model::Period::Quarter(q),
        due: Some(q.end()),
        parent: None,
        alignment_weight: "1".into(),
        visibility: crate::goals::model::Visibility::Org,
        key_results: vec![crate::goals::model::KrDraft {
            id: None,
            title: "Guide published".into(),
            kind: crate::goals::model::KrKind::Milestone,
            unit: String::new(),
            baseline: String::new(),
            target: String::new(),
            weight: "1".into(),
        }],
    };
    crate::goals::service::create(&db, &me, goal, crate::shared::date::Day::today())
        .await
        .unwrap();
    let _o = as_person(&db, d.employee).await;
    let ctx = load_capture_context().await.unwrap();
    let kr = ctx
        .key_results
        .iter()
        .find(|k| k.title == "Guide published")
        .expect("the employee's milestone is offered");
    assert_eq!(kr.current, "not done");
    let mut c = item(
        d.employee,
        11,
        CapturePayload::CheckIn {
            goal: kr.goal.clone(),
            kr: kr.kr.clone(),
            value: "about half".into(),
            confidence: 6,
            note: String::new(),
        },
    );
    let e = sync_capture(c.clone()).await.unwrap_err();
    assert_eq!(
        e.field_message("value").as_deref(),
        Some("For a milestone, enter done or not done.")
    );
    c.payload = CapturePayload::CheckIn {
        goal: kr.goal.clone(),
        kr: kr.kr.clone(),
        value: "done".into(),
        confidence: 6,
        note: String::new(),
    };
    c.edited_at += 1;
    assert!(sync_capture(c).await.unwrap().created);
    let now = load_capture_context().await.unwrap();
    assert_eq!(now.key_results.iter().find(|k| k.kr == kr.kr).unwrap().current, "done");
}

#[tokio::test]
async fn a_batch_answers_each_item_in_order() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let _o = as_person(&db, c.manager).await;
    let good = note(c.manager, c.recipient, 12, "First in the batch");
    let mut bad = note(c.manager, c.recipient, 13, "x");
    bad.payload = CapturePayload::Note {
        about: format!("p{}", c.recipient),
        text: "  ".into(),
    };
    let also = note(c.manager, c.peer, 14, "Third in the batch");
    let rs = crate::capture::api::sync_capture(vec![good.clone(), bad, also.clone()])
        .await
        .unwrap();
    assert!(matches!(&rs[0], ItemResult::Stored(r) if r.id == good.id && r.created));
    assert!(matches!(&rs[1], ItemResult::Refused(AppError::InvalidFields(_))));
    assert!(matches!(&rs[2], ItemResult::Stored(r) if r.id == also.id));
    assert_eq!(count(&db, "RETURN count(SELECT * FROM note)").await, 2);
    let too_many = vec![good; BATCH_MAX + 1];
    assert!(matches!(
        crate::capture::api::sync_capture(too_many).await.unwrap_err(),
        AppError::Invalid(_)
    ));
}
