//! Sends a batch of items to the server with `fetch`, returning the HTTP
//! status (or none) and the body, so `capture::outbox::classify_batch` can
//! tell a refusal from a failure worth retrying.

use crate::capture::model::CaptureItem;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const TIMEOUT_MS: u32 = 15_000;

pub async fn send(items: &[CaptureItem]) -> (Option<u16>, String) {
    let body = serde_json::json!({ "items": items }).to_string();
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    if let Ok(h) = web_sys::Headers::new() {
        let _ = h.set("Content-Type", "application/json");
        let _ = h.set("Accept", "application/json");
        init.set_headers(&h);
    }
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    let Some(w) = web_sys::window() else {
        return (None, String::new());
    };
    let Ok(resp) = JsFuture::from(w.fetch_with_str_and_init("/api/sync_capture", &init)).await else {
        return (None, String::new());
    };
    let resp: web_sys::Response = resp.unchecked_into();
    let text = match resp.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    (Some(resp.status()), text)
}
