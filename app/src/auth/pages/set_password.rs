use crate::auth::api::links::{sign_in_link, UseSignInLink};
use crate::auth::links::{LinkInfo, LinkKind};
use crate::auth::password_policy::{weakness, MIN};
use crate::error::FieldError;
use crate::ui::error_page::ErrorPage;
use crate::ui::form_state::FormState;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where an invitation or reset link lands: who it is for, then a new
/// password (checked as they type). Using it signs them in.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let link = Resource::new(token, sign_in_link);
    view! {
        <Title text="Choose your password" />
        <section class="card narrow">
            <Suspense fallback=|| view! { <Loading text="Checking your link…" /> }>
                {move || Suspend::new(async move {
                    match link.await {
                        Err(error) => view! {
                            <h1>"This link cannot be used"</h1>
                            <ErrorPage error />
                            <p><a href="/forgot">"Ask for a new link"</a> " · " <a href="/login">"Sign in"</a></p>
                        }.into_any(),
                        Ok(info) => view! { <Form info token=token() /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Form(info: LinkInfo, token: String) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let state = FormState::new();
    let set = ServerAction::<UseSignInLink>::new();
    Effect::new(move |_| {
        state.saved(set.value().get(), |_| {
            // Signed in now: a full load, so the whole app sees the session.
            #[cfg(feature = "hydrate")]
            if let Some(w) = web_sys::window() {
                let _ = w.location().assign("/");
            }
        })
    });
    let (name, email) = (info.name.clone(), info.email.clone());
    let local = Memo::new(move |_| {
        let mut errors = Vec::new();
        if let Some(why) = weakness(&password.get(), &name, &email) {
            errors.push(FieldError {
                field: "password".into(),
                message: why,
            });
        }
        if password.with(|p| again.with(|a| p != a)) {
            errors.push(FieldError {
                field: "again".into(),
                message: "The two passwords differ.".into(),
            });
        }
        errors
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.submit(local) {
            set.dispatch(UseSignInLink {
                token: token.clone(),
                password: password.get_untracked(),
            });
        }
    };
    let (title, lead) = match info.kind {
        LinkKind::Invitation => (
            format!("Welcome to Tend, {}", info.name),
            "Choose a password to sign in. You will use it with your work email.",
        ),
        LinkKind::Reset => (
            format!("Choose a new password, {}", info.name),
            "Your other sessions end when you save it.",
        ),
    };
    let input = move |id: &'static str, label: String, value: RwSignal<String>| {
        view! {
            <label for=id>{label}</label>
            <input id=id type="password" autocomplete="new-password" maxlength="256" prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            {state.field_msg(id, local, move || id == "password" && password.with(|p| !p.is_empty()))}
        }
    };
    view! {
        <h1>{title}</h1>
        <p>{lead}</p>
        <p class="hint">{format!("Signing in as {}", info.email)}</p>
        <form class="stack" on:submit=on_submit novalidate>
            <input type="email" autocomplete="username" value=info.email.clone() hidden=true readonly=true />
            {input("password", format!("Password (at least {MIN} characters)"), password)}
            {input("again", "Password again".into(), again)}
            <button type="submit" disabled=move || set.pending().get()>
                {move || if set.pending().get() { "Saving…" } else { "Save and sign in" }}
            </button>
            {move || state.form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </form>
    }
}
