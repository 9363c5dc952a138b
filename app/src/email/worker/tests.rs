//! The queue and worker against a real SMTP server (`SmtpSink`): mail
//! arrives once with its links and escaped HTML, a refusal is retried after
//! backoff, a crashed worker's claim is taken over, and two workers racing
//! send each message once.

use super::*;
use crate::email::message::{invitation, password_reset};
use crate::server::smtp_sink::SmtpSink;
use crate::server::testing::fresh_db;
use std::collections::HashSet;
use surrealdb::types::SurrealValue;

const LINK: &str = "http://tend.test/welcome?token=0123abcd&kind=invitation";

fn smtp(sink: &SmtpSink) -> Mail {
    Mail::configure(
        Some(&sink.url()),
        std::env::temp_dir(),
        "Tend <tend@acme.test>",
        "http://tend.test",
    )
    .unwrap()
}

async fn queue_one(db: &Db, to: &str) -> String {
    repo::enqueue(
        db,
        &invitation(to, "Zoë <b>Lee</b>", "Acme", Some("Hal Ng"), LINK, 7),
        None,
    )
    .await
    .unwrap()
}

#[derive(SurrealValue)]
struct State {
    status: String,
    attempts: i64,
    last_error: Option<String>,
    text: String,
}

async fn state(db: &Db, key: &str) -> State {
    let mut res = db
        .query("SELECT status, attempts, last_error, text FROM ONLY $id")
        .bind(("id", surrealdb::types::RecordId::new("email", key)))
        .await
        .unwrap();
    res.take::<Option<State>>(0).unwrap().unwrap()
}

/// Makes every waiting retry and every lease due now, as time passing would.
async fn time_passes(db: &Db) {
    db.query(
        "UPDATE email SET next_at = time::now() - 1s WHERE status = 'queued';
              UPDATE email SET lease_until = time::now() - 1s WHERE status = 'sending';",
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn queued_mail_reaches_a_real_smtp_server_once_and_keeps_no_link_after() {
    let sink = SmtpSink::start(0);
    let (db, mail) = (fresh_db().await, smtp(&sink));
    let a = queue_one(&db, "zoe@acme.test").await;
    repo::enqueue(&db, &password_reset("kim@acme.test", "Kim Park", LINK, 60), None)
        .await
        .unwrap();
    assert_eq!(drain(&db, &mail).await.unwrap(), 2);
    assert_eq!(drain(&db, &mail).await.unwrap(), 0, "nothing is sent twice");
    let got = sink.received();
    assert_eq!(got.len(), 2);
    let inv = got
        .iter()
        .find(|m| m.to.as_deref().is_some_and(|t| t.contains("zoe@acme.test")))
        .unwrap();
    assert_eq!(inv.subject.as_deref(), Some("You're invited to Tend at Acme"));
    assert!(
        inv.text.as_deref().unwrap().contains(LINK),
        "the link survives transfer encoding"
    );
    let html = inv.html.as_deref().unwrap();
    assert!(
        html.contains("Zoë &lt;b&gt;Lee&lt;/b&gt;") || html.contains("Zoë"),
        "{html}"
    );
    assert!(!html.contains("<b>Lee</b>"), "names are escaped: {html}");
    assert_eq!(inv.message_id.as_deref(), Some(format!("<{a}@acme.test>").as_str()));
    assert!(inv.from.as_deref().unwrap().ends_with("<tend@acme.test>"));
    let s = state(&db, &a).await;
    assert_eq!((s.status.as_str(), s.attempts, s.text.as_str()), ("sent", 1, ""));
}

#[tokio::test]
async fn a_refusal_is_retried_after_its_backoff_and_then_arrives_once() {
    let sink = SmtpSink::start(1);
    let (db, mail) = (fresh_db().await, smtp(&sink));
    let key = queue_one(&db, "zoe@acme.test").await;
    assert_eq!(drain(&db, &mail).await.unwrap(), 0);
    let s = state(&db, &key).await;
    assert_eq!((s.status.as_str(), s.attempts), ("queued", 1));
    assert!(s.last_error.unwrap().contains("Try again later"));
    // Not due before its 30 s backoff has passed.
    assert_eq!(drain(&db, &mail).await.unwrap(), 0);
    assert!(sink.received().is_empty());
    time_passes(&db).await;
    assert_eq!(drain(&db, &mail).await.unwrap(), 1);
    assert_eq!(sink.received().len(), 1);
    assert_eq!(state(&db, &key).await.status, "sent");
}

#[tokio::test]
async fn a_wrong_password_or_a_dead_server_keeps_the_mail_for_later() {
    let sink = SmtpSink::start(0);
    let db = fresh_db().await;
    let key = queue_one(&db, "zoe@acme.test").await;
    let wrong = sink.url().replace(crate::server::smtp_sink::PASSWORD, "wrong");
    let bad = Mail::configure(Some(&wrong), std::env::temp_dir(), "Tend <tend@acme.test>", "http://t").unwrap();
    assert_eq!(drain(&db, &bad).await.unwrap(), 0);
    assert_eq!(state(&db, &key).await.status, "queued", "a refused login is retried");
    time_passes(&db).await;
    let dead = Mail::configure(
        Some("smtp://127.0.0.1:9"),
        std::env::temp_dir(),
        "Tend <t@acme.test>",
        "http://t",
    )
    .unwrap();
    assert_eq!(drain(&db, &dead).await.unwrap(), 0);
    assert_eq!(state(&db, &key).await.attempts, 2);
    time_passes(&db).await;
    assert_eq!(drain(&db, &smtp(&sink)).await.unwrap(), 1);
    assert_eq!(sink.received().len(), 1);
}

#[tokio::test]
async fn a_crashed_workers_claim_is_taken_over_after_its_lease_and_sent_once() {
    let sink = SmtpSink::start(0);
    let (db, mail) = (fresh_db().await, smtp(&sink));
    let key = queue_one(&db, "zoe@acme.test").await;
    // A worker claims it and dies before sending.
    let held = repo::claim(&db, &key).await.unwrap().expect("claimed");
    assert!(repo::claim(&db, &key).await.unwrap().is_none(), "one claim at a time");
    assert_eq!(drain(&db, &mail).await.unwrap(), 0, "its lease still holds");
    time_passes(&db).await;
    assert_eq!(drain(&db, &mail).await.unwrap(), 1);
    // The dead worker's late report cannot overwrite the attempt that sent it.
    repo::failed(
        &db,
        &key,
        held.attempts,
        crate::email::rules::AfterFailure::RetryIn(30),
        "late",
    )
    .await
    .unwrap();
    let s = state(&db, &key).await;
    assert_eq!((s.status.as_str(), s.attempts), ("sent", 2));
    assert_eq!(sink.received().len(), 1);
}

#[tokio::test]
async fn two_workers_draining_at_once_send_every_message_once() {
    let sink = SmtpSink::start(0);
    let (db, mail) = (fresh_db().await, smtp(&sink));
    for i in 0..40 {
        queue_one(&db, &format!("p{i}@acme.test")).await;
    }
    let (a, b) = tokio::join!(drain(&db, &mail), drain(&db, &mail));
    assert_eq!(a.unwrap() + b.unwrap(), 40);
    let got = sink.received();
    let ids: HashSet<_> = got.iter().map(|m| m.message_id.clone().unwrap()).collect();
    assert_eq!((got.len(), ids.len()), (40, 40));
}

#[tokio::test]
async fn without_smtp_the_outbox_folder_gets_one_file_per_message_and_keeps_its_text() {
    let dir = std::env::temp_dir().join(format!("tend-outbox-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (db, mail) = (fresh_db().await, Mail::folder(dir.clone(), "http://tend.test"));
    let key = queue_one(&db, "zoe@acme.test").await;
    assert_eq!(drain(&db, &mail).await.unwrap(), 1);
    let eml = std::fs::read_to_string(dir.join(format!("{key}.eml"))).unwrap();
    assert!(eml.contains("Subject: You're invited to Tend at Acme"));
    assert!(eml.contains("multipart/alternative"));
    let s = state(&db, &key).await;
    assert_eq!(s.status, "sent");
    assert!(s.text.contains(LINK), "HR reads it on the Emails page");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn hr_reads_an_invitation_in_the_outbox_but_never_a_reset_link_and_nobody_else_reads_either() {
    use crate::server::testing::{pid, seeded_db};
    let (db, d) = seeded_db().await;
    let dir = std::env::temp_dir().join(format!("tend-outbox-page-{}", std::process::id()));
    let mail = Mail::folder(dir.clone(), "http://tend.test");
    queue_one(&db, "zoe@acme.test").await;
    repo::enqueue(&db, &password_reset("kim@acme.test", "Kim Park", LINK, 60), None)
        .await
        .unwrap();
    drain(&db, &mail).await.unwrap();
    let hr = crate::people::repo::viewer(&db, &pid(d.hr)).await.unwrap().unwrap();
    let page = crate::email::service::outbox(&db, &mail, &hr).await.unwrap();
    assert_eq!(page.counts, [0, 0, 2, 0]);
    let text_for = |to: &str| page.lines.iter().find(|l| l.to == to).unwrap().text.clone();
    assert!(text_for("zoe@acme.test").unwrap().contains(LINK));
    assert_eq!(text_for("kim@acme.test"), None, "a reset link is its owner's alone");
    let someone = crate::people::repo::viewer(&db, &pid(d.employee))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        crate::email::service::outbox(&db, &mail, &someone).await.unwrap_err(),
        AppError::Forbidden
    );
    let _ = std::fs::remove_dir_all(&dir);
}
