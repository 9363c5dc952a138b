use crate::error::AppError;
use crate::feedback::api::{ask_feedback, feedback_overview};
use crate::feedback::components::card::FeedbackCard;
use crate::feedback::model::{AskDraft, FeedbackAsk, MyFeedback};
use crate::people::components::colleague_picker::ColleaguePicker;
use crate::people::model::OwnerRef;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// My feedback: asks waiting for me, received, given, and my asks.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let data = Resource::new(move || changed.get(), |_| feedback_overview());
    view! {
        <Title text="My feedback" />
        <h1>"My feedback"</h1>
        <div class="toolbar">
            <a class="button" href="/feedback/new">"Give feedback"</a>
            <a class="button secondary" href="/feedback/feed">"Team praise"</a>
            <a class="button secondary" href="/feedback/check">"Two-week check"</a>
        </div>
        <Suspense fallback=|| view! { <Loading text="Loading your feedback…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(d) => view! { <Overview d changed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(d: MyFeedback, changed: RwSignal<u32>) -> impl IntoView {
    let MyFeedback {
        received,
        given,
        asked_by_me,
        asked_of_me,
    } = d;
    view! {
        {(!asked_of_me.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="asks-h">
                <h2 id="asks-h">"Waiting for your answer"</h2>
                <ul>{asked_of_me.into_iter().map(|a| view! { <AskLine a answer=true /> }).collect_view()}</ul>
            </section>
        })}
        <section class="card" aria-labelledby="received-h">
            <h2 id="received-h">"Received"</h2>
            {if received.is_empty() {
                view! { <p class="empty">"No feedback yet. Ask a few colleagues below — specific asks get specific answers."</p> }.into_any()
            } else {
                received.into_iter().map(|e| view! { <FeedbackCard entry=e show_ack=true /> }).collect_view().into_any()
            }}
        </section>
        <section class="card" aria-labelledby="given-h">
            <h2 id="given-h">"Given"</h2>
            {if given.is_empty() {
                view! { <p class="empty">"You haven't given feedback yet. " <a href="/feedback/new">"Give some now"</a> " — a two-line note about something specific this week is enough."</p> }.into_any()
            } else {
                given.into_iter().map(|e| view! { <FeedbackCard entry=e show_ack=true /> }).collect_view().into_any()
            }}
        </section>
        <section class="card" aria-labelledby="ask-h">
            <h2 id="ask-h">"Ask for feedback"</h2>
            <AskForm changed />
            {(!asked_by_me.is_empty()).then(|| view! {
                <h3>"Your asks"</h3>
                <ul>{asked_by_me.into_iter().map(|a| view! { <AskLine a answer=false /> }).collect_view()}</ul>
            })}
        </section>
    }
}

#[component]
fn AskLine(a: FeedbackAsk, answer: bool) -> impl IntoView {
    if answer {
        let href = format!("/feedback/new?ask={}", a.id);
        view! {
            <li>{format!("{} asked on {}: \u{201c}{}\u{201d} ", a.requester.name, a.asked_on, a.topic)}<a href=href>"Answer"</a></li>
        }
        .into_any()
    } else {
        let status = match &a.answer {
            Some(id) => view! { <a href=format!("/feedback/{id}")>"answered"</a> }.into_any(),
            None => view! { <span class="muted">"waiting"</span> }.into_any(),
        };
        view! { <li>{format!("{} — \u{201c}{}\u{201d} ({}) · ", a.asked.name, a.topic, a.asked_on)}{status}</li> }
            .into_any()
    }
}

#[component]
fn AskForm(changed: RwSignal<u32>) -> impl IntoView {
    let topic = RwSignal::new(String::new());
    let picked = RwSignal::new(None::<OwnerRef>);
    let chosen = RwSignal::new(Vec::<OwnerRef>::new());
    Effect::new(move |_| {
        if let Some(p) = picked.get() {
            chosen.update(|c| {
                if !c.iter().any(|x| x.id == p.id) {
                    c.push(p)
                }
            });
            picked.set(None);
        }
    });
    let send = Action::new(move |d: &AskDraft| ask_feedback(d.clone()));
    Effect::new(move |_| {
        if let Some(Ok(())) = send.value().get() {
            topic.set(String::new());
            chosen.set(Vec::new());
            changed.update(|c| *c += 1);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.dispatch(AskDraft {
            topic: topic.get_untracked(),
            colleagues: chosen.get_untracked().into_iter().map(|p| p.id).collect(),
        });
    };
    view! {
        <form on:submit=on_submit novalidate>
            <label for="ask-topic">"What would you like feedback on?"</label>
            <input id="ask-topic" type="text" placeholder="e.g. my demo on Tuesday" prop:value=topic
                on:input=move |ev| topic.set(event_target_value(&ev)) />
            <ColleaguePicker chosen=picked id="ask-colleague" label="Colleagues to ask (up to 10)" />
            <ul class="chips">
                {move || chosen.get().into_iter().map(|p| {
                    let id = p.id.clone();
                    view! {
                        <li class="chip">{p.name.clone()}" "
                            <button type="button" class="link" aria-label=format!("Remove {}", p.name)
                                on:click=move |_| chosen.update(|c| c.retain(|x| x.id != id))>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || send.value().get().map(|r| match r {
                Ok(()) => view! { <p class="ok" role="status">"Asked. They'll see it on their feedback page."</p> }.into_any(),
                Err(AppError::InvalidFields(errs)) => view! {
                    <div role="alert">{errs.into_iter().map(|e| view! { <p class="field-error">{e.message}</p> }).collect_view()}</div>
                }.into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
            })}
            <button type="submit" disabled=move || send.pending().get()>
                {move || if send.pending().get() { "Sending…" } else { "Ask" }}
            </button>
        </form>
    }
}
