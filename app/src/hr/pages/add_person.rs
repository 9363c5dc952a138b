use crate::hr::api::admin::{org_units, SavePerson};
use crate::hr::components::person_fields::{PersonFields, PersonSignals};
use crate::hr::model::{PersonForm, UnitLine};
use crate::people::components::colleague_picker::ColleaguePicker;
use crate::people::model::OwnerRef;
use crate::ui::error_page::ErrorPage;
use crate::ui::form_state::FormState;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

/// HR adds one person: their details and who they report to. The unit list
/// is HR's, so anyone else gets the 403 page.
#[component]
pub fn AddPersonPage() -> impl IntoView {
    let units = Resource::new(|| (), |_| org_units());
    view! {
        <Title text="Add a person" />
        <h1>"Add a person"</h1>
        <Suspense fallback=|| view! { <Loading text="Loading units…" /> }>
            {move || Suspend::new(async move {
                match units.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(units) => view! { <AddForm units /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AddForm(units: Vec<UnitLine>) -> impl IntoView {
    let s = PersonSignals::new(&PersonForm::default());
    let manager = RwSignal::new(None::<OwnerRef>);
    let invite = RwSignal::new(true);
    // With password sign-in off there is no password to invite anyone to choose.
    let passwords = crate::auth::session::use_password_sign_in();
    let state = FormState::new();
    let save = ServerAction::<SavePerson>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        state.saved(save.value().get(), |id| {
            navigate(&format!("/people/{id}/admin"), Default::default())
        })
    });
    let local = s.local_errors();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.submit(local) {
            let m = manager.get_untracked().map(|m| m.id.to_string());
            let mut form = s.form(None, m);
            form.invite = invite.get_untracked() && passwords.get_untracked();
            save.dispatch(SavePerson { form });
        }
    };
    view! {
        <form class="card stack" on:submit=on_submit novalidate>
            <PersonFields s units state />
            <ColleaguePicker chosen=manager id="manager" label="Reports to" />
            {state.field_msg("manager", local, || false)}
            <Suspense fallback=|| ()>
                <Show when=move || passwords.get()>
                    <label class="check">
                        <input type="checkbox" bind:checked=invite />
                        " Mail them an invitation to choose a password (a link that works once, for 7 days)"
                    </label>
                </Show>
            </Suspense>
            <button type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Adding…" } else { "Add the person" }}
            </button>
            {move || state.form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </form>
    }
}
