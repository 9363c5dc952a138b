//! The capture page's lists: what is in this device's outbox (with each
//! item's status, and anything that could not be read), and the notes
//! already on the server, which can be edited from any device.

use crate::capture::api::my_notes;
use crate::capture::model::{CaptureContext, CapturePayload};
use crate::capture::outbox::{Entry, Status};
use crate::capture::state::OutboxView;
use crate::ui::loading::Loading;
use leptos::prelude::*;

fn subject_name(ctx: &CaptureContext, p: &CapturePayload) -> String {
    match p {
        CapturePayload::CheckIn { kr, .. } => ctx
            .key_results
            .iter()
            .find(|k| &k.kr == kr)
            .map(|k| format!("{} — {}", k.goal_title, k.title))
            .unwrap_or_else(|| "a key result".into()),
        other => ctx
            .people
            .iter()
            .find(|x| x.id == other.subject())
            .map(|x| x.name.clone())
            .unwrap_or_else(|| other.subject().to_owned()),
    }
}

/// Rows rendered at once: a long offline stretch can queue thousands.
const SHOWN: usize = 200;

fn discard_item(id: String) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(crate::offline::runtime::discard(id));
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

#[component]
pub fn OutboxList(ctx: CaptureContext, view: OutboxView, editing: RwSignal<Option<Entry>>) -> impl IntoView {
    let ctx = StoredValue::new(ctx);
    let rows = move || {
        let mut es = view.entries.get();
        es.sort_by(|a, b| b.item.id.cmp(&a.item.id));
        es.truncate(SHOWN);
        es
    };
    let more = move || view.entries.with(Vec::len).saturating_sub(SHOWN);
    view! {
        <section class="card outbox">
            <h2>"On this device"</h2>
            <Show when=move || view.ready.get() && view.entries.with(Vec::is_empty) && view.quarantined.with(Vec::is_empty)>
                <p class="empty">"Nothing captured on this device yet. Write something above: it is kept here until Tend has it."</p>
            </Show>
            <ul class="outbox-items" data-testid="outbox-items">
                <For each=rows key=|e| (e.item.id.clone(), e.status, e.item.edited_at, e.reason.clone()) let:e>
                    {
                        let id = e.item.id.clone();
                        let editable = e.status != Status::Synced || matches!(e.item.payload, CapturePayload::Note { .. });
                        let discardable = e.can_discard();
                        let status = e.status;
                        let edit_entry = e.clone();
                        let discard = move |_| {
                            let ok = status == Status::Synced || window().confirm_with_message(
                                "Discard this item? It has not reached Tend and will be lost.",
                            ).unwrap_or(false);
                            if ok {
                                discard_item(id.clone());
                            }
                        };
                        view! {
                            <li class="outbox-item" data-id=e.item.id.clone() data-status=status.as_str()>
                                <p>
                                    <strong>{e.item.payload.label()}" · "{ctx.with_value(|c| subject_name(c, &e.item.payload))}</strong>
                                    " · "{e.item.happened_on.clone()}
                                    " "<span class=format!("chip status-{}", status.as_str())>{status.label()}</span>
                                </p>
                                <p class="text">{e.item.payload.text().to_owned()}</p>
                                {e.reason.clone().filter(|_| status != Status::Synced).map(|r| view! { <p class="reason" role=if status == Status::Attention { "alert" } else { "status" }>{r}</p> })}
                                <p class="actions">
                                    {editable.then(|| view! { <button type="button" class="link" on:click=move |_| editing.set(Some(edit_entry.clone()))>"Edit"</button> })}
                                    {discardable.then(|| view! { <button type="button" class="link" on:click=discard>{if status == Status::Synced { "Remove from this list" } else { "Discard" }}</button> })}
                                    {e.link.clone().filter(|_| status == Status::Synced).map(|l| view! { <a href=l>"Open"</a> })}
                                </p>
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || (more() > 0).then(|| view! { <p class="hint">{format!("Showing the newest {SHOWN}; {} older items are kept too.", more())}</p> })}
            <Show when=move || !view.quarantined.with(Vec::is_empty)>
                <h3>"Items that could not be read"</h3>
                <p>"These were damaged on this device. Copy the text to keep it, then discard."</p>
                <ul data-testid="quarantined">
                    <For each=move || view.quarantined.get() key=|q| q.key.clone() let:q>
                        {
                            let key = q.key.clone();
                            view! {
                                <li class="quarantined">
                                    <pre>{q.raw.clone()}</pre>
                                    <button type="button" class="link" on:click=move |_| {
                                        if window().confirm_with_message("Discard this damaged item?").unwrap_or(false) {
                                            discard_item(key.clone());
                                        }
                                    }>"Discard"</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// The author's notes on the server: edit one here and the edit goes through
/// the outbox like anything else (the later edit wins across devices).
#[component]
pub fn ServerNotes(view: OutboxView, editing: RwSignal<Option<Entry>>) -> impl IntoView {
    let version = RwSignal::new(0u32);
    let notes = Resource::new(move || (version.get(), view.last_sync.get()), |_| my_notes());
    view! {
        <section class="card server-notes">
            <h2>"Your notes on Tend"</h2>
            <button type="button" class="link" on:click=move |_| version.update(|v| *v += 1)>"Refresh"</button>
            <Transition fallback=|| view! { <Loading text="Loading your notes…" /> }>
                {move || Suspend::new(async move {
                    match notes.await {
                        Err(_) => view! { <p class="empty">"Your synced notes show here when Tend can be reached."</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="empty">"No notes on Tend yet. Notes you capture appear here once they sync."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul data-testid="server-notes">
                                {list.into_iter().map(|n| {
                                    let entry = Entry { status: Status::Synced, ..Entry::new(n.item.clone()) };
                                    view! {
                                        <li class="server-note" data-id=n.item.id.clone()>
                                            <p><strong>{n.about_name.clone()}</strong>" · "{n.item.happened_on.clone()}</p>
                                            <p class="text">{n.item.payload.text().to_owned()}</p>
                                            {(!n.versions.is_empty()).then(|| view! {
                                                <details><summary>{format!("{} earlier version(s)", n.versions.len())}</summary>
                                                    <ul>{n.versions.iter().map(|v| view! { <li>{v.text.clone()}</li> }).collect_view()}</ul>
                                                </details>
                                            })}
                                            <button type="button" class="link" on:click=move |_| editing.set(Some(entry.clone()))>"Edit"</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
