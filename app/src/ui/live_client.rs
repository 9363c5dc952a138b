//! The browser end of `GET /api/live`: one `EventSource` per page, shared
//! by every component that listens (a dashboard, the home page, the unread
//! badge). It opens with the first listener and closes with the last.
//! EventSource reconnects by itself and sends `Last-Event-ID`, so the server
//! can tell it what it missed; after a reconnection every listener refetches.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

type Callback = Rc<dyn Fn()>;

struct Stream {
    source: web_sys::EventSource,
    _handlers: Vec<Closure<dyn Fn(web_sys::Event)>>,
}

thread_local! {
    static CURRENT: RefCell<Option<Stream>> = const { RefCell::new(None) };
    static LISTENERS: RefCell<Vec<(u32, &'static [&'static str], Callback)>> = const { RefCell::new(Vec::new()) };
    static NEXT: Cell<u32> = const { Cell::new(1) };
}

/// The event names the server sends: `change` (dashboard figures) and `inbox`.
const EVENTS: [&str; 2] = ["change", "inbox"];

fn notify(event: Option<&str>) {
    // Copy the callbacks out first: one may add or remove a listener.
    let due: Vec<Callback> = LISTENERS.with(|l| {
        l.borrow()
            .iter()
            .filter(|(_, events, _)| event.is_none_or(|e| events.contains(&e)))
            .map(|(_, _, cb)| cb.clone())
            .collect()
    });
    for cb in due {
        cb();
    }
}

fn open() {
    let Ok(source) = web_sys::EventSource::new("/api/live") else {
        return;
    };
    let mut handlers = Vec::new();
    for event in EVENTS {
        let h = Closure::<dyn Fn(web_sys::Event)>::new(move |_| notify(Some(event)));
        let _ = source.add_event_listener_with_callback(event, h.as_ref().unchecked_ref());
        handlers.push(h);
    }
    let seen_ready = Cell::new(false);
    let on_ready = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        // Marks the page as listening, for people (and tests) who want to know.
        if let Some(body) = leptos::prelude::document().body() {
            let _ = body.set_attribute("data-live", "on");
        }
        // A second "ready" is a reconnection the server could not replay exactly.
        if seen_ready.replace(true) {
            notify(None);
        }
    });
    let _ = source.add_event_listener_with_callback("ready", on_ready.as_ref().unchecked_ref());
    handlers.push(on_ready);
    CURRENT.with(|c| {
        *c.borrow_mut() = Some(Stream {
            source,
            _handlers: handlers,
        })
    });
}

fn close() {
    CURRENT.with(|c| {
        if let Some(s) = c.borrow_mut().take() {
            s.source.close();
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.remove_attribute("data-live");
            }
        }
    });
}

/// Calls `changed` on each of `events`; returns the id to stop with.
pub fn listen(events: &'static [&'static str], changed: impl Fn() + 'static) -> u32 {
    let id = NEXT.with(|n| n.replace(n.get() + 1));
    LISTENERS.with(|l| l.borrow_mut().push((id, events, Rc::new(changed))));
    if CURRENT.with(|c| c.borrow().is_none()) {
        open();
    }
    id
}

/// Stops a listener; the stream closes with the last one.
pub fn unlisten(id: u32) {
    let empty = LISTENERS.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|(i, _, _)| *i != id);
        l.is_empty()
    });
    if empty {
        close();
    }
}
