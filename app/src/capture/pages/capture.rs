//! `/capture`: write a note, a piece of feedback or a check-in right after
//! it happens, online or not. Items go to the browser's outbox first and
//! sync on their own; the page always shows what is waiting.

use crate::capture::api::load_capture_context;
use crate::capture::components::form::CaptureForm;
use crate::capture::components::outbox_list::{OutboxList, ServerNotes};
use crate::capture::model::CaptureContext;
use crate::capture::outbox::{pending, Entry, Status};
use crate::capture::state::OutboxView;
use crate::error::AppError;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// Loads the page's people and key results; offline, the copy kept from the
/// last online visit stands in.
async fn context() -> Result<CaptureContext, AppError> {
    let r = load_capture_context().await;
    #[cfg(feature = "hydrate")]
    {
        use crate::offline::CONTEXT_KEY;
        let store = crate::offline::local_storage();
        match &r {
            Ok(ctx) => {
                if let (Some(s), Ok(json)) = (store, serde_json::to_string(ctx)) {
                    let _ = s.set_item(CONTEXT_KEY, &json);
                }
            }
            Err(AppError::Network | AppError::Internal) => {
                let cached = store
                    .and_then(|s| s.get_item(CONTEXT_KEY).ok().flatten())
                    .and_then(|j| serde_json::from_str::<CaptureContext>(&j).ok());
                if let Some(c) = cached {
                    return Ok(c);
                }
            }
            Err(_) => {}
        }
    }
    r
}

#[component]
pub fn CapturePage() -> impl IntoView {
    let ctx = Resource::new(|| (), |_| context());
    let view = OutboxView::new();
    view! {
        <Title text="Capture" />
        <h1>"Capture"</h1>
        <p class="lede">"Write it down now, while it's fresh. This page works offline: what you save stays on this device and syncs when Tend can be reached."</p>
        <noscript><p class="warning">"Capture needs JavaScript to keep notes on this device."</p></noscript>
        <Suspense fallback=|| view! { <Loading text="Loading capture…" /> }>
            {move || Suspend::new(async move {
                match ctx.await {
                    Err(error) => view! { <crate::ui::error_page::ErrorPage error /> }.into_any(),
                    Ok(ctx) => view! { <Capture ctx view /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Capture(ctx: CaptureContext, view: OutboxView) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let author = ctx.author.clone();
        Effect::new(move |_| crate::offline::runtime::start(author.clone(), view));
        on_cleanup(crate::offline::runtime::stop);
    }
    let editing = RwSignal::new(None::<Entry>);
    let ctx = StoredValue::new(ctx);
    view! {
        <StatusBar view />
        <CaptureForm ctx=ctx.get_value() view editing />
        <OutboxList ctx=ctx.get_value() view editing />
        <ServerNotes view editing />
    }
}

fn clock(ms: i64) -> String {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        ms.to_string()
    }
}

#[component]
fn StatusBar(view: OutboxView) -> impl IntoView {
    let waiting = move || view.entries.with(|e| pending(e));
    let attention = move || {
        view.entries
            .with(|e| e.iter().filter(|x| x.status == Status::Attention).count())
    };
    let sync_now = move |_| {
        #[cfg(feature = "hydrate")]
        crate::offline::runtime::sync_now();
    };
    view! {
        <section class="card outbox-status" data-testid="outbox-status" data-pending=waiting
            data-ready=move || view.ready.get().to_string() aria-live="polite">
            <p>
                <strong class="pending">{move || match waiting() {
                    0 => "Everything is synced".to_string(),
                    1 => "1 item waiting to sync".to_string(),
                    n => format!("{n} items waiting to sync"),
                }}</strong>
                {move || (attention() > 0).then(|| view! { <span class="attention">{format!(" · {} need attention", attention())}</span> })}
                <span class="conn">{move || if view.online.get() { " · Online" } else { " · Offline: saving on this device" }}</span>
                <span class="last-sync">{move || view.last_sync.get().map(|t| format!(" · Last synced at {}", clock(t))).unwrap_or_else(|| " · Not synced yet".into())}</span>
                {move || view.syncing.get().then(|| view! { <span class="loading" aria-busy="true">" · Syncing…"</span> })}
            </p>
            <button type="button" on:click=sync_now disabled=move || !view.ready.get()>"Sync now"</button>
            {move || view.warning.get().map(|w| view! { <p class="warning" role="alert" data-testid="storage-warning">{w}</p> })}
        </section>
    }
}
