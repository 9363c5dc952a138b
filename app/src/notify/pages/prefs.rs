use crate::notify::api::{notification_prefs, SaveNotificationPrefs};
use crate::notify::model::{Delivery, Kind, Prefs, PrefsDraft};
use crate::ui::error_page::ErrorPage;
use crate::ui::form_state::FormState;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// What Tend emails the viewer: each kind at once, in a daily or weekly
/// digest, or inbox only; and quiet hours in their time zone.
#[component]
pub fn NotificationPrefsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| notification_prefs());
    view! {
        <Title text="Notification settings" />
        <h1>"Notification settings"</h1>
        <Suspense fallback=|| view! { <Loading text="Loading your settings…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(p) => view! { <PrefsForm p /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn hour_label(h: u8) -> String {
    format!("{h:02}:00")
}

#[component]
fn PrefsForm(p: Prefs) -> impl IntoView {
    let kinds: Vec<(Kind, RwSignal<Delivery>)> = p.kinds.iter().map(|(k, d)| (*k, RwSignal::new(*d))).collect();
    let (from, to) = match p.quiet {
        Some((a, b)) => (hour_label(a), hour_label(b)),
        None => (String::new(), String::new()),
    };
    let quiet_from = RwSignal::new(from);
    let quiet_to = RwSignal::new(to);
    let state = FormState::new();
    let save = ServerAction::<SaveNotificationPrefs>::new();
    let saved = RwSignal::new(false);
    Effect::new(move |_| state.saved(save.value().get(), |_| saved.set(true)));
    let none = Memo::new(|_| Vec::new());
    let list = kinds.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        if state.submit(none) {
            save.dispatch(SaveNotificationPrefs {
                draft: PrefsDraft {
                    kinds: list
                        .iter()
                        .map(|(k, d)| (k.code().to_owned(), d.get_untracked().code().to_owned()))
                        .collect(),
                    quiet_from: quiet_from.get_untracked(),
                    quiet_to: quiet_to.get_untracked(),
                },
            });
        }
    };
    view! {
        <form class="card stack" on:submit=on_submit novalidate>
            <p class="hint">"Everything appears in your " <a href="/inbox">"inbox"</a> ". Choose what is also emailed, and when. Several at once arrive as one email."</p>
            <table class="prefs">
                <thead><tr><th scope="col">"When"</th><th scope="col">"Email"</th></tr></thead>
                <tbody>
                    {kinds.into_iter().map(|(k, d)| view! {
                        <tr>
                            <td><label for=k.code()>{k.label()}</label></td>
                            <td>
                                <select id=k.code() name=k.code()
                                    on:change=move |ev| if let Some(v) = Delivery::parse(&event_target_value(&ev)) { d.set(v) }>
                                    {Delivery::ALL.into_iter().map(|o| view! {
                                        <option value=o.code() selected=move || d.get() == o>{o.label()}</option>
                                    }).collect_view()}
                                </select>
                                {state.field_msg(k.code(), none, || false)}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <fieldset>
                <legend>{format!("Quiet hours ({} time)", p.time_zone)}</legend>
                <p class="hint">"No email between these hours; what comes in waits until they end."</p>
                <label for="quiet_from">"From"</label>
                <select id="quiet_from" on:change=move |ev| quiet_from.set(event_target_value(&ev))>
                    <option value="" selected=move || quiet_from.get().is_empty()>"No quiet hours"</option>
                    {move || (0u8..24).map(|h| { let v = hour_label(h); let s = v.clone(); view! { <option value=v selected=move || quiet_from.get() == s>{hour_label(h)}</option> } }).collect_view()}
                </select>
                {state.field_msg("quiet_from", none, || false)}
                <label for="quiet_to">"Until"</label>
                <select id="quiet_to" on:change=move |ev| quiet_to.set(event_target_value(&ev))>
                    <option value="" selected=move || quiet_to.get().is_empty()>"—"</option>
                    {move || (0u8..24).map(|h| { let v = hour_label(h); let s = v.clone(); view! { <option value=v selected=move || quiet_to.get() == s>{hour_label(h)}</option> } }).collect_view()}
                </select>
                {state.field_msg("quiet_to", none, || false)}
            </fieldset>
            <button type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save settings" }}
            </button>
            {move || state.form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {move || saved.get().then(|| view! { <p class="form-ok" role="status">"Saved. New notifications follow these settings."</p> })}
        </form>
    }
}
