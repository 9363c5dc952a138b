//! `tend bench --only oidc`: sign-in through single sign-on, against a real
//! OpenID provider (`OidcProvider`: `end2end/oidc-provider.mjs`, npm
//! `oidc-provider`, after `scripts/setup.sh --with-browser`), through Tend's
//! whole router on an embedded store with a seeded org. Times Tend's two
//! steps (the redirect out, and the callback: code exchange, ID token
//! checks against the issuer's keys, the person, the session) and the whole
//! sign-in as a person waits for it, provider pages included.

use app::auth::service::oidc::{Oidc, OidcSettings, CALLBACK_PATH};
use app::server::oidc_provider::{OidcProvider, CLIENT_ID, CLIENT_SECRET};
use app::server::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, Response};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const PEOPLE: usize = 500;
const SIGN_INS: usize = 200;
const ORIGIN: &str = "http://127.0.0.1:3000";

fn header_of(res: &Response<Body>, name: header::HeaderName) -> Vec<&str> {
    res.headers()
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect()
}

pub async fn measure(root: &Path) -> Result<(), String> {
    let provider = OidcProvider::start(&format!("{ORIGIN}{CALLBACK_PATH}"));
    let dir = root.join("oidc.db");
    let _ = std::fs::remove_dir_all(&dir);
    let db = super::open_store(&dir).await?;
    app::server::seed::run(&db, PEOPLE, 42, false, |_, _, _| {}).await?;
    let oidc = Oidc::new(OidcSettings {
        issuer: provider.issuer(),
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        label: "bench".into(),
        public_url: ORIGIN.into(),
        create_under: None,
    })?;
    let options = crate::config::leptos_options("127.0.0.1:3000".parse().map_err(|_| "address")?);
    let state = AppState::new(options, db, false).with_sso(Some(Arc::new(oidc)), true);
    let router = crate::router::build(state);
    let get = |path: String, cookie: Option<String>, from: Option<std::net::Ipv4Addr>| {
        let router = router.clone();
        async move {
            let mut req = Request::get(path).header(header::HOST, "127.0.0.1:3000");
            if let Some(c) = cookie {
                req = req.header(header::COOKIE, c);
            }
            let mut req = req.body(Body::empty()).map_err(|e| e.to_string())?;
            if let Some(ip) = from {
                let peer = std::net::SocketAddr::from((ip, 40_000));
                req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            }
            router.oneshot(req).await.map_err(|e| e.to_string())
        }
    };
    let (mut out, mut back, mut whole) = (Vec::new(), Vec::new(), Vec::new());
    // The first sign-in reads the provider's metadata and keys; it is timed
    // on its own, the rest with them cached.
    let mut first = None;
    for i in 0..=SIGN_INS {
        let t = Instant::now();
        // 25 sign-ins per address, inside the per-address limit.
        let from = std::net::Ipv4Addr::new(127, 0, 1, (i / 25) as u8 + 1);
        let res = get("/auth/oidc/start".into(), None, Some(from)).await?;
        let t_out = t.elapsed();
        let to = header_of(&res, header::LOCATION)
            .first()
            .copied()
            .unwrap_or_default()
            .to_owned();
        let browser = header_of(&res, header::SET_COOKIE)
            .into_iter()
            .find_map(|c| c.split(';').next().filter(|p| p.starts_with("tend_oidc=")))
            .ok_or("no single sign-on cookie")?
            .to_owned();
        let callback = provider.sign_in(&to, "employee@tend.example").await;
        let path = callback.strip_prefix(ORIGIN).ok_or("not sent back to Tend")?.to_owned();
        let t_cb = Instant::now();
        let res = get(path, Some(browser), None).await?;
        let t_back = t_cb.elapsed();
        let signed_in = header_of(&res, header::SET_COOKIE)
            .iter()
            .any(|c| c.starts_with("tend_session="));
        if !signed_in {
            return Err(format!(
                "sign-in {i} was refused: {:?}",
                header_of(&res, header::LOCATION)
            ));
        }
        if i == 0 {
            first = Some((t_out, t_back));
            continue;
        }
        out.push(t_out);
        back.push(t_back);
        whole.push(t.elapsed());
    }
    if let Some((a, b)) = first {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "first SSO sign-in (reads metadata and keys): out {:.1} ms, back {:.1} ms",
            ms(a),
            ms(b)
        );
    }
    println!("{SIGN_INS} SSO sign-ins, one at a time, {PEOPLE}-person org:");
    super::report("  Tend: redirect to the provider      ", &mut out);
    super::report("  Tend: callback (exchange, verify)   ", &mut back);
    super::report("  whole sign-in, provider pages incl. ", &mut whole);
    Ok(())
}
