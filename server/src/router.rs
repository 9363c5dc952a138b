//! The axum router: Leptos pages and server functions behind Tend's
//! middleware stack.

use crate::middleware::{auth_gate, body_limit, cache_headers, hsts, origin_check, server_fn_errors, UPLOAD_BODY};
use app::server::state::AppState;
use app::{shell, App};
use axum::http::{header, HeaderValue};
use axum::{middleware, Router};
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted, except the people file upload
/// (`middleware::body_limit`). Tend's forms are small; anything bigger is a
/// mistake or an attack.
pub const MAX_BODY: usize = 64 * 1024;

/// Builds the whole application. Layers run outermost-last: compression,
/// body limit, security headers, Origin check, auth gate, error statuses.
pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/api/live", axum::routing::get(crate::live::stream))
        .route(crate::sso::START, axum::routing::get(crate::sso::start))
        .route(crate::sso::CALLBACK, axum::routing::get(crate::sso::callback))
        .route("/reviews/export.csv", axum::routing::get(crate::export::reviews))
        .route("/people/export.csv", axum::routing::get(crate::export::people))
        .route(
            "/reviews/calibration.csv",
            axum::routing::get(crate::export::calibration),
        )
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(body_limit))
        .layer(middleware::from_fn(server_fn_errors))
        .layer(middleware::from_fn_with_state(state.clone(), auth_gate))
        .layer(middleware::from_fn(origin_check))
        .layer(middleware::from_fn(cache_headers))
        .layer(middleware::from_fn(hsts))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(RequestBodyLimitLayer::new(UPLOAD_BODY))
        .layer(CompressionLayer::new())
        .with_state(state)
}
