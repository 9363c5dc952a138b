use crate::reminders::api::{reminder_rules, SaveReminderRules};
use crate::reminders::model::Rules;
use crate::ui::error_page::ErrorPage;
use crate::ui::form_state::FormState;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// HR tunes when Tend reminds people and when it tells their manager or HR.
#[component]
pub fn ReminderSettingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| reminder_rules());
    view! {
        <Title text="Reminders" />
        <h1>"Reminders"</h1>
        <p class="hint">"Tend checks these every few minutes and tells each person once per occasion; a reminder stops when the work is done. 0 turns a rule off."</p>
        <Suspense fallback=|| view! { <Loading text="Loading the reminder rules…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(r) => view! { <RulesForm r /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RulesForm(r: Rules) -> impl IntoView {
    let fields: Vec<(&'static str, &'static str, RwSignal<String>)> = vec![
        (
            "checkin_first",
            "Remind a goal's owner after this many days without a check-in",
            RwSignal::new(r.checkin_first.to_string()),
        ),
        (
            "checkin_second",
            "…and again after",
            RwSignal::new(r.checkin_second.to_string()),
        ),
        (
            "checkin_escalate",
            "…then tell their manager after",
            RwSignal::new(r.checkin_escalate.to_string()),
        ),
        (
            "review_first",
            "Remind a review's writer this many days before it is due",
            RwSignal::new(r.review_first.to_string()),
        ),
        (
            "review_second",
            "…and again this many days before",
            RwSignal::new(r.review_second.to_string()),
        ),
        (
            "review_hr_after",
            "Tell HR when a review is this many days overdue (the manager is told at once)",
            RwSignal::new(r.review_hr_after.to_string()),
        ),
        (
            "ask_days",
            "Remind someone of a feedback ask unanswered for",
            RwSignal::new(r.ask_days.to_string()),
        ),
    ];
    let agenda = RwSignal::new(r.one_on_one_agenda);
    let perception = RwSignal::new(r.perception_opens);
    let state = FormState::new();
    let save = ServerAction::<SaveReminderRules>::new();
    let saved = RwSignal::new(false);
    Effect::new(move |_| state.saved(save.value().get(), |_| saved.set(true)));
    let none = Memo::new(|_| Vec::new());
    let read = fields.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let n = |name: &str| -> Result<u32, ()> {
            let v = read
                .iter()
                .find(|(f, _, _)| *f == name)
                .map(|(_, _, s)| s.get_untracked())
                .unwrap_or_default();
            v.trim().parse::<u32>().map_err(|_| ())
        };
        let bad = read.iter().find(|(f, _, _)| n(f).is_err()).map(|(f, _, _)| *f);
        if let Some(field) = bad {
            state.form_error.set(Some(format!(
                "Enter a whole number of days for every rule ({field} is not one)."
            )));
            return;
        }
        if state.submit(none) {
            save.dispatch(SaveReminderRules {
                rules: Rules {
                    checkin_first: n("checkin_first").unwrap_or(0),
                    checkin_second: n("checkin_second").unwrap_or(0),
                    checkin_escalate: n("checkin_escalate").unwrap_or(0),
                    review_first: n("review_first").unwrap_or(0),
                    review_second: n("review_second").unwrap_or(0),
                    review_hr_after: n("review_hr_after").unwrap_or(0),
                    ask_days: n("ask_days").unwrap_or(0),
                    one_on_one_agenda: agenda.get_untracked(),
                    perception_opens: perception.get_untracked(),
                },
            });
        }
    };
    view! {
        <form class="card stack" on:submit=on_submit novalidate>
            {fields.into_iter().map(|(name, label, value)| view! {
                <label for=name>{label} " (days)"</label>
                <input id=name type="number" min="0" max="365" inputmode="numeric"
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                {state.field_msg(name, none, || false)}
            }).collect_view()}
            <label><input type="checkbox" prop:checked=move || agenda.get() on:change=move |ev| agenda.set(event_target_checked(&ev)) />
                " Remind both people of a 1:1 tomorrow whose agenda is empty"</label>
            <label><input type="checkbox" prop:checked=move || perception.get() on:change=move |ev| perception.set(event_target_checked(&ev)) />
                " Tell everyone when the fortnightly feedback check opens"</label>
            <button type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save reminder rules" }}
            </button>
            {move || state.form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {move || saved.get().then(|| view! { <p class="form-ok" role="status">"Saved. The next scan uses these rules."</p> })}
        </form>
    }
}
