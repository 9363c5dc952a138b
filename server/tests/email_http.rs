//! Invitations, "Forgot your password?" and the Emails page through the
//! router (issue 23, 4–5), with mail delivered to a real SMTP server
//! (`SmtpSink`, npm `smtp-server`) by the queue's worker: the link is read
//! from the received message and used over HTTP.

mod common;

use app::server::smtp_sink::SmtpSink;
use common::*;
use std::net::SocketAddr;

const STRONG: &str = "lantern-meadow-copper-58";

fn enc(s: &str) -> String {
    app::shared::url::percent_encode(s, b"")
}

fn smtp_mail(sink: &SmtpSink) -> app::email::transport::Mail {
    app::email::transport::Mail::configure(Some(&sink.url()), std::env::temp_dir(), "Tend <tend@acme.test>", ORIGIN)
        .unwrap()
}

/// A POST from a given client address (the socket peer the limits count).
async fn post_from(app: &TestApp, ip: &str, path: &str, body: String) -> Response<Body> {
    let mut req = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
    req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
    app.send(req).await
}

/// Waits for the background reset work to queue its mail, then sends the queue.
async fn deliver(app: &TestApp, mail: &app::email::transport::Mail, expect: usize) {
    for _ in 0..200 {
        let mut res = app.db.query("SELECT count() AS n FROM email GROUP ALL").await.unwrap();
        let n: Option<i64> = res.take((0, "n")).unwrap();
        if n.unwrap_or(0) as usize >= expect {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    app::email::worker::drain(&app.db, mail).await.unwrap();
}

fn link_token(text: &str) -> String {
    let at = text.find("/set-password?token=").expect("a link in the mail") + "/set-password?token=".len();
    text[at..at + 64].to_owned()
}

async fn use_link(app: &TestApp, token: &str, password: &str) -> Response<Body> {
    let body = format!("token={}&password={}", enc(token), enc(password));
    app.post("/api/use_sign_in_link", body, None).await
}

#[tokio::test]
async fn a_forgotten_password_is_reset_from_the_mail_a_real_smtp_server_received() {
    let sink = SmtpSink::start(0);
    let mail = smtp_mail(&sink);
    let app = app_with(false, Some(smtp_mail(&sink))).await;
    let me = "employee@tend.example";
    let old = app.cookie_for(me).await;
    // The same answer for an address that exists and one that does not.
    let known = post_from(
        &app,
        "198.51.100.1",
        "/api/forgot_password",
        format!("email={}", enc(me)),
    )
    .await;
    let (ks, kb) = (known.status(), text(known).await);
    let stranger = post_from(
        &app,
        "198.51.100.1",
        "/api/forgot_password",
        "email=nobody%40tend.example".into(),
    )
    .await;
    assert_eq!((ks, kb.clone()), (stranger.status(), text(stranger).await));
    assert_eq!(ks, StatusCode::OK);
    deliver(&app, &mail, 1).await;
    let got = sink.received();
    assert_eq!(got.len(), 1, "only the real account gets mail");
    assert!(got[0].to.as_deref().unwrap().contains(me));
    let token = link_token(got[0].text.as_deref().unwrap());

    let res = app.post("/api/sign_in_link", format!("token={token}"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(text(res).await.contains("Reset"));
    let weak = use_link(&app, &token, "password1234").await;
    assert_eq!(weak.status(), StatusCode::BAD_REQUEST);
    let res = use_link(&app, &token, STRONG).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", text(res).await);
    let new = session_cookie(&res);
    assert_eq!(app.post("/api/me", "", Some(&new)).await.status(), StatusCode::OK);
    assert_eq!(
        app.post("/api/me", "", Some(&old)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.login(me, DEMO_PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
    // Used once; a second use gets a clear refusal and no session.
    let again = use_link(&app, &token, STRONG).await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(again.headers().get(header::SET_COOKIE).is_none());
    assert!(text(again).await.contains("already used"));
}

#[tokio::test]
async fn hr_invites_a_new_person_who_signs_in_with_the_password_they_choose() {
    let sink = SmtpSink::start(0);
    let mail = smtp_mail(&sink);
    let app = app_with(false, Some(smtp_mail(&sink))).await;
    let hr = app.cookie_for("hr@tend.example").await;
    let form = serde_json::json!({ "form": {
        "id": null, "employee_id": "", "email": "new.hire@tend.example", "name": "Nia Wu", "title": "Engineer",
        "unit": unit_of(&app, "manager@tend.example").await, "is_hr": false, "time_zone": "", "start_date": "",
        "manager": manager_key(&app).await, "invite": true }});
    let res = post_json(&app, "/api/save_person", form.to_string(), &hr).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", text(res).await);
    deliver(&app, &mail, 1).await;
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert!(got[0].subject.as_deref().unwrap().starts_with("You're invited to Tend"));
    assert!(got[0].text.as_deref().unwrap().contains("invited you"));
    let token = link_token(got[0].text.as_deref().unwrap());
    let res = use_link(&app, &token, STRONG).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.login("new.hire@tend.example", STRONG).await;
    assert!(res.status().is_redirection() || res.status().is_success());
    // HR's Emails page lists it as sent, with no link kept.
    let res = app.post("/api/email_queue", "", Some(&hr)).await;
    let body = text(res).await;
    assert!(body.contains("\"Sent\"") && !body.contains("set-password"), "{body}");
}

#[tokio::test]
async fn only_hr_sends_invitations_or_reads_the_queue_and_forged_links_get_a_clear_answer() {
    let app = app().await;
    let emp = app.cookie_for("employee@tend.example").await;
    let someone = format!("p{}", app.demo.manager);
    let res = app
        .post("/api/send_invitation", format!("person={someone}"), Some(&emp))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.post("/api/email_queue", "", Some(&emp)).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post("/api/send_invitation", format!("person={someone}"), None)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    for token in ["abc", &"0".repeat(64), "../../etc/passwd"] {
        let res = app
            .post("/api/sign_in_link", format!("token={}", enc(token)), None)
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(text(res).await.contains("not valid"));
        let res = use_link(&app, token, STRONG).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(res.headers().get(header::SET_COOKIE).is_none());
    }
    // The signed-out pages render; a bad link's page says so, as a 400.
    assert_eq!(app.get("/forgot", None).await.status(), StatusCode::OK);
    let res = app.get("/set-password?token=abc", None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = text(res).await;
    assert!(
        page.contains("This link cannot be used") && page.contains("not valid"),
        "{page}"
    );
}

#[tokio::test]
async fn forgot_is_limited_per_network_without_saying_anything_about_accounts() {
    let app = app().await;
    let ip = "192.0.2.44";
    for _ in 0..app::auth::service::links::FORGOT_PER_IP {
        let res = post_from(&app, ip, "/api/forgot_password", "email=x%40tend.example".into()).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let res = post_from(&app, ip, "/api/forgot_password", "email=employee%40tend.example".into()).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(text(res).await.contains("Too many requests"));
    let other = post_from(
        &app,
        "192.0.2.45",
        "/api/forgot_password",
        "email=x%40tend.example".into(),
    )
    .await;
    assert_eq!(other.status(), StatusCode::OK, "another network is not affected");
}

async fn post_json(app: &TestApp, path: &str, body: String, cookie: &str) -> Response<Body> {
    let req = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

async fn unit_of(app: &TestApp, email: &str) -> String {
    let mut res = app
        .db
        .query("SELECT VALUE record::id(org_unit) FROM person WHERE email = $e")
        .bind(("e", email.to_owned()))
        .await
        .unwrap();
    let u: Vec<String> = res.take(0).unwrap();
    u[0].clone()
}

async fn manager_key(app: &TestApp) -> String {
    format!("p{}", app.demo.manager)
}
