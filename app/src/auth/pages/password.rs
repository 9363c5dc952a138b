use crate::auth::api::ChangePassword;
use crate::auth::password_policy::{weakness, MIN};
use crate::error::FieldError;
use crate::ui::form_state::FormState;
use leptos::prelude::*;
use leptos_meta::Title;

/// The signed-in person changes their password: the current one, then a
/// new one the policy accepts (said as they type). Their other sessions
/// end; this one stays.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let state = FormState::new();
    let change = ServerAction::<ChangePassword>::new();
    let done = RwSignal::new(false);
    Effect::new(move |_| {
        state.saved(change.value().get(), |_| {
            done.set(true);
            current.set(String::new());
            new.set(String::new());
            again.set(String::new());
        })
    });
    // The browser checks length and the common list as you type; the
    // server also refuses passwords built from the person's own name.
    let local = Memo::new(move |_| {
        let mut errors = Vec::new();
        if let Some(why) = weakness(&new.get(), "", "") {
            errors.push(FieldError {
                field: "new".into(),
                message: why,
            });
        }
        if new.with(|n| again.with(|a| n != a)) {
            errors.push(FieldError {
                field: "again".into(),
                message: "The two new passwords differ.".into(),
            });
        }
        errors
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        if state.submit(local) {
            change.dispatch(ChangePassword {
                current: current.get_untracked(),
                new: new.get_untracked(),
            });
        }
    };
    let input = move |id: &'static str, label: String, value: RwSignal<String>, auto: &'static str| {
        view! {
            <label for=id>{label}</label>
            <input id=id type="password" autocomplete=auto prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            {state.field_msg(id, local, move || id == "new" && new.with(|n| !n.is_empty()))}
        }
    };
    view! {
        <Title text="Change your password" />
        <h1>"Change your password"</h1>
        <form class="card stack" on:submit=on_submit novalidate>
            {input("current", "Current password".into(), current, "current-password")}
            {input("new", format!("New password (at least {MIN} characters)"), new, "new-password")}
            {input("again", "New password again".into(), again, "new-password")}
            <button type="submit" disabled=move || change.pending().get()>
                {move || if change.pending().get() { "Changing…" } else { "Change password" }}
            </button>
            {move || state.form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {move || done.get().then(|| view! {
                <p class="form-ok" role="status">"Your password is changed. You were signed out everywhere else."</p>
            })}
        </form>
    }
}
