//! Notifications through the router (issue 24): the inbox is the signed-in
//! person's alone, an inbox change reaches only its owner's live stream,
//! mail reaches a real SMTP server (`SmtpSink`, npm `smtp-server`) as one
//! message per person, and its unsubscribe link works without signing in.

mod common;

use app::notify::mailer::{run_once, Timing};
use app::notify::model::Kind;
use app::notify::service::{emit, Note};
use app::server::smtp_sink::SmtpSink;
use common::*;
use surrealdb::types::RecordId;

fn person(i: usize) -> RecordId {
    RecordId::new("person", format!("p{i}"))
}

fn note(to: usize, occasion: &str, kind: Kind, text: &str) -> Note {
    Note {
        to: person(to),
        kind,
        occasion: occasion.into(),
        text: text.into(),
        link: "/feedback".into(),
        subject: String::new(),
    }
}

#[tokio::test]
async fn an_inbox_is_its_owners_alone_and_its_changes_reach_only_their_stream() {
    let app = app().await;
    let (employee, manager) = (app.demo.employee, app.demo.manager);
    assert_eq!(
        app.post("/api/my_inbox", "", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let kim = app.cookie_for("employee@tend.example").await;
    let boss = app.cookie_for("manager@tend.example").await;
    // The manager's stream is open: their report's inbox changes, they hear nothing of it.
    let mut boss_stream = live(&app, Some(&boss), None).await.into_body();
    sse_until(&mut boss_stream, "event: ready", 5).await;
    let mut kim_stream = live(&app, Some(&kim), None).await.into_body();
    sse_until(&mut kim_stream, "event: ready", 5).await;
    let started = std::time::Instant::now();
    emit(
        &app.db,
        vec![note(
            employee,
            "secret",
            Kind::FeedbackReceived,
            "Private words for Kim",
        )],
    )
    .await
    .unwrap();
    let got = sse_until(&mut kim_stream, "event: inbox", 5).await;
    let latency = started.elapsed();
    assert!(!got.contains("Private words"), "the event carries no content: {got}");
    assert!(
        latency < std::time::Duration::from_secs(3),
        "write to badge took {latency:?}"
    );
    let mine = text(app.post("/api/my_inbox", "", Some(&kim)).await).await;
    assert!(mine.contains("Private words for Kim"));
    let theirs = text(app.post("/api/my_inbox", "", Some(&boss)).await).await;
    assert!(!theirs.contains("Private words"), "{theirs}");
    assert_eq!(text(app.post("/api/unread_count", "", Some(&kim)).await).await, "1");
    // Marking it read by id as the manager changes nothing.
    let id = mine
        .split("\"id\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    app.post("/api/mark_read", format!("id={id}"), Some(&boss)).await;
    assert_eq!(text(app.post("/api/unread_count", "", Some(&kim)).await).await, "1");
    app.post("/api/mark_read", format!("id={id}"), Some(&kim)).await;
    assert_eq!(text(app.post("/api/unread_count", "", Some(&kim)).await).await, "0");
    // The manager's own stream saw no inbox event (their report's change is not theirs).
    emit(&app.db, vec![note(manager, "for-boss", Kind::FeedbackAsk, "Boss ask")])
        .await
        .unwrap();
    let boss_got = sse_until(&mut boss_stream, "event: inbox", 5).await;
    assert_eq!(
        boss_got.matches("event: inbox").count(),
        1,
        "only their own: {boss_got}"
    );
}

#[tokio::test]
async fn mail_reaches_a_real_smtp_server_once_and_its_unsubscribe_link_works_signed_out() {
    app::notify::service::set_gather_secs(0);
    let sink = SmtpSink::start(0);
    let mail = app::email::transport::Mail::configure(
        Some(&sink.url()),
        std::env::temp_dir(),
        "Tend <tend@acme.test>",
        ORIGIN,
    )
    .unwrap();
    let app = app().await;
    let employee = app.demo.employee;
    let notes: Vec<Note> = (0..40)
        .map(|i| {
            note(
                employee,
                &format!("f{i}"),
                Kind::FeedbackReceived,
                &format!("Ada <b>{i}</b> gave you feedback"),
            )
        })
        .chain([note(employee, "a1", Kind::FeedbackAsk, "Ada asked you for feedback")])
        .collect();
    emit(&app.db, notes).await.unwrap();
    let now = Timing {
        settle_secs: 0,
        max_hold_secs: 0,
    };
    assert_eq!(run_once(&app.db, ORIGIN, now).await.unwrap(), 1);
    assert_eq!(run_once(&app.db, ORIGIN, now).await.unwrap(), 0);
    app::email::worker::drain(&app.db, &mail).await.unwrap();
    let got = sink.received();
    assert_eq!(got.len(), 1, "41 notifications, one email");
    let m = &got[0];
    assert_eq!(m.subject.as_deref(), Some("41 updates from Tend"));
    let html = m.html.clone().unwrap_or_default();
    assert!(
        html.contains("Ada &lt;b&gt;0&lt;/b&gt;") && !html.contains("<b>0</b>"),
        "escaped"
    );
    let body = m.text.clone().unwrap_or_default();
    let link = body
        .lines()
        .filter(|l| l.contains("/unsubscribe?token="))
        .find(|l| l.contains("Someone asks you for feedback"))
        .expect("an unsubscribe link per kind");
    let token = link.split("token=").nth(1).unwrap().trim().to_owned();
    // Opening the page signed out works and changes nothing by itself.
    let page = app.get(&format!("/unsubscribe?token={token}"), None).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(text(page).await.contains("Stop emails about"));
    // A bent token is refused; the real one, confirmed, stops that kind.
    let bent = app
        .post("/api/unsubscribe", format!("token={}x&confirm=yes", token), None)
        .await;
    assert_ne!(bent.status(), StatusCode::OK);
    let res = app
        .post("/api/unsubscribe", format!("token={token}&confirm=yes"), None)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let kim = app.cookie_for("employee@tend.example").await;
    let prefs = text(app.post("/api/notification_prefs", "", Some(&kim)).await).await;
    assert!(prefs.contains("[\"FeedbackAsk\",\"Off\"]"), "{prefs}");
    assert!(prefs.contains("[\"FeedbackReceived\",\"Now\"]"), "{prefs}");
    // Another ask is now inbox only.
    emit(&app.db, vec![note(employee, "a2", Kind::FeedbackAsk, "Bo asked you")])
        .await
        .unwrap();
    assert_eq!(run_once(&app.db, ORIGIN, now).await.unwrap(), 0);
}
