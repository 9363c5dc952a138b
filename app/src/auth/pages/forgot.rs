use crate::auth::api::links::ForgotPassword;
use crate::ui::form_state::FormState;
use leptos::prelude::*;
use leptos_meta::Title;

/// "Forgot your password?": an email address in, the same answer out
/// whether or not it belongs to anyone.
#[component]
pub fn ForgotPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let state = FormState::new();
    let ask = ServerAction::<ForgotPassword>::new();
    let sent_to = RwSignal::new(None::<String>);
    Effect::new(move |_| state.saved(ask.value().get(), |_| sent_to.set(Some(email.get_untracked()))));
    let none = Memo::new(|_| Vec::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sent_to.set(None);
        if state.submit(none) {
            ask.dispatch(ForgotPassword {
                email: email.get_untracked(),
            });
        }
    };
    view! {
        <Title text="Forgot your password?" />
        <section class="card narrow">
            <h1>"Forgot your password?"</h1>
            <p>"Enter your work email. If it belongs to a Tend account, we send a link to choose a new password; it works once, for one hour."</p>
            <form class="stack" on:submit=on_submit novalidate>
                <label for="email">"Work email"</label>
                <input id="email" type="email" autocomplete="username" maxlength="254"
                    prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
                {state.field_msg("email", none, || false)}
                <button type="submit" disabled=move || ask.pending().get()>
                    {move || if ask.pending().get() { "Sending…" } else { "Send me a link" }}
                </button>
                {move || state.form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                {move || sent_to.get().map(|to| view! {
                    <p class="form-ok" role="status">
                        {format!("If {to} belongs to a Tend account, a link is on its way. Check your inbox (and spam) in a minute.")}
                    </p>
                })}
            </form>
            <p><a href="/login">"Back to sign in"</a></p>
        </section>
    }
}
