//! Browser-side defences by default (issue 22): every page carries a
//! Content Security Policy whose nonce is the one on its inline scripts,
//! and behind an https proxy cookies are `Secure` and HSTS is sent.

mod common;

use axum::body::Body;
use common::*;

#[tokio::test]
async fn a_page_allows_only_its_own_nonced_inline_scripts() {
    let t = app().await;
    let cookie = t.cookie_for("employee@tend.example").await;
    for path in ["/login", "/"] {
        let c = (path != "/login").then_some(cookie.as_str());
        let res = t.get(path, c).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let policy = res
            .headers()
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap_or_else(|| panic!("{path} has no policy"))
            .to_str()
            .unwrap()
            .to_owned();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the policy")
            .to_owned();
        assert!(nonce.len() >= 16, "{nonce}");
        assert!(!policy.contains("script-src 'self' 'unsafe-inline'"), "{policy}");
        let html = text(res).await;
        let scripts: Vec<&str> = html.split("<script").skip(1).collect();
        assert!(!scripts.is_empty(), "{path} hydrates with inline scripts");
        for s in scripts {
            let tag = s.split('>').next().unwrap_or("");
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: <script{tag}> lacks the nonce"
            );
        }
    }
    // A new page, a new nonce.
    let a = t.get("/login", None).await;
    let b = t.get("/login", None).await;
    assert_ne!(
        a.headers()[header::CONTENT_SECURITY_POLICY],
        b.headers()[header::CONTENT_SECURITY_POLICY]
    );
}

#[tokio::test]
async fn behind_https_cookies_are_secure_and_hsts_is_sent() {
    let t = app().await;
    let login = |proto: Option<&'static str>| {
        let mut req = Request::post("/api/login")
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(p) = proto {
            req = req.header("x-forwarded-proto", p);
        }
        req.body(Body::from(format!(
            "email=employee%40tend.example&password={DEMO_PASSWORD}"
        )))
        .unwrap()
    };
    let res = t.send(login(Some("https"))).await;
    let set = res.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(set.contains("Secure"), "{set}");
    assert_eq!(res.headers()[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000");

    let res = t.send(login(None)).await;
    let set = res.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(!set.contains("Secure"), "plain http: {set}");
    assert!(res.headers().get(header::STRICT_TRANSPORT_SECURITY).is_none());
}
