//! Single sign-on through a real OpenID provider (npm `oidc-provider`,
//! `end2end/oidc-provider.mjs`), driven through Tend's router: the
//! provider's sign-in page is played as a browser would, and its answer is
//! brought back to Tend's callback. Hand-made attacks spoil the ID token at
//! the provider (tampered, foreign key, unsigned, wrong audience, issuer,
//! nonce, expired) or the callback (wrong state, another browser, replay);
//! each is refused with its message and leaves no session behind.

mod common;

use app::auth::service::oidc::{Oidc, OidcSettings};
use app::server::oidc_provider::{OidcProvider, CLIENT_ID, CLIENT_SECRET};
use common::*;
use std::sync::Arc;

fn settings(issuer: String) -> OidcSettings {
    OidcSettings {
        issuer,
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        label: "Test IdP".into(),
        public_url: ORIGIN.into(),
        create_under: None,
    }
}

fn callback_url() -> String {
    format!("{ORIGIN}{}", app::auth::service::oidc::CALLBACK_PATH)
}

async fn sso_app(provider: &OidcProvider, passwords: bool) -> TestApp {
    let oidc = Arc::new(Oidc::new(settings(provider.issuer())).unwrap());
    app_configured(false, None, move |s| s.with_sso(Some(oidc), passwords)).await
}

/// Every `Set-Cookie` of a response, as `name=value`.
fn set_cookies(res: &Response<Body>) -> Vec<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect()
}

fn sets_session(res: &Response<Body>) -> bool {
    set_cookies(res)
        .iter()
        .any(|c| c.starts_with("tend_session=") && c.len() > "tend_session=".len())
}

async fn sessions(app: &TestApp) -> usize {
    let mut res = app.db.query("SELECT VALUE id FROM session").await.unwrap();
    let ids: Vec<surrealdb::types::RecordId> = res.take(0).unwrap();
    ids.len()
}

/// Starts a sign-in at Tend, signs in at the provider as `login`, and
/// returns Tend's callback path and the browser's binding cookie.
async fn through_provider(app: &TestApp, provider: &OidcProvider, login: &str, next: &str) -> (String, String) {
    let res = app.get(&format!("/auth/oidc/start?next={next}"), None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = location(&res).to_owned();
    assert!(to.starts_with(&provider.issuer()), "{to}");
    assert!(to.contains("code_challenge_method=S256") && to.contains("nonce=") && to.contains("state="));
    let browser = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("tend_oidc="))
        .expect("the browser is bound to the attempt");
    let back = provider.sign_in(&to, login).await;
    let path = back.strip_prefix(ORIGIN).expect("sent back to Tend").to_owned();
    (path, browser)
}

#[tokio::test]
async fn a_verified_email_signs_in_once_and_the_answer_cannot_be_replayed() {
    let provider = OidcProvider::start(&callback_url());
    let app = sso_app(&provider, true).await;
    let (path, browser) = through_provider(&app, &provider, "Employee@Tend.example", "/goals").await;
    let res = app.get(&path, Some(&browser)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/goals");
    assert!(sets_session(&res));
    let cookie = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("tend_session="))
        .unwrap();
    let me = app.post("/api/me", "", Some(&cookie)).await;
    assert_eq!(me.status(), StatusCode::OK);
    assert!(text(me).await.contains("employee@tend.example"));
    // The same answer again (a replay, or the back button): refused.
    let before = sessions(&app).await;
    let again = app.get(&path, Some(&browser)).await;
    assert_eq!(location(&again), "/login?sso=state");
    assert!(!sets_session(&again));
    assert_eq!(sessions(&app).await, before);
}

#[tokio::test]
async fn an_email_left_out_of_the_id_token_is_read_from_userinfo() {
    let provider = OidcProvider::start(&callback_url());
    let app = sso_app(&provider, true).await;
    let (path, browser) = through_provider(&app, &provider, "manager@tend.example", "/").await;
    provider.spoil_next_token("no-email").await;
    let res = app.get(&path, Some(&browser)).await;
    assert_eq!(location(&res), "/");
    assert!(sets_session(&res));
}

/// Each spoiled answer is refused with `reason`, sets no session cookie
/// and stores no session.
async fn assert_refused(app: &TestApp, res: Response<Body>, reason: &str, before: usize) {
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/login?sso={reason}"));
    assert!(!sets_session(&res), "{:?}", set_cookies(&res));
    assert_eq!(sessions(app).await, before, "{reason}: a session was stored");
}

#[tokio::test]
async fn spoiled_id_tokens_are_refused_and_leave_no_session() {
    let provider = OidcProvider::start(&callback_url());
    let app = sso_app(&provider, true).await;
    let before = sessions(&app).await;
    for mode in [
        "tamper",
        "foreign-key",
        "alg-none",
        "wrong-aud",
        "wrong-iss",
        "expired",
        "wrong-nonce",
    ] {
        let (path, browser) = through_provider(&app, &provider, "employee@tend.example", "/").await;
        provider.spoil_next_token(mode).await;
        let res = app.get(&path, Some(&browser)).await;
        assert_refused(&app, res, "token", before).await;
    }
}

#[tokio::test]
async fn rotated_keys_are_read_again_but_not_more_than_once_a_minute() {
    let provider = OidcProvider::start(&callback_url());
    // At most once a minute (the default): the keys read a moment ago stand,
    // so a token signed with a key they lack is refused.
    let app = sso_app(&provider, true).await;
    let (path, browser) = through_provider(&app, &provider, "employee@tend.example", "/").await;
    provider.spoil_next_token("rotate").await;
    let before = sessions(&app).await;
    assert_refused(&app, app.get(&path, Some(&browser)).await, "token", before).await;
    // Allowed to re-read at once (and a provider that has not rotated yet,
    // so the keys cached at the start lack the new one): the new key is
    // found and the sign-in goes through.
    let provider = OidcProvider::start(&callback_url());
    let oidc = Oidc::new(settings(provider.issuer())).unwrap();
    let oidc = Arc::new(oidc.refreshing_keys_after(std::time::Duration::ZERO));
    let app = app_configured(false, None, move |s| s.with_sso(Some(oidc), true)).await;
    let (path, browser) = through_provider(&app, &provider, "employee@tend.example", "/").await;
    provider.spoil_next_token("rotate").await;
    let res = app.get(&path, Some(&browser)).await;
    assert!(sets_session(&res), "{}", location(&res));
}

#[tokio::test]
async fn a_wrong_state_another_browser_or_a_cancel_is_refused() {
    let provider = OidcProvider::start(&callback_url());
    let app = sso_app(&provider, true).await;
    let before = sessions(&app).await;
    // A state Tend never issued.
    let (path, browser) = through_provider(&app, &provider, "employee@tend.example", "/").await;
    let forged = path.replace("state=", "state=x");
    assert_refused(&app, app.get(&forged, Some(&browser)).await, "state", before).await;
    // The right answer in a browser that did not start it (a link an
    // attacker sends to sign the victim in as the attacker).
    let (path, _browser) = through_provider(&app, &provider, "employee@tend.example", "/").await;
    assert_refused(&app, app.get(&path, None).await, "state", before).await;
    let (path, _browser) = through_provider(&app, &provider, "employee@tend.example", "/").await;
    let other = "tend_oidc=".to_owned() + &"0".repeat(64);
    assert_refused(&app, app.get(&path, Some(&other)).await, "state", before).await;
    // The person cancelled at the provider.
    let res = app.get("/auth/oidc/start", None).await;
    let browser = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("tend_oidc="))
        .unwrap();
    let state = location(&res)
        .split("state=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    let cancelled = format!("/auth/oidc/callback?error=access_denied&state={state}");
    assert_refused(&app, app.get(&cancelled, Some(&browser)).await, "cancelled", before).await;
    // Garbage in the query.
    assert_refused(
        &app,
        app.get("/auth/oidc/callback?code=%ZZ", None).await,
        "state",
        before,
    )
    .await;
}

#[tokio::test]
async fn unverified_unknown_and_departed_people_are_refused() {
    let provider = OidcProvider::start(&callback_url());
    let app = sso_app(&provider, true).await;
    let before = sessions(&app).await;
    let cases = [
        ("unverified:employee@tend.example", "unverified"),
        ("stranger@elsewhere.example", "unknown"),
    ];
    for (login, reason) in cases {
        let (path, browser) = through_provider(&app, &provider, login, "/").await;
        assert_refused(&app, app.get(&path, Some(&browser)).await, reason, before).await;
    }
    app.db
        .query("UPDATE person SET left_on = '2026-01-31' WHERE email = 'manager@tend.example'")
        .await
        .unwrap()
        .check()
        .unwrap();
    let (path, browser) = through_provider(&app, &provider, "manager@tend.example", "/").await;
    assert_refused(&app, app.get(&path, Some(&browser)).await, "left", before).await;
    // Each refusal has its own words on the sign-in page.
    let page = text(app.get("/login?sso=unknown", None).await).await;
    assert!(page.contains("nobody in Tend has that email address"), "{page}");
}

#[tokio::test]
async fn with_just_in_time_creation_a_newcomer_joins_the_named_team() {
    let provider = OidcProvider::start(&callback_url());
    let mut s = settings(provider.issuer());
    s.create_under = Some("HR@tend.example".into());
    let oidc = Arc::new(Oidc::new(s).unwrap());
    let app = app_configured(false, None, move |s| s.with_sso(Some(oidc), true)).await;
    let (path, browser) = through_provider(&app, &provider, "newcomer@tend.example", "/").await;
    let res = app.get(&path, Some(&browser)).await;
    assert!(sets_session(&res), "{}", location(&res));
    let cookie = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("tend_session="))
        .unwrap();
    let me = text(app.post("/api/me", "", Some(&cookie)).await).await;
    assert!(me.contains("newcomer@tend.example"), "{me}");
    // They report to HR's demo admin, and an unverified email is still refused.
    let mut res = app
        .db
        .query("SELECT VALUE ->reports_to->person.email FROM person WHERE email = 'newcomer@tend.example'")
        .await
        .unwrap();
    let managers: Vec<Vec<String>> = res.take(0).unwrap();
    assert_eq!(managers, vec![vec!["hr@tend.example".to_owned()]]);
    let before = sessions(&app).await;
    let (path, browser) = through_provider(&app, &provider, "unverified:other@tend.example", "/").await;
    assert_refused(&app, app.get(&path, Some(&browser)).await, "unverified", before).await;
}

#[tokio::test]
async fn with_password_sign_in_off_only_single_sign_on_opens_tend() {
    let provider = OidcProvider::start(&callback_url());
    let app = sso_app(&provider, false).await;
    let res = app.login("employee@tend.example", DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(!sets_session(&res));
    assert!(text(res).await.contains("everyone signs in with Test IdP"));
    let res = app
        .post("/api/forgot_password", "email=employee%40tend.example", None)
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let page = text(app.get("/login", None).await).await;
    assert!(page.contains("Sign in with Test IdP"), "{page}");
    assert!(!page.contains("type=\"password\""), "the password form is gone");
    // HR, signed in by SSO, cannot invite anyone to choose a password.
    let (path, browser) = through_provider(&app, &provider, "hr@tend.example", "/").await;
    let res = app.get(&path, Some(&browser)).await;
    let hr = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("tend_session="))
        .unwrap();
    let res = app
        .post(
            "/api/send_invitation",
            format!("person=p{}", app.demo.employee),
            Some(&hr),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(text(res).await.contains("Password sign-in is off"));
    // ... and is not offered to: the person's page and the add form say nothing of invitations.
    let admin = format!("/people/p{}/admin", app.demo.employee);
    let page = text(app.get(&admin, Some(&hr)).await).await;
    assert!(
        page.contains("Record a leaver") || page.contains("Reports to"),
        "{page}"
    );
    assert!(!page.contains("Send an invitation"));
    let page = text(app.get("/people/new", Some(&hr)).await).await;
    assert!(page.contains("Add the person"), "{page}");
    assert!(!page.contains("invitation to choose a password"));
}

#[tokio::test]
async fn one_address_starts_only_so_many_attempts() {
    let provider = OidcProvider::start(&callback_url());
    let app = sso_app(&provider, true).await;
    for _ in 0..app::auth::service::oidc::STARTS_PER_ADDRESS {
        let res = app.get("/auth/oidc/start", None).await;
        assert!(location(&res).starts_with(&provider.issuer()));
    }
    let res = app.get("/auth/oidc/start", None).await;
    assert_eq!(location(&res), "/login?sso=busy");
    assert!(!set_cookies(&res)
        .iter()
        .any(|c| c.starts_with("tend_oidc=") && c.len() > 10));
}

#[tokio::test]
async fn an_unreachable_provider_or_no_provider_is_said_plainly() {
    // Nothing listens on port 9 of loopback.
    let oidc = Arc::new(Oidc::new(settings("http://127.0.0.1:9".into())).unwrap());
    let app = app_configured(false, None, move |s| s.with_sso(Some(oidc), true)).await;
    let res = app.get("/auth/oidc/start", None).await;
    assert_eq!(location(&res), "/login?sso=unavailable");
    let page = text(app.get("/login", None).await).await;
    assert!(page.contains("Sign in with Test IdP") && page.contains("type=\"password\""));
    // With passwords on, HR is offered invitations.
    let hr = app.cookie_for("hr@tend.example").await;
    let admin = format!("/people/p{}/admin", app.demo.employee);
    assert!(text(app.get(&admin, Some(&hr)).await)
        .await
        .contains("Send an invitation"));
    // Without single sign-on the routes do not exist, and the page has no button.
    let plain = common::app().await;
    assert_eq!(
        plain.get("/auth/oidc/start", None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(!text(plain.get("/login", None).await).await.contains("Sign in with"));
    // Settings that cannot work are refused with what to write.
    let mut bad = settings("not a url".into());
    assert!(Oidc::new(bad.clone()).err().unwrap().contains("TEND_OIDC_ISSUER"));
    bad.issuer = "https://login.example".into();
    bad.client_secret.clear();
    assert!(Oidc::new(bad).err().unwrap().contains("TEND_OIDC_CLIENT_SECRET"));
}
