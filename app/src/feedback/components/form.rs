//! The feedback form: Situation–Behaviour–Impact plus a next step, with the
//! quality scorer re-run on every keystroke (the same code the server runs
//! when saving). Hints are gentle; nothing here stops sending.

use crate::feedback::api::{edit_feedback, feedback_goal_options, give_feedback};
use crate::feedback::model::{FeedbackDraft, FeedbackKind, FeedbackStart, FeedbackVisibility};
use crate::feedback::rules::FIELD_MAX;
use crate::feedback::{quality as feedback_quality, rules as feedback_rules};
use crate::people::components::colleague_picker::ColleaguePicker;
use crate::shared::ids::PersonId;
use crate::ui::form_state::FormState;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn FeedbackForm(start: FeedbackStart, corrects: Option<String>) -> impl IntoView {
    let existing = start.existing.clone();
    let init = existing.clone();
    let recipient = RwSignal::new(start.recipient.clone());
    let kind = RwSignal::new(init.as_ref().map(|e| e.kind).unwrap_or(FeedbackKind::Praise));
    let visibility = RwSignal::new(
        init.as_ref()
            .map(|e| e.visibility)
            .unwrap_or(FeedbackVisibility::Private),
    );
    let text = |f: fn(&crate::feedback::model::FeedbackEntry) -> &String| {
        RwSignal::new(init.as_ref().map(|e| f(e).clone()).unwrap_or_default())
    };
    let situation = text(|e| &e.situation);
    let behaviour = text(|e| &e.behaviour);
    let impact = text(|e| &e.impact);
    let suggestion = text(|e| &e.suggestion);
    let body = text(|e| &e.body);
    let skill = text(|e| &e.skill);
    let goal = RwSignal::new(
        init.as_ref()
            .and_then(|e| e.goal.as_ref().map(|g| g.0.clone()))
            .unwrap_or_default(),
    );
    let goal_options = Resource::new(
        move || recipient.get().map(|r| r.id.to_string()),
        |who| async move {
            match who {
                Some(p) => feedback_goal_options(p).await.unwrap_or_default(),
                None => Vec::new(),
            }
        },
    );
    let happened = RwSignal::new(init.as_ref().map(|e| e.happened_on).unwrap_or(start.today).to_string());
    let ask = start.ask.as_ref().map(|a| a.id.clone());
    let today = start.today;

    let draft = Memo::new(move |_| FeedbackDraft {
        recipient: recipient.get().map(|r| r.id.to_string()).unwrap_or_default(),
        kind: kind.get(),
        visibility: visibility.get(),
        situation: situation.get(),
        behaviour: behaviour.get(),
        impact: impact.get(),
        suggestion: suggestion.get(),
        body: body.get(),
        happened_on: happened.get(),
        goal: Some(goal.get()).filter(|g| !g.is_empty()),
        skill: skill.get(),
        ask: ask.clone(),
        corrects: corrects.clone(),
    });
    let score = Memo::new(move |_| {
        let d = draft.get();
        feedback_quality::score(d.kind, &d.main_text(), &d.suggestion)
    });
    let form = FormState::new();
    let errors = Memo::new(move |_| {
        // Feedback to oneself is refused by the server; the picker never offers it.
        let me = PersonId::parse("self").expect("static");
        feedback_rules::validate(&draft.get(), &me, today)
            .err()
            .unwrap_or_default()
    });
    let field_msg = move |field: &'static str| form.field_msg(field, errors, || false);

    let editing = StoredValue::new(existing.as_ref().map(|e| e.id.clone()));
    let save = Action::new(move |d: &FeedbackDraft| {
        let d = d.clone();
        let id = editing.get_value();
        async move {
            match id {
                Some(id) => edit_feedback(id.clone(), d).await.map(|_| id),
                None => give_feedback(d).await,
            }
        }
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        form.saved(save.value().get(), |id| {
            navigate(&format!("/feedback/{id}"), Default::default())
        })
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.submit(errors) {
            save.dispatch(draft.get_untracked());
        }
    };

    let area = move |id: &'static str, label: &'static str, hint: &'static str, sig: RwSignal<String>| {
        view! {
            <label for=id>{label}</label>
            <textarea id=id rows="2" placeholder=hint prop:value=sig
                on:input=move |ev| sig.set(event_target_value(&ev))>{sig.get_untracked()}</textarea>
            <p class="muted counter">{move || {
                let n = sig.with(|s| s.trim().chars().count());
                (n > FIELD_MAX * 3 / 4).then(|| format!("{n}/{FIELD_MAX}"))
            }}</p>
        }
    };
    let fixed_recipient = existing.is_some() || start.ask.is_some();

    view! {
        <form class="card feedback-form" on:submit=on_submit novalidate>
            {start.ask.clone().map(|a| view! {
                <p class="muted">{format!("Answering {}'s ask: \u{201c}{}\u{201d}", a.requester.name, a.topic)}</p>
            })}
            {if fixed_recipient {
                view! { <p>"For " <strong>{start.recipient.clone().map(|r| r.name).unwrap_or_default()}</strong></p> }.into_any()
            } else {
                view! { <ColleaguePicker chosen=recipient id="fb-recipient" label="Who is it for?" /> }.into_any()
            }}
            {field_msg("recipient")}

            <div class="row">
                <span>
                    <label for="fb-kind">"Kind"</label>
                    <select id="fb-kind" on:change=move |ev| {
                        if let Some(k) = FeedbackKind::parse(&event_target_value(&ev)) { kind.set(k) }
                    }>
                        {FeedbackKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=move || kind.get() == k>{k.label()}</option>
                        }).collect_view()}
                    </select>
                </span>
                <span>
                    <label for="fb-happened">"When did it happen?"</label>
                    <input id="fb-happened" type="date" value=happened.get_untracked() prop:value=happened
                        max=today.to_string() on:input=move |ev| happened.set(event_target_value(&ev)) />
                </span>
            </div>
            {field_msg("happened_on")}

            <fieldset class="sbi">
                <legend>"Situation – Behaviour – Impact"</legend>
                {area("fb-situation", "Situation", "Where and when? e.g. In Tuesday's release review", situation)}
                {field_msg("situation")}
                {area("fb-behaviour", "Behaviour", "What did they do or say, exactly?", behaviour)}
                {field_msg("behaviour")}
                {area("fb-impact", "Impact", "What was the effect on you, the team, the work?", impact)}
                {field_msg("impact")}
            </fieldset>
            {area("fb-suggestion", "Suggestion or next step", "What could they try next time?", suggestion)}
            {field_msg("suggestion")}
            {area("fb-body", "Or write it freely (optional)", "Anything that doesn't fit the structure", body)}
            {field_msg("body")}

            <section class="smart" id="fb-quality" aria-live="polite" aria-label="Feedback quality">
                {move || {
                    let s = score.get();
                    view! {
                        <p class="score"><strong>{format!("Quality {}/100", s.score)}</strong>" · "{s.label()}</p>
                        <ul>
                            {s.hints.iter().map(|h| view! { <li data-hint=h.code()>{h.message()}</li> }).collect_view()}
                        </ul>
                    }
                }}
            </section>

            <label for="fb-goal">"About a goal (optional)"</label>
            <Transition fallback=|| view! { <Loading text="Loading their goals…" /> }>
                {move || goal_options.get().map(|list| {
                    let empty = list.is_empty();
                    view! {
                        <select id="fb-goal" disabled=empty on:change=move |ev| goal.set(event_target_value(&ev))>
                            <option value="">{if empty { "No goals this quarter" } else { "No goal" }}</option>
                            {list.into_iter().map(|(id, title)| {
                                let selected = goal.get_untracked() == id;
                                view! { <option value=id selected=selected>{title}</option> }
                            }).collect_view()}
                        </select>
                    }
                })}
            </Transition>
            {field_msg("goal")}

            <label for="fb-skill">"Skill (optional)"</label>
            <input id="fb-skill" type="text" value=skill.get_untracked() prop:value=skill
                on:input=move |ev| skill.set(event_target_value(&ev)) />
            {field_msg("skill")}

            <fieldset>
                <legend>"Who can see it"</legend>
                {FeedbackVisibility::ALL.into_iter().map(|v| view! {
                    <label class="inline">
                        <input type="radio" name="fb-visibility" value=v.as_str()
                            prop:checked=move || visibility.get() == v on:change=move |_| visibility.set(v) />
                        " " {v.label()}
                    </label>
                }).collect_view()}
            </fieldset>
            {field_msg("visibility")}
            {field_msg("ask")}
            {field_msg("corrects")}

            {move || form.form_error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <button type="submit" disabled=move || save.pending().get()>
                {move || match (save.pending().get(), editing.get_value().is_some()) {
                    (true, _) => "Saving…",
                    (false, true) => "Save changes",
                    (false, false) => "Send feedback",
                }}
            </button>
        </form>
    }
}
