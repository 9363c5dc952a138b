//! The browser end of `GET /api/live`: an `EventSource` that calls back when
//! figures this viewer may see have changed. EventSource reconnects by itself
//! and sends `Last-Event-ID`, so the server can tell it what it missed.
//! One stream per page; the page stops it when it goes away.

use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

struct Stream {
    source: web_sys::EventSource,
    _on_change: Closure<dyn Fn(web_sys::Event)>,
    _on_ready: Closure<dyn Fn(web_sys::Event)>,
}

thread_local! {
    static CURRENT: RefCell<Option<Stream>> = const { RefCell::new(None) };
}

/// Opens the stream; `changed` runs after each change, and after a
/// reconnection (when the server could not say exactly what was missed).
pub fn start(changed: impl Fn() + Clone + 'static) {
    stop();
    let Ok(source) = web_sys::EventSource::new("/api/live") else {
        return;
    };
    let on_change = {
        let changed = changed.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |_| changed())
    };
    let seen_ready = std::cell::Cell::new(false);
    let on_ready = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        // Marks the page as listening, for people (and tests) who want to know.
        if let Some(body) = leptos::prelude::document().body() {
            let _ = body.set_attribute("data-live", "on");
        }
        if seen_ready.replace(true) {
            changed();
        }
    });
    let _ = source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("ready", on_ready.as_ref().unchecked_ref());
    CURRENT.with(|c| {
        *c.borrow_mut() = Some(Stream {
            source,
            _on_change: on_change,
            _on_ready: on_ready,
        })
    });
}

/// Closes the stream, if one is open.
pub fn stop() {
    CURRENT.with(|c| {
        if let Some(s) = c.borrow_mut().take() {
            s.source.close();
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.remove_attribute("data-live");
            }
        }
    });
}
