//! Notifications on `mem://`: once per occasion, each person's inbox their
//! own, leavers told nothing, preferences validated and applied, signed
//! unsubscribe links, and the mailer's exactly-once batching under a flood,
//! two mailers at once, and a mailer killed mid-run.

use super::*;
use crate::notify::mailer::{run_once, Timing};
use crate::server::testing::{seeded_db, user};
use surrealdb::types::SurrealValue;

fn note(to: &CurrentUser, occasion: &str, kind: Kind) -> Note {
    Note {
        to: person_rid(&to.id),
        kind,
        occasion: occasion.into(),
        text: format!("About {occasion} <b>"),
        link: "/feedback".into(),
        subject: String::new(),
    }
}

const NOW: Timing = Timing {
    settle_secs: 0,
    max_hold_secs: 0,
};

#[derive(SurrealValue)]
struct Mailed {
    mailed: Option<String>,
}

async fn mailed(db: &Db, person: &CurrentUser) -> Vec<Option<String>> {
    let mut res = db
        .query("SELECT mailed FROM notification WHERE person = $p")
        .bind(("p", person_rid(&person.id)))
        .await
        .unwrap();
    res.take::<Vec<Mailed>>(0)
        .unwrap()
        .into_iter()
        .map(|m| m.mailed)
        .collect()
}

async fn emails_to(db: &Db, to: &str) -> Vec<(String, String)> {
    #[derive(SurrealValue)]
    struct E {
        subject: String,
        text: String,
    }
    let mut res = db
        .query("SELECT subject, text FROM email WHERE to = $to")
        .bind(("to", to.to_owned()))
        .await
        .unwrap();
    res.take::<Vec<E>>(0)
        .unwrap()
        .into_iter()
        .map(|e| (e.subject, e.text))
        .collect()
}

#[tokio::test]
async fn an_occasion_is_told_once_and_each_inbox_is_its_owners() {
    set_gather_secs(0);
    let (db, demo) = seeded_db().await;
    let kim = user(&db, demo.employee).await;
    let boss = user(&db, demo.manager).await;
    emit(&db, vec![note(&kim, "feedback:f1", Kind::FeedbackReceived)])
        .await
        .unwrap();
    emit(
        &db,
        vec![
            note(&kim, "feedback:f1", Kind::FeedbackReceived),
            note(&kim, "ask:a1", Kind::FeedbackAsk),
        ],
    )
    .await
    .unwrap();
    let inbox_kim = inbox(&db, &kim).await.unwrap();
    assert_eq!(inbox_kim.notices.len(), 2, "the repeated occasion was written once");
    assert_eq!(inbox_kim.unread, 2);
    assert_eq!(
        inbox_kim.notices[0].text, "About ask:a1 <b>",
        "stored as plain text, escaped when shown"
    );
    // Another person sees none of it and cannot mark it read, even by its id.
    assert!(inbox(&db, &boss).await.unwrap().notices.is_empty());
    let id = inbox_kim.notices[0].id.clone();
    mark_read(&db, &boss, Some(id.clone())).await.unwrap();
    assert_eq!(unread(&db, &kim).await.unwrap(), 2);
    mark_read(&db, &kim, Some(id)).await.unwrap();
    assert_eq!(unread(&db, &kim).await.unwrap(), 1);
    mark_read(&db, &kim, None).await.unwrap();
    assert_eq!(unread(&db, &kim).await.unwrap(), 0);
    // A malformed id is not found rather than queried.
    assert_eq!(
        mark_read(&db, &kim, Some("x; DELETE notification".into())).await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn a_leaver_is_told_nothing_and_old_notifications_are_purged() {
    let (db, demo) = seeded_db().await;
    let kim = user(&db, demo.employee).await;
    db.query("UPDATE $p SET left_on = '2020-01-01'")
        .bind(("p", person_rid(&kim.id)))
        .await
        .unwrap();
    emit(&db, vec![note(&kim, "x", Kind::FeedbackReceived)]).await.unwrap();
    assert!(inbox(&db, &kim).await.unwrap().notices.is_empty());
    db.query("UPDATE $p SET left_on = NONE")
        .bind(("p", person_rid(&kim.id)))
        .await
        .unwrap();
    emit(
        &db,
        vec![
            note(&kim, "old", Kind::FeedbackReceived),
            note(&kim, "new", Kind::FeedbackReceived),
        ],
    )
    .await
    .unwrap();
    db.query("UPDATE notification SET at = time::now() - 91d WHERE text CONTAINS 'old'")
        .await
        .unwrap();
    assert_eq!(repo::purge(&db, KEEP_DAYS).await.unwrap(), 1);
    let left = inbox(&db, &kim).await.unwrap();
    assert_eq!(left.notices.len(), 1);
    assert!(left.notices[0].text.contains("new"));
}

#[tokio::test]
async fn preferences_decide_what_is_emailed_and_unsubscribe_needs_a_genuine_token() {
    set_gather_secs(0);
    let (db, demo) = seeded_db().await;
    let kim = user(&db, demo.employee).await;
    let bad = PrefsDraft {
        kinds: vec![("feedback_received".into(), "hourly".into())],
        ..Default::default()
    };
    assert!(save_prefs(&db, &kim, &bad)
        .await
        .unwrap_err()
        .field_message("feedback_received")
        .is_some());
    let off = PrefsDraft {
        kinds: vec![("feedback_received".into(), "off".into())],
        ..Default::default()
    };
    save_prefs(&db, &kim, &off).await.unwrap();
    let p = prefs(&db, &kim).await.unwrap();
    assert_eq!(p.delivery(Kind::FeedbackReceived), Delivery::Off);
    assert_eq!(
        p.delivery(Kind::FeedbackAsk),
        Delivery::Now,
        "the others keep their defaults"
    );
    emit(
        &db,
        vec![
            note(&kim, "f1", Kind::FeedbackReceived),
            note(&kim, "a1", Kind::FeedbackAsk),
        ],
    )
    .await
    .unwrap();
    assert_eq!(run_once(&db, "http://tend.test", NOW).await.unwrap(), 1);
    let got = emails_to(&db, &kim.email).await;
    assert_eq!(got.len(), 1);
    assert!(
        got[0].0.contains("a1") && !got[0].1.contains("About f1"),
        "feedback is inbox only now"
    );
    // The email's unsubscribe link stops asks; a bent token stops nothing.
    let text = &got[0].1;
    let token = text
        .split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let token = token.replace("%2E", ".");
    let bent = token.replacen("feedback_ask", "mention", 1);
    assert!(matches!(unsubscribe(&db, &bent, true).await, Err(AppError::Invalid(_))));
    let seen = unsubscribe(&db, &token, false).await.unwrap();
    assert!(!seen.done, "opening the link only asks");
    assert_eq!(
        prefs(&db, &kim).await.unwrap().delivery(Kind::FeedbackAsk),
        Delivery::Now
    );
    assert!(unsubscribe(&db, &token, true).await.unwrap().done);
    assert_eq!(
        prefs(&db, &kim).await.unwrap().delivery(Kind::FeedbackAsk),
        Delivery::Off
    );
    assert_eq!(
        prefs(&db, &kim).await.unwrap().delivery(Kind::FeedbackReceived),
        Delivery::Off
    );
}

#[tokio::test]
async fn a_flood_of_a_thousand_becomes_one_email() {
    set_gather_secs(0);
    let (db, demo) = seeded_db().await;
    let kim = user(&db, demo.employee).await;
    let notes: Vec<Note> = (0..1000)
        .map(|i| note(&kim, &format!("feedback:f{i}"), Kind::FeedbackReceived))
        .collect();
    for chunk in notes.chunks(250) {
        emit(&db, chunk.to_vec()).await.unwrap();
    }
    // While the burst is still arriving (settle 30 s), nothing goes.
    assert_eq!(
        run_once(
            &db,
            "http://tend.test",
            Timing {
                settle_secs: 30,
                max_hold_secs: 600
            }
        )
        .await
        .unwrap(),
        0
    );
    assert_eq!(run_once(&db, "http://tend.test", NOW).await.unwrap(), 1);
    assert_eq!(
        run_once(&db, "http://tend.test", NOW).await.unwrap(),
        0,
        "nothing is sent twice"
    );
    let got = emails_to(&db, &kim.email).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "1000 updates from Tend");
    assert!(mailed(&db, &kim).await.iter().all(|m| m.is_some()));
}

#[tokio::test]
async fn two_mailers_and_a_killed_one_still_mail_every_notification_exactly_once() {
    set_gather_secs(0);
    let (db, _) = seeded_db().await;
    let people: Vec<CurrentUser> = {
        let mut v = Vec::new();
        for i in 0..60 {
            v.push(user(&db, i).await);
        }
        v
    };
    let notes: Vec<Note> = people
        .iter()
        .flat_map(|p| (0..3).map(move |i| note(p, &format!("o{i}"), Kind::FeedbackAsk)))
        .collect();
    emit(&db, notes).await.unwrap();
    // A mailer killed part-way through its run...
    let killed = tokio::spawn({
        let db = db.clone();
        async move { run_once(&db, "http://tend.test", NOW).await }
    });
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    killed.abort();
    let _ = killed.await;
    // ...then two mailers at once, as two processes would after a restart.
    let (a, b) = tokio::join!(
        run_once(&db, "http://tend.test", NOW),
        run_once(&db, "http://tend.test", NOW)
    );
    a.unwrap();
    b.unwrap();
    for p in &people {
        let m = mailed(&db, p).await;
        assert_eq!(m.len(), 3);
        assert!(m.iter().all(|x| x.is_some()), "every notification was mailed");
        let emails = emails_to(&db, &p.email).await;
        assert_eq!(emails.len(), 1, "{}: one email carries all three", p.email);
        assert_eq!(emails[0].0, "3 updates from Tend");
    }
}
