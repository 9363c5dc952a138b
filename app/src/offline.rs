//! Browser-only offline capture: IndexedDB storage, the outbox runtime that
//! drains it to the server one tab at a time, and the service worker's
//! registration. The rules it follows live in `capture::outbox`.

pub mod idb;
pub mod lock;
pub mod runtime;
pub mod store;
pub mod transport;

/// Milliseconds since 1970 by the browser's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A fresh UUIDv7 from the clock and the browser's crypto random source.
pub fn new_id() -> String {
    let mut rand = [0u8; 10];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut rand);
    }
    crate::shared::uuid7::format(now_ms() as u64, rand)
}

/// Registers the service worker that keeps the capture page available offline.
pub fn register_service_worker() {
    if let Some(w) = web_sys::window() {
        let sw = w.navigator().service_worker();
        let _ = sw.register("/sw.js");
    }
}

/// Where the capture page keeps its people and key results for offline use.
pub const CONTEXT_KEY: &str = "tend-capture-context";

/// Forgets the pages and capture context cached for offline use: they were
/// made for whoever was signed in. (Outboxes stay: each is its owner's.)
pub fn forget_cached_pages() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(CONTEXT_KEY);
    }
    if let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) {
        let names = caches.keys();
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(list) = wasm_bindgen_futures::JsFuture::from(names).await else {
                return;
            };
            for name in js_sys::Array::from(&list).iter() {
                if name.as_string().is_some_and(|n| n.starts_with("tend-pages")) {
                    let _ = wasm_bindgen_futures::JsFuture::from(caches.delete(&name.as_string().unwrap_or_default()))
                        .await;
                }
            }
        });
    }
}

/// The localStorage key holding how many items `user` has not synced, read
/// by the sign-out button to warn before leaving.
pub fn pending_key(user: &str) -> String {
    format!("tend-pending:{user}")
}

pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}
