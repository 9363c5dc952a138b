//! A leaver's access ends at once (issue 22, 3): HR records that someone
//! left, and their open live stream closes, their old cookie no longer
//! opens anything, and their password no longer signs in. A manager who
//! left keeps no reach over their former team.

mod common;

use common::*;

async fn record_left(app: &TestApp, hr: &str, who: usize) {
    let today = app::shared::date::Day::today();
    let res = app
        .post(
            "/api/record_hr_event",
            format!("person=p{who}&kind=left_voluntary&day={today}&reason=Moved%20on"),
            Some(hr),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", text(res).await);
}

#[tokio::test]
async fn a_leavers_stream_session_and_password_stop_working_at_once() {
    let app = app().await;
    let hr = app.cookie_for("hr@tend.example").await;
    let cookie = app.cookie_for("employee@tend.example").await;
    let mut body = live(&app, Some(&cookie), None).await.into_body();
    sse_until(&mut body, "event: ready", 5).await;
    record_left(&app, &hr, app.demo.employee).await;
    // Ends well inside the stream's one-minute re-check: nothing else wakes it.
    loop {
        match sse_next(&mut body, 5).await {
            None => break,
            Some(text) => assert!(!text.contains("event: change"), "sent after leaving: {text}"),
        }
    }
    assert_eq!(live(&app, Some(&cookie), None).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.post("/api/me", "", Some(&cookie)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let page = app.get("/", Some(&cookie)).await;
    assert!(location(&page).starts_with("/login"), "{}", location(&page));
    let res = app.login("employee@tend.example", DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.headers().get(header::SET_COOKIE).is_none());
    assert!(text(res).await.contains("account is closed"));
    // A wrong password says nothing about the account.
    let res = app.login("employee@tend.example", "not-the-password").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_manager_who_left_reaches_nobody_they_managed() {
    let app = app().await;
    let hr = app.cookie_for("hr@tend.example").await;
    let manager = app.cookie_for("manager@tend.example").await;
    let report = format!("id=p{}", app.demo.employee);
    assert_eq!(
        app.post("/api/person", report.clone(), Some(&manager)).await.status(),
        StatusCode::OK,
        "before: the manager reads their report"
    );
    record_left(&app, &hr, app.demo.manager).await;
    assert_eq!(
        app.post("/api/person", report, Some(&manager)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // HR still reads the leaver's record.
    let res = app
        .post("/api/person", format!("id=p{}", app.demo.manager), Some(&hr))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}
