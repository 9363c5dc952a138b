//! The harness shared by the HTTP test files: a seeded `mem://` store behind
//! the whole axum router, and request helpers.
#![allow(dead_code)]

pub use app::server::db::{connect, Db, DbConfig};
pub use app::server::schema;
pub use app::server::seed;
pub use app::server::seed::plan::{plan, DemoAccounts};
pub use app::server::seed::DEMO_PASSWORD;
pub use app::server::state::AppState;
pub use axum::body::Body;
pub use axum::http::{header, Request, Response, StatusCode};
pub use axum::Router;
pub use http_body_util::BodyExt;
pub use std::sync::atomic::{AtomicUsize, Ordering};
pub use tower::ServiceExt;

mod sse;
#[allow(unused_imports)] // not every test file reads a live stream
pub use sse::*;

pub const HOST: &str = "127.0.0.1:3000";
pub const ORIGIN: &str = "http://127.0.0.1:3000";
pub const PEOPLE: usize = 60;

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    pub demo: DemoAccounts,
}

pub async fn app() -> TestApp {
    app_seeded(false).await
}

pub async fn app_seeded(goals: bool) -> TestApp {
    app_with(goals, None).await
}

/// A test app whose mail goes to `mail` (by default, an outbox folder of the test process's own).
pub async fn app_with(goals: bool, mail: Option<app::email::transport::Mail>) -> TestApp {
    app_configured(goals, mail, |s| s).await
}

/// A test app whose state `configure` finishes (single sign-on, say).
pub async fn app_configured(
    goals: bool,
    mail: Option<app::email::transport::Mail>,
    configure: impl FnOnce(AppState) -> AppState,
) -> TestApp {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let ns = format!("http_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
    let db = connect(&DbConfig::memory(&ns)).await.unwrap();
    schema::migrate(&db).await.unwrap();
    seed::run(&db, PEOPLE, 42, goals, |_, _, _| {}).await.unwrap();
    let mut options = server::config::leptos_options(HOST.parse().unwrap());
    options.site_root = site_root().into();
    options.hash_files = false;
    let mail = mail.unwrap_or_else(|| {
        let dir = std::env::temp_dir().join(format!("tend-http-outbox-{}", std::process::id()));
        app::email::transport::Mail::folder(dir, ORIGIN)
    });
    let state = configure(AppState::new(options, db.clone(), false).with_mail(std::sync::Arc::new(mail)));
    let router = server::router::build(state);
    // As `tend serve` does: dashboards count writes once they are folded.
    tokio::spawn(app::stats::fold::run(db.clone()));
    TestApp {
        router,
        db,
        demo: plan(PEOPLE, 42).demo,
    }
}

/// A site folder of the test's own, so the tests never depend on whether
/// (or which) front end the build left in `target/site`: it holds only the
/// service worker template from `public/`.
pub fn site_root() -> String {
    static ROOT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("tend-http-site-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let template = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/sw.js");
        std::fs::copy(template, dir.join("sw.js")).unwrap();
        dir.to_string_lossy().into_owned()
    })
    .clone()
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(req).await.unwrap()
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Response<Body> {
        let mut req = Request::get(path)
            .header(header::HOST, HOST)
            .header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn post(&self, path: &str, body: impl Into<Body>, cookie: Option<&str>) -> Response<Body> {
        let mut req = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(body.into()).unwrap()).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Response<Body> {
        self.post(
            "/api/login",
            format!("email={}&password={password}", email.replace('@', "%40")),
            None,
        )
        .await
    }

    pub async fn cookie_for(&self, email: &str) -> String {
        session_cookie(&self.login(email, DEMO_PASSWORD).await)
    }
}

/// The `name=value` of the session cookie a response sets.
pub fn session_cookie(res: &Response<Body>) -> String {
    let set = res
        .headers()
        .get(header::SET_COOKIE)
        .expect("a session cookie is set")
        .to_str()
        .unwrap();
    set.split(';').next().unwrap().to_owned()
}

pub async fn text(res: Response<Body>) -> String {
    String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
}

pub fn location(res: &Response<Body>) -> &str {
    res.headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap())
        .unwrap_or("")
}

pub async fn post_json(app: &TestApp, path: &str, body: &str, cookie: Option<&str>) -> Response<Body> {
    let mut req = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    app.send(req.body(Body::from(body.to_owned())).unwrap()).await
}
