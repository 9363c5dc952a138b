//! One tab at a time drains the outbox: the Web Locks API where the browser
//! has it, otherwise a lease in localStorage. Two tabs that both send anyway
//! are still safe (the server upserts by client id); the lock saves the
//! duplicate traffic.

use std::future::Future;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

const LEASE_MS: i64 = 20_000;

/// Runs `work` if no other tab holds `name`; returns whether it ran.
pub async fn with_lock<F, Fut>(name: &str, work: F) -> bool
where
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    match web_locks() {
        Some((locks, request)) => {
            let opts = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&opts, &"ifAvailable".into(), &JsValue::TRUE);
            let cb = Closure::once_into_js(move |lock: JsValue| -> js_sys::Promise {
                if lock.is_null() {
                    return js_sys::Promise::resolve(&JsValue::FALSE);
                }
                future_to_promise(async move {
                    work().await;
                    Ok(JsValue::TRUE)
                })
            });
            match request.call3(&locks, &name.into(), &opts, cb.unchecked_ref()) {
                Ok(p) => JsFuture::from(js_sys::Promise::from(p))
                    .await
                    .map(|v| v.is_truthy())
                    .unwrap_or(false),
                Err(_) => false,
            }
        }
        None => {
            if !take_lease(name) {
                return false;
            }
            work().await;
            release_lease(name);
            true
        }
    }
}

fn web_locks() -> Option<(JsValue, js_sys::Function)> {
    let nav = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&nav, &"locks".into())
        .ok()
        .filter(|l| !l.is_undefined())?;
    let request = js_sys::Reflect::get(&locks, &"request".into()).ok()?.dyn_into().ok()?;
    Some((locks, request))
}

/// Renews the fallback lease while a long drain runs.
pub fn renew(name: &str) {
    if web_locks().is_none() {
        if let Some(s) = super::local_storage() {
            let _ = s.set_item(&lease_key(name), &(super::now_ms() + LEASE_MS).to_string());
        }
    }
}

fn lease_key(name: &str) -> String {
    format!("tend-lease:{name}")
}

fn take_lease(name: &str) -> bool {
    let Some(s) = super::local_storage() else { return true };
    let now = super::now_ms();
    let held = s
        .get_item(&lease_key(name))
        .ok()
        .flatten()
        .and_then(|v| v.parse::<i64>().ok())
        .is_some_and(|until| until > now);
    if held {
        return false;
    }
    let _ = s.set_item(&lease_key(name), &(now + LEASE_MS).to_string());
    true
}

fn release_lease(name: &str) {
    if let Some(s) = super::local_storage() {
        let _ = s.remove_item(&lease_key(name));
    }
}
