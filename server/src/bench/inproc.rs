//! Tend's whole router served in this process, for benchmarks that sign in
//! as many different people: a session is opened for anyone by their index,
//! with no password round trip.

use app::server::db::Db;
use app::server::state::AppState;
use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const HOST: &str = "127.0.0.1:3000";

#[derive(Clone)]
pub struct InProc {
    pub router: Router,
    db: Db,
}

impl InProc {
    pub fn new(db: &Db) -> Result<Self, String> {
        let options = crate::config::leptos_options(HOST.parse().map_err(|_| "address")?);
        Ok(InProc {
            router: crate::router::build(AppState::new(options, db.clone(), false)),
            db: db.clone(),
        })
    }

    /// A session cookie of the person at `index` (`p{index}`).
    pub async fn cookie(&self, index: usize) -> Result<String, String> {
        let id = app::shared::ids::PersonId::parse(&format!("p{index}")).ok_or("id")?;
        let token = app::auth::service::open_session(&self.db, &id)
            .await
            .map_err(|e| e.to_string())?;
        Ok(format!("tend_session={token}"))
    }

    /// Posts to a server function (JSON when `body` is an object, a form
    /// otherwise); the answer's size, or the status and answer on failure.
    pub async fn post(&self, path: &str, body: String, cookie: &str) -> Result<usize, String> {
        let kind = if body.starts_with('{') {
            "application/json"
        } else {
            "application/x-www-form-urlencoded"
        };
        let req = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, kind)
            .body(Body::from(body))
            .map_err(|e| e.to_string())?;
        let res = self.router.clone().oneshot(req).await.map_err(|e| e.to_string())?;
        let status = res.status();
        let bytes = res.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
        if !status.is_success() {
            return Err(format!("{path} answered {status}: {}", String::from_utf8_lossy(&bytes)));
        }
        Ok(bytes.len())
    }
}
