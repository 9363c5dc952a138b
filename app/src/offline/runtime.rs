//! The outbox runtime: keeps the page's view of the outbox current, saves
//! captured items durably before saying "saved", and drains them to the
//! server in order, one tab at a time, backing off with jitter when the
//! server can't be reached. A failed request counts as offline, whatever
//! the browser's online flag says.

use super::store::Store;
use super::{lock, transport};
use crate::capture::model::{CaptureItem, CapturePayload};
use crate::capture::outbox::{classify_batch, due_batch, next_due, pending, Entry, Outcome, Status};
use crate::capture::state::OutboxView;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub struct Runtime {
    user: String,
    store: Store,
    view: OutboxView,
    draining: Cell<bool>,
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Runtime>>> = const { RefCell::new(None) };
}

fn current() -> Option<Rc<Runtime>> {
    CURRENT.with(|c| c.borrow().clone())
}

fn is_current(rt: &Rc<Runtime>) -> bool {
    current().is_some_and(|c| Rc::ptr_eq(&c, rt))
}

fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Opens `user`'s outbox and starts syncing it while the page is open.
pub fn start(user: String, view: OutboxView) {
    wasm_bindgen_futures::spawn_local(async move {
        let store = Store::open(&user).await;
        let rt = Rc::new(Runtime {
            user,
            store,
            view,
            draining: Cell::new(false),
        });
        CURRENT.with(|c| *c.borrow_mut() = Some(rt.clone()));
        let last = rt.store.meta("last_sync").await.and_then(|v| v.parse().ok());
        let _ = view.last_sync.try_set(last);
        rt.refresh().await;
        let _ = view.ready.try_set(true);
        listen_for_connection(&rt);
        tick(rt).await;
    });
}

/// Stops syncing from this page (it is being left).
pub fn stop() {
    CURRENT.with(|c| *c.borrow_mut() = None);
}

fn listen_for_connection(rt: &Rc<Runtime>) {
    let Some(w) = web_sys::window() else { return };
    let view = rt.view;
    let on_online = Closure::<dyn Fn()>::new(move || {
        let _ = view.online.try_set(true);
        sync_now();
    });
    let on_offline = Closure::<dyn Fn()>::new(move || {
        let _ = view.online.try_set(false);
    });
    let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    let _ = w.add_event_listener_with_callback("offline", on_offline.as_ref().unchecked_ref());
    on_online.forget();
    on_offline.forget();
    let _ = view.online.try_set(w.navigator().on_line());
}

/// Once a second: pick up other tabs' changes and send whatever is due.
async fn tick(rt: Rc<Runtime>) {
    let mut n = 0u32;
    while is_current(&rt) {
        if !rt.draining.get() {
            if n.is_multiple_of(3) {
                rt.refresh().await;
            }
            let due = rt
                .view
                .entries
                .try_with_untracked(|es| next_due(es, super::now_ms()).is_some());
            if due == Some(true) {
                rt.clone().drain().await;
            }
        }
        n = n.wrapping_add(1);
        TimeoutFuture::new(1_000).await;
    }
}

impl Runtime {
    fn lock_name(&self) -> String {
        format!("tend-outbox:{}", self.user)
    }

    async fn refresh(&self) {
        let (entries, bad) = self.store.load().await;
        self.publish(entries, bad);
    }

    fn publish(&self, entries: Vec<Entry>, bad: Vec<crate::capture::outbox::Quarantined>) {
        if let Some(s) = super::local_storage() {
            let _ = s.set_item(&super::pending_key(&self.user), &pending(&entries).to_string());
        }
        let _ = self.view.entries.try_set(entries);
        let _ = self.view.quarantined.try_set(bad);
        let _ = self.view.warning.try_set(self.store.warning().map(str::to_owned));
    }

    /// Shows one changed entry without reloading the rest.
    fn show(&self, e: &Entry) {
        let _ = self
            .view
            .entries
            .try_update(|es| match es.iter_mut().find(|x| x.item.id == e.item.id) {
                Some(x) => *x = e.clone(),
                None => es.push(e.clone()),
            });
        if let Some(s) = super::local_storage() {
            let n = self.view.entries.try_with_untracked(|es| pending(es)).unwrap_or(0);
            let _ = s.set_item(&super::pending_key(&self.user), &n.to_string());
        }
    }

    async fn drain(self: Rc<Self>) {
        if self.draining.replace(true) {
            return;
        }
        let _ = self.view.syncing.try_set(true);
        let me = self.clone();
        lock::with_lock(&self.lock_name(), move || async move { me.drain_locked().await }).await;
        self.draining.set(false);
        let _ = self.view.syncing.try_set(false);
        self.refresh().await;
    }

    async fn drain_locked(&self) {
        // Holding the lock, nothing else is sending: anything marked as
        // being sent was cut off (a closed or crashed tab) and goes again.
        let (mut entries, _) = self.store.load().await;
        let cut_off: Vec<Entry> = entries
            .iter_mut()
            .filter(|e| e.status == Status::Syncing)
            .map(|e| {
                e.recover();
                e.clone()
            })
            .collect();
        if !cut_off.is_empty() {
            self.store.put_many(&cut_off).await;
        }
        loop {
            if !is_current_user(&self.user) {
                return;
            }
            lock::renew(&self.lock_name());
            let mut batch = due_batch(&entries, super::now_ms(), BATCH_ITEMS, BATCH_BYTES);
            if batch.is_empty() {
                // Anything captured meanwhile (here or in another tab)?
                let (all, bad) = self.store.load().await;
                entries = all;
                batch = due_batch(&entries, super::now_ms(), BATCH_ITEMS, BATCH_BYTES);
                if batch.is_empty() {
                    self.publish(entries, bad);
                    return;
                }
            }
            // Re-read the batch's entries: another tab may have edited them.
            self.refresh_range(&mut entries, &batch).await;
            let batch = due_batch(&entries, super::now_ms(), BATCH_ITEMS, BATCH_BYTES);
            if batch.is_empty() {
                continue;
            }
            let items: Vec<CaptureItem> = batch
                .iter()
                .filter_map(|&i| entries[i].begin(super::now_ms()))
                .collect();
            let begun: Vec<Entry> = batch.iter().map(|&i| entries[i].clone()).collect();
            self.store.put_many(&begun).await;
            self.publish_entries(&entries);

            let (status, body) = transport::send(&items).await;
            let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
            let outcomes = classify_batch(status, &body, &ids);
            let _ = self.view.online.try_set(status.is_some_and(|s| s < 500));
            let go_on = outcomes
                .iter()
                .all(|o| matches!(o, Outcome::Confirmed(_) | Outcome::Refused(_)));
            let confirmed = outcomes.iter().any(|o| matches!(o, Outcome::Confirmed(_)));

            self.refresh_range(&mut entries, &batch).await;
            let now = super::now_ms();
            let mut settled = Vec::new();
            for (id, outcome) in ids.iter().zip(outcomes) {
                if let Some(e) = entries.iter_mut().find(|e| &e.item.id == id) {
                    e.settle(outcome, now, js_sys::Math::random());
                    settled.push(e.clone());
                }
            }
            self.store.put_many(&settled).await;
            self.publish_entries(&entries);
            if confirmed {
                self.store.put_meta("last_sync", &now.to_string()).await;
                let _ = self.view.last_sync.try_set(Some(now));
            }
            if !go_on {
                return;
            }
        }
    }

    /// Replaces the entries at `batch` with what storage holds now (one read
    /// of their id range); an entry discarded meanwhile is dropped.
    async fn refresh_range(&self, entries: &mut Vec<Entry>, batch: &[usize]) {
        let ids: Vec<String> = batch.iter().map(|&i| entries[i].item.id.clone()).collect();
        let (Some(lo), Some(hi)) = (ids.iter().min(), ids.iter().max()) else {
            return;
        };
        let fresh = self.store.range(lo, hi).await;
        entries.retain(|e| !ids.contains(&e.item.id) || fresh.iter().any(|f| f.item.id == e.item.id));
        for f in fresh {
            if let Some(e) = entries.iter_mut().find(|e| e.item.id == f.item.id) {
                *e = f;
            }
        }
    }

    fn publish_entries(&self, entries: &[Entry]) {
        if let Some(s) = super::local_storage() {
            let _ = s.set_item(&super::pending_key(&self.user), &pending(entries).to_string());
        }
        let _ = self.view.entries.try_set(entries.to_vec());
    }
}

/// Items per request, and a JSON budget under the server's 64 KiB limit.
const BATCH_ITEMS: usize = 50;
const BATCH_BYTES: usize = 48 * 1024;

/// The outbox belongs to whoever opened it; stop if the page moved on.
fn is_current_user(user: &str) -> bool {
    current().is_some_and(|c| c.user == user)
}

/// Saves a new item durably, then starts sending it. Returns how long the
/// save took (ms), which the page shows and the benchmark reads.
pub async fn capture(item: CaptureItem) -> Option<f64> {
    let rt = current()?;
    let t0 = perf_now();
    let e = Entry::new(item);
    rt.store.put(&e).await;
    let took = perf_now() - t0;
    rt.show(&e);
    let _ = rt.view.warning.try_set(rt.store.warning().map(str::to_owned));
    let _ = rt.view.last_save_ms.try_set(Some(took));
    wasm_bindgen_futures::spawn_local(rt.drain());
    Some(took)
}

/// Edits an item in the outbox (or a synced note, which goes back in).
pub async fn edit(base: Entry, payload: CapturePayload, happened_on: String) -> Result<(), String> {
    let rt = current().ok_or("The outbox is not open yet.")?;
    let mut e = rt.store.get(&base.item.id).await.unwrap_or(base);
    e.edit(payload, happened_on, super::now_ms())
        .map_err(|_| "This was already sent; change it on its own page.".to_string())?;
    rt.store.put(&e).await;
    rt.show(&e);
    wasm_bindgen_futures::spawn_local(rt.drain());
    Ok(())
}

/// Throws away an item the person chose to discard (never a synced one's
/// server copy: that stays on the server).
pub async fn discard(id: String) {
    let Some(rt) = current() else { return };
    if let Some(e) = rt.store.get(&id).await {
        if !e.can_discard() {
            return;
        }
    }
    rt.store.remove(&id).await;
    rt.refresh().await;
}

/// Skips every wait and sends now.
pub fn sync_now() {
    let Some(rt) = current() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let (entries, _) = rt.store.load().await;
        for mut e in entries
            .into_iter()
            .filter(|e| e.status == Status::Local && e.next_try > 0)
        {
            e.wake();
            rt.store.put(&e).await;
        }
        rt.refresh().await;
        rt.drain().await;
    });
}

pub async fn save_draft(value: String) {
    if let Some(rt) = current() {
        rt.store.put_draft("form", &value).await;
    }
}

pub async fn load_draft() -> Option<String> {
    current()?.store.draft("form").await
}
