use crate::auth::api::links::SendInvitation;
use crate::dashboards::api::RecordHrEvent;
use crate::hr::api::admin::{admin_person, org_units, ChangeManager, SavePerson};
use crate::hr::components::person_fields::{PersonFields, PersonSignals};
use crate::hr::model::{PersonForm, PersonRecord, UnitLine};
use crate::hr::pages::history::History;
use crate::people::components::colleague_picker::ColleaguePicker;
use crate::people::model::OwnerRef;
use crate::ui::error_page::ErrorPage;
use crate::ui::form_state::FormState;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// HR administers one person: details and HR access, a dated move to
/// another manager, leaving, and the history of every change.
#[component]
pub fn PersonAdminPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    // Every change below bumps this, so the record and history re-read.
    let version = RwSignal::new(0u32);
    let record = Resource::new(move || (id(), version.get()), |(id, _)| admin_person(id));
    let units = Resource::new(|| (), |_| org_units());
    view! {
        <Transition fallback=|| view! { <Loading text="Loading…" /> }>
            {move || Suspend::new(async move {
                match (record.await, units.await) {
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorPage error /> }.into_any(),
                    (Ok(p), Ok(units)) => view! { <Admin p units version /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Admin(p: PersonRecord, units: Vec<UnitLine>, version: RwSignal<u32>) -> impl IntoView {
    let profile = format!("/people/{}", p.id);
    let left = p.left_on.clone();
    view! {
        <Title text=format!("Administer {}", p.name) />
        <h1>{format!("Administer {}", p.name)}</h1>
        <p><a href=profile>"Their profile page"</a></p>
        {left.clone().map(|day| view! {
            <p class="notice" role="status">{format!("Left on {day}. Their goals, feedback and reviews are kept; the record can no longer be changed.")}</p>
        })}
        {left.is_none().then(|| view! {
            <Details p=p.clone() units version />
            <Manager p=p.clone() version />
            <Invite id=p.id.clone() email=p.email.clone() />
            <Leaving id=p.id.clone() version />
        })}
        <section class="card">
            <h2>"History"</h2>
            <History lines=p.history.clone() />
        </section>
    }
}

#[component]
fn Details(p: PersonRecord, units: Vec<UnitLine>, version: RwSignal<u32>) -> impl IntoView {
    let form = PersonForm {
        id: Some(p.id.clone()),
        employee_id: p.employee_id.clone().unwrap_or_default(),
        email: p.email.clone(),
        name: p.name.clone(),
        title: p.title.clone(),
        unit: p.unit.0.clone(),
        is_hr: p.is_hr,
        time_zone: p.time_zone.clone().unwrap_or_default(),
        start_date: p.start_date.clone().unwrap_or_default(),
        manager: None,
        invite: false,
    };
    let s = PersonSignals::new(&form);
    let state = FormState::new();
    let save = ServerAction::<SavePerson>::new();
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        state.saved(save.value().get(), |_| {
            saved.set(true);
            version.update(|v| *v += 1);
        })
    });
    let local = s.local_errors();
    let id = p.id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        if state.submit(local) {
            save.dispatch(SavePerson {
                form: s.form(Some(id.clone()), None),
            });
        }
    };
    view! {
        <form class="card stack" on:submit=on_submit novalidate>
            <h2>"Details"</h2>
            <PersonFields s units state />
            <button type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save details" }}
            </button>
            {move || state.form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {move || saved.get().then(|| view! { <p class="form-ok" role="status">"Saved."</p> })}
        </form>
    }
}

#[component]
fn Manager(p: PersonRecord, version: RwSignal<u32>) -> impl IntoView {
    let chosen = RwSignal::new(None::<OwnerRef>);
    // Empty means today (the server's day).
    let effective = RwSignal::new(String::new());
    let change = ServerAction::<ChangeManager>::new();
    let state = FormState::new();
    Effect::new(move |_| {
        state.saved(change.value().get(), |_| {
            chosen.set(None);
            version.update(|v| *v += 1);
        })
    });
    let none = Memo::new(|_| Vec::new());
    let id = p.id.clone();
    let current = p
        .manager
        .clone()
        .map(|m| view! { <a href=format!("/people/{}", m.id)>{m.name}</a> }.into_any())
        .unwrap_or_else(|| view! { <span>"Nobody: they lead the organisation"</span> }.into_any());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.server_errors.set(vec![]);
        match chosen.get_untracked() {
            None => state.form_error.set(Some("Choose the new manager first.".into())),
            Some(m) => {
                state.form_error.set(None);
                change.dispatch(ChangeManager {
                    person: id.clone(),
                    manager: m.id.to_string(),
                    effective: effective.get_untracked(),
                });
            }
        }
    };
    view! {
        <form class="card stack" on:submit=on_submit novalidate>
            <h2>"Manager"</h2>
            <p>"Reports to " {current}</p>
            <ColleaguePicker chosen id="new-manager" label="New manager" />
            {state.field_msg("manager", none, || false)}
            <label for="effective">"Counts from (empty for today)"</label>
            <input id="effective" type="date" prop:value=move || effective.get() on:input=move |ev| effective.set(event_target_value(&ev)) />
            {state.field_msg("effective", none, || false)}
            <button type="submit" disabled=move || change.pending().get()>
                {move || if change.pending().get() { "Moving…" } else { "Move to this manager" }}
            </button>
            {move || state.form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </form>
    }
}

#[component]
fn Leaving(id: String, version: RwSignal<u32>) -> impl IntoView {
    let record = ServerAction::<RecordHrEvent>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = record.value().get() {
            version.update(|v| *v += 1);
        }
    });
    let error = move || match record.value().get() {
        Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }),
        _ => None,
    };
    view! {
        <section class="card">
            <h2>"Leaving"</h2>
            <p class="hint">"They are signed out at once and can no longer sign in. Their goals, feedback and reviews stay, marked as left."</p>
            <ActionForm action=record attr:class="stack">
                <input type="hidden" name="person" value=id />
                <label>"What happened "
                    <select name="kind">
                        <option value="left_voluntary">"Left by choice"</option>
                        <option value="left_involuntary">"Let go"</option>
                    </select>
                </label>
                <label>"Last day " <input type="date" name="day" required /></label>
                <label>"Reason (optional) " <input name="reason" maxlength="500" /></label>
                <button type="submit" class="danger" disabled=move || record.pending().get()>"Record that they left"</button>
            </ActionForm>
            {error}
        </section>
    }
}

/// Mails a sign-in link: a first invitation, or a new one when theirs
/// expired or they never chose a password. A new link replaces the old.
/// Not offered when password sign-in is off (people use single sign-on).
#[component]
fn Invite(id: String, email: String) -> impl IntoView {
    let passwords = crate::auth::session::use_password_sign_in();
    let send = ServerAction::<SendInvitation>::new();
    let result = move || match send.value().get() {
        Some(Ok(())) => Some(
            view! { <p class="form-ok" role="status">"Invitation queued. It is listed on the Emails page."</p> }
                .into_any(),
        ),
        Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any()),
        None => None,
    };
    let id = StoredValue::new(id);
    let email = StoredValue::new(email);
    view! {
        <Suspense fallback=|| ()>
        <Show when=move || passwords.get()>
        <section class="card">
            <h2>"Invitation"</h2>
            <p class="hint">{format!("Mails {} a link to choose a password, which works once for 7 days. An earlier link stops working.", email.get_value())}</p>
            <button type="button" disabled=move || send.pending().get()
                on:click=move |_| { send.dispatch(SendInvitation { person: id.get_value() }); }>
                {move || if send.pending().get() { "Sending…" } else { "Send an invitation" }}
            </button>
            {result}
        </section>
        </Show>
        </Suspense>
    }
}
