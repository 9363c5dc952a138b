use crate::auth::session::use_session;
use crate::error::AppError;
use crate::feedback::api::{acknowledge_feedback, delete_feedback, get_feedback, rate_feedback};
use crate::feedback::components::card::FeedbackCard;
use crate::feedback::model::FeedbackView;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

/// One feedback entry: the recipient acknowledges and rates it; the author
/// edits it for a day, then corrects it or deletes it.
#[component]
pub fn FeedbackEntryPage() -> impl IntoView {
    let params = use_params_map();
    let changed = RwSignal::new(0u32);
    let entry = Resource::new(
        move || (params.read().get("id").unwrap_or_default(), changed.get()),
        |(id, _)| get_feedback(id),
    );
    view! {
        <Title text="Feedback" />
        <Suspense fallback=|| view! { <Loading text="Loading the feedback…" /> }>
            {move || Suspend::new(async move {
                match entry.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(v) => view! { <Entry v changed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Entry(v: FeedbackView, changed: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let e = v.entry.clone();
    let id = e.id.clone();
    let recipient = e.recipient.id.clone();
    let giver = e.giver.id.clone();
    view! {
        <h1>{format!("{} for {}", e.kind.label(), e.recipient.name)}</h1>
        <FeedbackCard entry=e.clone() show_ack=true />
        <Transition fallback=|| ()>
            {move || {
                let (recipient, giver, e, id) = (recipient.clone(), giver.clone(), e.clone(), id.clone());
                Suspend::new(async move {
                    let me = session.viewer.await.ok().flatten().map(|v| v.id);
                    if me.as_ref() == Some(&recipient) {
                        view! { <Respond e changed /> }.into_any()
                    } else if me.as_ref() == Some(&giver) {
                        view! { <AuthorTools id e changed /> }.into_any()
                    } else {
                        ().into_any()
                    }
                })
            }}
        </Transition>
        {(!v.corrections.is_empty()).then(|| view! {
            <section class="card">
                <h2>"Corrections"</h2>
                {v.corrections.into_iter().map(|c| view! { <FeedbackCard entry=c /> }).collect_view()}
            </section>
        })}
        {(!v.versions.is_empty()).then(|| view! {
            <section class="card">
                <h2>"Edit history"</h2>
                <ul class="versions">
                    {v.versions.into_iter().map(|p| view! {
                        <li><p class="muted">{format!("Replaced {}", p.replaced_at)}</p><p class="pre">{p.text}</p></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// Acknowledge and rate, for the recipient.
#[component]
fn Respond(e: crate::feedback::model::FeedbackEntry, changed: RwSignal<u32>) -> impl IntoView {
    let id = StoredValue::new(e.id.clone());
    let ack = Action::new(move |_: &()| acknowledge_feedback(id.get_value()));
    let rating = RwSignal::new(e.my_rating.as_ref().map(|r| r.rating.to_string()).unwrap_or_default());
    let why = RwSignal::new(e.my_rating.as_ref().map(|r| r.why.clone()).unwrap_or_default());
    let rate = Action::new(move |(r, w): &(u8, String)| rate_feedback(id.get_value(), *r, w.clone()));
    Effect::new(move |_| {
        if matches!(ack.value().get(), Some(Ok(()))) || matches!(rate.value().get(), Some(Ok(()))) {
            changed.update(|c| *c += 1);
        }
    });
    let on_rate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        rate.dispatch((rating.get_untracked().parse().unwrap_or(0), why.get_untracked()));
    };
    view! {
        <section class="card">
            <h2>"Your response"</h2>
            <p class="muted">"Only you see your rating. Managers see acknowledgement, and usefulness only as an average of three or more ratings."</p>
            {if e.acknowledged {
                view! { <p class="ok">"✓ You acknowledged this."</p> }.into_any()
            } else {
                view! {
                    <button type="button" on:click=move |_| { ack.dispatch(()); } disabled=move || ack.pending().get()>
                        "Acknowledge"
                    </button>
                }.into_any()
            }}
            {move || ack.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
            {e.my_rating.clone().map(|r| view! { <p class="ok" role="status">{format!("Your rating: {}/5", r.rating)}</p> })}
            <form on:submit=on_rate novalidate>
                <label for="fb-rating">"How useful was it?"</label>
                <select id="fb-rating" on:change=move |ev| rating.set(event_target_value(&ev))>
                    <option value="" selected=move || rating.get().is_empty()>"Choose…"</option>
                    {(1..=5u8).map(|n| {
                        let label = ["", "1 – not useful", "2", "3", "4", "5 – very useful"][n as usize];
                        view! { <option value=n.to_string() selected=move || rating.get() == n.to_string()>{label}</option> }
                    }).collect_view()}
                </select>
                <label for="fb-why">"Why? (optional)"</label>
                <input id="fb-why" type="text" prop:value=why value=why.get_untracked()
                    on:input=move |ev| why.set(event_target_value(&ev)) />
                {move || rate.value().get().map(|r| match r {
                    Ok(()) => view! { <p class="ok">"Thanks — rating saved."</p> }.into_any(),
                    Err(AppError::InvalidFields(errs)) => view! {
                        <p class="form-error" role="alert">{errs.first().map(|e| e.message.clone())}</p>
                    }.into_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                })}
                <button type="submit" disabled=move || rate.pending().get()>"Save rating"</button>
            </form>
        </section>
    }
}

/// Edit (inside the window), correct (after it) and delete, for the author.
#[component]
fn AuthorTools(id: String, e: crate::feedback::model::FeedbackEntry, changed: RwSignal<u32>) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let sid = StoredValue::new(id.clone());
    let del = Action::new(move |r: &String| delete_feedback(sid.get_value(), r.clone()));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = del.value().get() {
            changed.update(|c| *c += 1);
            navigate("/feedback", Default::default());
        }
    });
    let correct = format!("/feedback/new?to={}&corrects={}", e.recipient.id, id);
    view! {
        <section class="card">
            <h2>"Your feedback"</h2>
            {if e.editable {
                view! { <p><a class="button" href=format!("/feedback/{id}/edit")>"Edit"</a>" "<span class="muted">"Editable for 24 hours after writing."</span></p> }.into_any()
            } else {
                view! { <p><a class="button secondary" href=correct>"Write a correction"</a>" "<span class="muted">"After 24 hours feedback can't change; a correction is linked to it."</span></p> }.into_any()
            }}
            <form on:submit=move |ev| { ev.prevent_default(); del.dispatch(reason.get_untracked()); } novalidate>
                <label for="fb-delete-reason">"Delete, with a reason (optional; HR can audit deletions)"</label>
                <input id="fb-delete-reason" type="text" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev)) />
                {move || del.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
                <button type="submit" class="danger" disabled=move || del.pending().get()>"Delete"</button>
            </form>
        </section>
    }
}
