use crate::error::AppError;
use crate::one_on_ones::api::{
    add_action_item, add_agenda_item, complete_meeting, one_on_one, record_coaching, save_private_note,
    set_action_done, set_agenda_done,
};
use crate::one_on_ones::model::{CoachingDraft, MeetingView, OneOnOneView};
use crate::people::model::OwnerRef;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

type Sent<I> = Action<I, Result<(), AppError>>;

/// What the viewer types and sends on a 1:1. It is made once per visit,
/// outside the data's Transition: every change refetches the 1:1 and renders
/// it again, and that must not drop a half-written note or a "saved" message.
#[derive(Clone, Copy)]
struct Forms {
    changed: RwSignal<u32>,
    /// `None` until the viewer types: then the box shows the stored note.
    note: RwSignal<Option<String>>,
    /// The text the server last confirmed, to tell saved words from unsaved.
    saved_note: RwSignal<Option<String>>,
    save_note: Action<String, Result<String, AppError>>,
    topic: RwSignal<String>,
    add_topic: Sent<String>,
    tick: Sent<(String, bool)>,
    complete: Sent<()>,
    action: RwSignal<String>,
    action_owner: RwSignal<Option<String>>,
    action_due: RwSignal<Option<String>>,
    add_action: Sent<(String, String, String)>,
    tick_action: Sent<(String, bool)>,
    coach_topic: RwSignal<String>,
    coach_agreed: RwSignal<String>,
    coach_follow: RwSignal<String>,
    coach_on: RwSignal<String>,
    coach: Sent<CoachingDraft>,
}

impl Forms {
    fn new(series: Memo<String>) -> Self {
        let f = Forms {
            changed: RwSignal::new(0),
            note: RwSignal::new(None),
            saved_note: RwSignal::new(None),
            save_note: Action::new(move |t: &String| {
                let t = t.clone();
                async move { save_private_note(series.get_untracked(), t.clone()).await.map(|()| t) }
            }),
            topic: RwSignal::new(String::new()),
            add_topic: Action::new(move |t: &String| add_agenda_item(series.get_untracked(), t.clone())),
            tick: Action::new(|(i, d): &(String, bool)| set_agenda_done(i.clone(), *d)),
            complete: Action::new(move |_: &()| complete_meeting(series.get_untracked())),
            action: RwSignal::new(String::new()),
            action_owner: RwSignal::new(None),
            action_due: RwSignal::new(None),
            add_action: Action::new(move |(t, o, d): &(String, String, String)| {
                add_action_item(series.get_untracked(), t.clone(), o.clone(), d.clone())
            }),
            tick_action: Action::new(|(i, d): &(String, bool)| set_action_done(i.clone(), *d)),
            coach_topic: RwSignal::new(String::new()),
            coach_agreed: RwSignal::new(String::new()),
            coach_follow: RwSignal::new(String::new()),
            coach_on: RwSignal::new(String::new()),
            coach: Action::new(|d: &CoachingDraft| record_coaching(d.clone())),
        };
        f.refetch_after_each_change();
        f
    }

    fn refetch_after_each_change(self) {
        let ok = |a: Option<Result<(), AppError>>| matches!(a, Some(Ok(())));
        let bump = move || self.changed.update(|c| *c += 1);
        Effect::new(move |_| {
            if ok(self.add_topic.value().get()) {
                self.topic.set(String::new());
                bump();
            }
        });
        Effect::new(move |_| {
            if let Some(Ok(t)) = self.save_note.value().get() {
                self.saved_note.set(Some(t));
            }
        });
        Effect::new(move |_| {
            if ok(self.complete.value().get()) {
                // The held meeting keeps its note; the box starts the next one
                // empty unless it holds words the viewer has not saved.
                if self.note.get_untracked() == self.saved_note.get_untracked() {
                    self.note.set(None);
                }
                self.action_due.set(None);
                bump();
            }
        });
        Effect::new(move |_| {
            if ok(self.add_action.value().get()) {
                self.action.set(String::new());
                bump();
            }
        });
        Effect::new(move |_| {
            if ok(self.coach.value().get()) {
                for s in [self.coach_topic, self.coach_agreed, self.coach_follow, self.coach_on] {
                    s.set(String::new());
                }
                bump();
            }
        });
        for tick in [self.tick, self.tick_action] {
            Effect::new(move |_| {
                if ok(tick.value().get()) {
                    bump();
                }
            });
        }
    }
}

/// A 1:1: the shared agenda for the next meeting, the viewer's private note,
/// action items, earlier meetings and coaching records.
#[component]
pub fn OneOnOnePage() -> impl IntoView {
    let params = use_params_map();
    let series = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let forms = Forms::new(series);
    let data = Resource::new(move || (series.get(), forms.changed.get()), |(id, _)| one_on_one(id));
    view! {
        <Transition fallback=|| view! { <Loading text="Loading the 1:1…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(v) => view! { <Page v forms /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Page(v: OneOnOneView, forms: Forms) -> impl IntoView {
    let title = format!("1:1 — {} and {}", v.manager.name, v.report.name);
    let people = vec![v.manager.clone(), v.report.clone()];
    let actions = view! { <Actions v=v.clone() people forms /> };
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p class="muted">{format!("Every {} days", v.cadence_days)}</p>
        <Agenda current=v.current forms />
        <Note stored=v.my_note forms />
        {actions}
        {v.viewer_is_manager.then(|| view! { <Coaching person=v.report.id.to_string() forms /> })}
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
fn Agenda(current: MeetingView, forms: Forms) -> impl IntoView {
    let Forms {
        topic,
        add_topic,
        tick,
        complete,
        ..
    } = forms;
    view! {
        <section class="card" aria-labelledby="agenda-h">
            <h2 id="agenda-h">{format!("Next meeting: {}", current.day)}</h2>
            <h3>"Shared agenda"</h3>
            {if current.agenda.is_empty() {
                view! { <p class="empty">"Nothing on the agenda yet. Either of you can add a topic."</p> }.into_any()
            } else {
                view! {
                    <ul class="agenda">
                        {current.agenda.into_iter().map(|a| {
                            let aid = a.id.clone();
                            let label = a.text.clone();
                            view! {
                                <li>
                                    <label class="inline">
                                        <input type="checkbox" prop:checked=a.done checked=a.done
                                            on:change=move |ev| { tick.dispatch((aid.clone(), event_target_checked(&ev))); } />
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
            {move || tick.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
            <form on:submit=move |ev| { ev.prevent_default(); add_topic.dispatch(topic.get_untracked()); } novalidate>
                <label for="agenda-new">"Add a topic"</label>
                <input id="agenda-new" type="text" prop:value=topic on:input=move |ev| topic.set(event_target_value(&ev)) />
                {move || add_topic.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
                <button type="submit" disabled=move || add_topic.pending().get()>"Add to agenda"</button>
            </form>
            <p>
                <button type="button" class="secondary" on:click=move |_| { complete.dispatch(()); } disabled=move || complete.pending().get()>
                    "Mark meeting as held"
                </button>
                <span class="muted">" Open topics move to the next meeting."</span>
            </p>
            {move || complete.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
        </section>
    }
}

/// The viewer's private note. What they type lives in `forms`, so a refetch
/// for someone else's change to the agenda leaves it in the box.
#[component]
fn Note(stored: String, forms: Forms) -> impl IntoView {
    let Forms { note, save_note, .. } = forms;
    let shown = move || note.get().unwrap_or_else(|| stored.clone());
    let typed = move |ev| {
        note.set(Some(event_target_value(&ev)));
        // Words typed after a save are not saved yet: stop saying they are.
        if matches!(save_note.value().get_untracked(), Some(Ok(_))) {
            save_note.value().set(None);
        }
    };
    view! {
        <section class="card" aria-labelledby="note-h">
            <h2 id="note-h">"Your private note"</h2>
            <p class="muted">"Only you can read this: not the other person, not HR."</p>
            <form on:submit=move |ev| { ev.prevent_default(); save_note.dispatch(shown.clone()()); } novalidate>
                <label for="private-note" class="visually-hidden">"Private note"</label>
                <textarea id="private-note" rows="4" prop:value=shown.clone() on:input=typed>{shown.clone()()}</textarea>
                {move || save_note.value().get().map(|r| match r {
                    Ok(_) => view! { <p class="ok" role="status">"Note saved."</p> }.into_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                })}
                <button type="submit" disabled=move || save_note.pending().get()>
                    {move || if save_note.pending().get() { "Saving…" } else { "Save note" }}
                </button>
            </form>
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
fn Actions(v: OneOnOneView, people: Vec<OwnerRef>, forms: Forms) -> impl IntoView {
    let Forms {
        action: text,
        action_owner,
        action_due,
        add_action: add,
        tick_action: toggle,
        ..
    } = forms;
    let default_owner = people[1].id.to_string();
    let owner = move || action_owner.get().unwrap_or_else(|| default_owner.clone());
    let default_due = v.current.day.to_string();
    let due = move || action_due.get().unwrap_or_else(|| default_due.clone());
    let (owner_now, due_now) = (owner.clone(), due.clone());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch((text.get_untracked(), owner_now(), due_now()));
    };
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
            {move || toggle.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
            <form on:submit=send novalidate>
                <label for="action-text">"New action"</label>
                <input id="action-text" type="text" prop:value=text on:input=move |ev| text.set(event_target_value(&ev)) />
                <div class="row">
                    <span>
                        <label for="action-owner">"Owner"</label>
                        <select id="action-owner" prop:value=owner.clone() on:change=move |ev| action_owner.set(Some(event_target_value(&ev)))>
                            {people.into_iter().map(|p| {
                                let id = p.id.to_string();
                                let selected = id == owner();
                                view! { <option value=id selected=selected>{p.name}</option> }
                            }).collect_view()}
                        </select>
                    </span>
                    <span>
                        <label for="action-due">"Due"</label>
                        <input id="action-due" type="date" value=due.clone()() prop:value=due on:input=move |ev| action_due.set(Some(event_target_value(&ev))) />
                    </span>
                </div>
                {move || add.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
                <button type="submit" disabled=move || add.pending().get()>"Add action"</button>
            </form>
        </section>
    }
}

#[component]
fn Coaching(person: String, forms: Forms) -> impl IntoView {
    let Forms {
        coach_topic: topic,
        coach_agreed: agreed,
        coach_follow: follow,
        coach_on: on,
        coach: save,
        ..
    } = forms;
    let person = StoredValue::new(person);
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
                Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
            })}
            <button type="submit" disabled=move || save.pending().get()>"Save record"</button>
        </form>
    }
}
