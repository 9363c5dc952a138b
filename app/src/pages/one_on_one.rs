use crate::api::{
    add_action_item, add_agenda_item, complete_meeting, one_on_one, record_coaching, save_private_note,
    set_action_done, set_agenda_done,
};
use crate::components::ErrorPage;
use crate::error::AppError;
use crate::model::{CoachingDraft, MeetingView, OneOnOneView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn message(e: AppError) -> String {
    match e {
        AppError::InvalidFields(errs) => errs.first().map(|e| e.message.clone()).unwrap_or_default(),
        e => e.to_string(),
    }
}

/// A 1:1: the shared agenda for the next meeting, the viewer's private note,
/// action items, earlier meetings and coaching records.
#[component]
pub fn OneOnOnePage() -> impl IntoView {
    let params = use_params_map();
    let changed = RwSignal::new(0u32);
    let data = Resource::new(
        move || (params.read().get("id").unwrap_or_default(), changed.get()),
        |(id, _)| one_on_one(id),
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"Loading the 1:1…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(v) => view! { <Page v changed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Page(v: OneOnOneView, changed: RwSignal<u32>) -> impl IntoView {
    let title = format!("1:1 — {} and {}", v.manager.name, v.report.name);
    let id = StoredValue::new(v.id.clone());
    let bump = move || changed.update(|c| *c += 1);

    let item = RwSignal::new(String::new());
    let add = Action::new(move |t: &String| add_agenda_item(id.get_value(), t.clone()));
    let toggle = Action::new(move |(i, d): &(String, bool)| set_agenda_done(i.clone(), *d));
    let note = RwSignal::new(v.my_note.clone());
    let save_note = Action::new(move |t: &String| save_private_note(id.get_value(), t.clone()));
    let complete = Action::new(move |_: &()| complete_meeting(id.get_value()));
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(()))) {
            item.set(String::new());
            add.value().set(None);
            bump();
        }
    });
    Effect::new(move |_| {
        if matches!(toggle.value().get(), Some(Ok(()))) || matches!(complete.value().get(), Some(Ok(()))) {
            toggle.value().set(None);
            complete.value().set(None);
            bump();
        }
    });
    let people = [v.manager.clone(), v.report.clone()];
    let actions = view! { <Actions v=v.clone() people=people.to_vec() changed /> };
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p class="muted">{format!("Every {} days", v.cadence_days)}</p>
        <section class="card" aria-labelledby="agenda-h">
            <h2 id="agenda-h">{format!("Next meeting: {}", v.current.day)}</h2>
            <h3>"Shared agenda"</h3>
            {if v.current.agenda.is_empty() {
                view! { <p class="empty">"Nothing on the agenda yet. Either of you can add a topic."</p> }.into_any()
            } else {
                view! {
                    <ul class="agenda">
                        {v.current.agenda.into_iter().map(|a| {
                            let aid = a.id.clone();
                            let label = a.text.clone();
                            view! {
                                <li>
                                    <label class="inline">
                                        <input type="checkbox" prop:checked=a.done checked=a.done
                                            on:change=move |ev| { toggle.dispatch((aid.clone(), event_target_checked(&ev))); } />
                                        " " {label}
                                    </label>
                                    <span class="muted">{format!(" · added by {}", a.added_by)}</span>
                                    {(a.carried > 0).then(|| view! { <span class="chip">{format!("carried over ×{}", a.carried)}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form on:submit=move |ev| { ev.prevent_default(); add.dispatch(item.get_untracked()); } novalidate>
                <label for="agenda-new">"Add a topic"</label>
                <input id="agenda-new" type="text" prop:value=item on:input=move |ev| item.set(event_target_value(&ev)) />
                {move || add.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{message(e)}</p> })}
                <button type="submit" disabled=move || add.pending().get()>"Add to agenda"</button>
            </form>
            <p>
                <button type="button" class="secondary" on:click=move |_| { complete.dispatch(()); } disabled=move || complete.pending().get()>
                    "Mark meeting as held"
                </button>
                <span class="muted">" Open topics move to the next meeting."</span>
            </p>
            {move || complete.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{message(e)}</p> })}
        </section>

        <section class="card" aria-labelledby="note-h">
            <h2 id="note-h">"Your private note"</h2>
            <p class="muted">"Only you can read this: not the other person, not HR."</p>
            <form on:submit=move |ev| { ev.prevent_default(); save_note.dispatch(note.get_untracked()); } novalidate>
                <label for="private-note" class="visually-hidden">"Private note"</label>
                <textarea id="private-note" rows="4" prop:value=note on:input=move |ev| note.set(event_target_value(&ev))>{note.get_untracked()}</textarea>
                {move || save_note.value().get().map(|r| match r {
                    Ok(()) => view! { <p class="ok" role="status">"Note saved."</p> }.into_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{message(e)}</p> }.into_any(),
                })}
                <button type="submit" disabled=move || save_note.pending().get()>
                    {move || if save_note.pending().get() { "Saving…" } else { "Save note" }}
                </button>
            </form>
        </section>

        {actions}
        {v.viewer_is_manager.then(|| view! { <Coaching person=v.report.id.to_string() changed /> })}
        {(!v.coaching.is_empty()).then(|| view! {
            <section class="card">
                <h2>"Coaching records"</h2>
                <ul>{v.coaching.into_iter().map(|c| view! {
                    <li>{format!("{} — {}: {}{}", c.happened_on, c.topic, c.agreed,
                        c.follow_up.map(|f| format!(" (follow up {f})")).unwrap_or_default())}</li>
                }).collect_view()}</ul>
            </section>
        })}
        <section class="card">
            <h2>"Earlier meetings"</h2>
            {if v.past.is_empty() {
                view! { <p class="empty">"None yet."</p> }.into_any()
            } else {
                v.past.into_iter().map(|m| view! { <Past m /> }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
fn Past(m: MeetingView) -> impl IntoView {
    view! {
        <h3>{m.day.to_string()}</h3>
        <ul>{m.agenda.into_iter().map(|a| view! { <li>{format!("{} {}", if a.done { "✓" } else { "•" }, a.text)}</li> }).collect_view()}</ul>
    }
}

#[component]
fn Actions(v: OneOnOneView, people: Vec<crate::model::OwnerRef>, changed: RwSignal<u32>) -> impl IntoView {
    let id = StoredValue::new(v.id.clone());
    let text = RwSignal::new(String::new());
    let owner = RwSignal::new(people[1].id.to_string());
    let due = RwSignal::new(v.current.day.to_string());
    let add = Action::new(move |(t, o, d): &(String, String, String)| {
        add_action_item(id.get_value(), t.clone(), o.clone(), d.clone())
    });
    let toggle = Action::new(move |(i, d): &(String, bool)| set_action_done(i.clone(), *d));
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(()))) || matches!(toggle.value().get(), Some(Ok(()))) {
            changed.update(|c| *c += 1);
        }
    });
    view! {
        <section class="card" aria-labelledby="actions-h">
            <h2 id="actions-h">"Action items"</h2>
            {if v.actions.is_empty() {
                view! { <p class="empty">"No action items. Add what each of you agreed to do."</p> }.into_any()
            } else {
                view! {
                    <ul>{v.actions.into_iter().map(|a| {
                        let aid = a.id.clone();
                        view! {
                            <li>
                                <label class="inline">
                                    <input type="checkbox" prop:checked=a.done checked=a.done
                                        on:change=move |ev| { toggle.dispatch((aid.clone(), event_target_checked(&ev))); } />
                                    {format!(" {} — {} by {}", a.text, a.owner.name, a.due)}
                                </label>
                            </li>
                        }
                    }).collect_view()}</ul>
                }.into_any()
            }}
            <form on:submit=move |ev| { ev.prevent_default(); add.dispatch((text.get_untracked(), owner.get_untracked(), due.get_untracked())); } novalidate>
                <label for="action-text">"New action"</label>
                <input id="action-text" type="text" prop:value=text on:input=move |ev| text.set(event_target_value(&ev)) />
                <div class="row">
                    <span>
                        <label for="action-owner">"Owner"</label>
                        <select id="action-owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                            {people.into_iter().enumerate().map(|(i, p)| view! { <option value=p.id.to_string() selected=i == 1>{p.name}</option> }).collect_view()}
                        </select>
                    </span>
                    <span>
                        <label for="action-due">"Due"</label>
                        <input id="action-due" type="date" value=due.get_untracked() prop:value=due on:input=move |ev| due.set(event_target_value(&ev)) />
                    </span>
                </div>
                {move || add.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{message(e)}</p> })}
                <button type="submit" disabled=move || add.pending().get()>"Add action"</button>
            </form>
        </section>
    }
}

#[component]
fn Coaching(person: String, changed: RwSignal<u32>) -> impl IntoView {
    let topic = RwSignal::new(String::new());
    let agreed = RwSignal::new(String::new());
    let follow = RwSignal::new(String::new());
    let on = RwSignal::new(String::new());
    let person = StoredValue::new(person);
    let save = Action::new(move |d: &CoachingDraft| record_coaching(d.clone()));
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(()))) {
            changed.update(|c| *c += 1);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(CoachingDraft {
            person: person.get_value(),
            topic: topic.get_untracked(),
            agreed: agreed.get_untracked(),
            follow_up: follow.get_untracked(),
            happened_on: on.get_untracked(),
        });
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>"Record a coaching conversation"</h2>
            <label for="coach-topic">"Topic"</label>
            <input id="coach-topic" type="text" prop:value=topic on:input=move |ev| topic.set(event_target_value(&ev)) />
            <label for="coach-agreed">"What you agreed"</label>
            <textarea id="coach-agreed" rows="2" prop:value=agreed on:input=move |ev| agreed.set(event_target_value(&ev))></textarea>
            <div class="row">
                <span><label for="coach-on">"When"</label>
                    <input id="coach-on" type="date" prop:value=on on:input=move |ev| on.set(event_target_value(&ev)) /></span>
                <span><label for="coach-follow">"Follow up on (optional)"</label>
                    <input id="coach-follow" type="date" prop:value=follow on:input=move |ev| follow.set(event_target_value(&ev)) /></span>
            </div>
            {move || save.value().get().map(|r| match r {
                Ok(()) => view! { <p class="ok" role="status">"Recorded."</p> }.into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{message(e)}</p> }.into_any(),
            })}
            <button type="submit" disabled=move || save.pending().get()>"Save record"</button>
        </form>
    }
}
