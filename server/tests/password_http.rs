//! Changing one's password (issue 23, 5): the current password is required
//! and guesses at it are rate-limited like sign-in, the new one must pass
//! the policy, and every other session of the person ends.

mod common;

use common::*;

const NEW: &str = "river-otter-pancake-42";

fn body(current: &str, new: &str) -> String {
    let enc = |s: &str| app::shared::url::percent_encode(s, b"");
    format!("current={}&new={}", enc(current), enc(new))
}

#[tokio::test]
async fn a_password_change_needs_the_current_one_and_ends_the_other_sessions() {
    let app = app().await;
    let here = app.cookie_for("employee@tend.example").await;
    let elsewhere = app.cookie_for("employee@tend.example").await;

    let res = app
        .post("/api/change_password", body("wrong password", NEW), Some(&here))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(text(res).await.contains("not your current password"));
    let res = app
        .post("/api/change_password", body("tend-demo", "password1234"), Some(&here))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(text(res).await.contains("guessed first"));
    // Signed out: nothing to change.
    let res = app.post("/api/change_password", body("tend-demo", NEW), None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let res = app
        .post("/api/change_password", body("tend-demo", NEW), Some(&here))
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", text(res).await);
    assert_eq!(
        app.post("/api/me", "", Some(&here)).await.status(),
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        app.post("/api/me", "", Some(&elsewhere)).await.status(),
        StatusCode::UNAUTHORIZED,
        "the other session ended"
    );
    assert_eq!(
        app.login("employee@tend.example", "tend-demo").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let res = app.login("employee@tend.example", NEW).await;
    assert!(
        res.status().is_redirection() || res.status().is_success(),
        "{}",
        res.status()
    );
}

#[tokio::test]
async fn guessing_the_current_password_is_limited_like_sign_in() {
    let app = app().await;
    let cookie = app.cookie_for("manager@tend.example").await;
    let mut limited = false;
    for i in 0..8 {
        let res = app
            .post(
                "/api/change_password",
                body(&format!("guess number {i}"), NEW),
                Some(&cookie),
            )
            .await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = true;
            break;
        }
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    }
    assert!(limited, "guesses at the current password are rate-limited");
}
