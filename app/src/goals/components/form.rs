//! The goal form, for creating and editing. Every keystroke re-runs the SMART
//! checker and the save rules (the same pure code the server runs), so hints
//! and field errors appear as the user types.

use crate::error::FieldError;
use crate::goals::api::form::{create_goal, parent_options, update_goal};
use crate::goals::model::{
    FormOptions, GoalDraft, GoalId, GoalToEdit, KrDraft, Level, OwnerOption, Period, Visibility,
};
use crate::goals::rules::TITLE_MAX;
use crate::goals::{rules as goal_rules, smart as quality};
use crate::shared::date::{Day, Quarter};
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::kr_editor::{blank_kr, KrEditor, Krs};
use crate::ui::form_state::FormState;

/// Create (no `existing`) or edit a goal. `parent` preselects an alignment.
#[component]
pub fn GoalForm(options: FormOptions, existing: Option<GoalToEdit>, parent: Option<String>) -> impl IntoView {
    let editing = existing.as_ref().map(|e| e.id.clone());
    let owners: Vec<OwnerOption> = match &existing {
        Some(e) => vec![e.owner.clone()],
        None => options.owners.clone(),
    };
    let init = existing.as_ref().map(|e| e.draft.clone());
    let current = options.current;
    let (init_quarter, init_custom) = match init.as_ref().map(|d| d.period) {
        Some(Period::Custom { start, end }) => (current, Some((start, end))),
        Some(Period::Quarter(q)) => (q, None),
        None => (current, None),
    };
    // An older goal's own quarter stays choosable even when it left the usual range.
    let mut quarters = options.quarters.clone();
    if !quarters.contains(&init_quarter) {
        quarters.push(init_quarter);
        quarters.sort();
    }
    let choice = RwSignal::new(0usize);
    let title = RwSignal::new(init.as_ref().map(|d| d.title.clone()).unwrap_or_default());
    let description = RwSignal::new(init.as_ref().map(|d| d.description.clone()).unwrap_or_default());
    let use_quarter = RwSignal::new(init_custom.is_none());
    let quarter = RwSignal::new(init_quarter.to_string());
    let start = RwSignal::new(init_custom.map(|c| c.0.to_string()).unwrap_or_default());
    let end = RwSignal::new(init_custom.map(|c| c.1.to_string()).unwrap_or_default());
    let due = RwSignal::new(match &init {
        Some(d) => d.due.map(|d| d.to_string()).unwrap_or_default(),
        None => current.end().to_string(),
    });
    let parent_id = RwSignal::new(
        init.as_ref()
            .and_then(|d| d.parent.as_ref().map(|p| p.to_string()))
            .or(parent)
            .unwrap_or_default(),
    );
    let weight = RwSignal::new(
        init.as_ref()
            .map(|d| d.alignment_weight.clone())
            .unwrap_or_else(|| "1".into()),
    );
    let visibility = RwSignal::new(init.as_ref().map(|d| d.visibility).unwrap_or(Visibility::Org));
    let next_key = StoredValue::new(0u32);
    let fresh = move |kr: KrDraft| {
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        (k, kr)
    };
    let krs: Krs = RwSignal::new(match &init {
        Some(d) => d.key_results.iter().cloned().map(fresh).collect(),
        None => vec![fresh(blank_kr())],
    });
    let form = FormState::new();

    let owners = StoredValue::new(owners);
    let chosen = move || owners.with_value(|o| o.get(choice.get()).cloned());
    let period = Memo::new(move |_| -> Result<Period, String> {
        if use_quarter.get() {
            Quarter::parse(&quarter.get())
                .map(Period::Quarter)
                .ok_or_else(|| "Choose a quarter.".into())
        } else {
            match (Day::parse(&start.get()), Day::parse(&end.get())) {
                (Some(s), Some(e)) => Ok(Period::Custom { start: s, end: e }),
                _ => Err("Enter a start and an end date.".into()),
            }
        }
    });
    let draft = Memo::new(move |_| {
        let owner = chosen();
        GoalDraft {
            level: owner.as_ref().map(|o| o.level).unwrap_or(Level::Person),
            owner: owner.map(|o| o.owner.id),
            title: title.get(),
            description: description.get(),
            period: period.get().unwrap_or(Period::Quarter(current)),
            due: Day::parse(&due.get()),
            parent: GoalId::parse(&parent_id.get()),
            alignment_weight: weight.get(),
            visibility: visibility.get(),
            key_results: krs.get().into_iter().map(|(_, k)| k).collect(),
        }
    });
    let hints = Memo::new(move |_| quality::check(&draft.get()));
    let errors = Memo::new(move |_| {
        let mut errs = goal_rules::validate(&draft.get()).err().unwrap_or_default();
        if let Err(m) = period.get() {
            errs.push(FieldError {
                field: "period".into(),
                message: m,
            });
        }
        errs
    });
    let goal_key = editing.as_ref().map(|g| g.to_string());
    let parents = Resource::new(
        move || {
            let d = draft.get();
            (
                d.level,
                d.owner.map(|o| o.to_string()).unwrap_or_default(),
                d.period.start().to_string(),
                d.period.end().to_string(),
            )
        },
        move |(level, owner, s, e)| {
            let goal = goal_key.clone();
            async move { parent_options(level.as_str().into(), owner, s, e, goal).await }
        },
    );

    // On a new goal, a preselected or earlier parent that the chosen owner may
    // not align to (another owner, another period) is dropped rather than
    // silently kept. An edit keeps its parent; saving re-checks it.
    let creating = existing.is_none();
    Effect::new(move |_| {
        if let (true, Some(Ok(list))) = (creating, parents.get()) {
            let current = parent_id.get_untracked();
            if !current.is_empty() && !list.iter().any(|g| g.id.as_str() == current) {
                parent_id.set(String::new());
            }
        }
    });

    let editing_id = StoredValue::new(editing);
    let save = Action::new(move |d: &GoalDraft| {
        let d = d.clone();
        let id = editing_id.get_value();
        async move {
            match id {
                Some(id) => update_goal(id.to_string(), d).await.map(|_| id),
                None => create_goal(d).await,
            }
        }
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        form.saved(save.value().get(), |id| {
            navigate(&format!("/goals/{id}"), Default::default())
        })
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.submit(errors) {
            save.dispatch(draft.get_untracked());
        }
    };
    // Field errors show once the user tries to save, and a too-long title at once.
    let live = move |field: &str| field == "title" && title.with(|t| t.trim().chars().count() > TITLE_MAX);
    let error_for = move |field: &str| form.error_for(field, errors, live(field));
    let field_msg = move |field: &'static str| form.field_msg(field, errors, move || live(field));
    let is_person = move || chosen().is_some_and(|o| o.level == Level::Person);

    view! {
        <form class="card goal-form" on:submit=on_submit novalidate>
            <label for="goal-owner">"Whose goal"</label>
            <select id="goal-owner" disabled=existing.is_some()
                on:change=move |ev| choice.set(event_target_value(&ev).parse().unwrap_or(0))>
                {owners.with_value(|o| o.iter().enumerate()
                    .map(|(i, o)| view! { <option value=i.to_string()>{o.label.clone()}</option> })
                    .collect_view())}
            </select>
            {field_msg("owner")}

            <label for="goal-title">"Title"</label>
            <input id="goal-title" type="text" autocomplete="off"
                value=title.get_untracked() prop:value=title on:input=move |ev| title.set(event_target_value(&ev))
                aria-describedby="title-count smart-hints" />
            <p id="title-count" class="muted counter">
                {move || format!("{}/{TITLE_MAX}", title.with(|t| t.trim().chars().count()))}
            </p>
            {field_msg("title")}

            <section class="smart" id="smart-hints" aria-live="polite" aria-label="SMART check">
                {move || {
                    let hs = hints.get();
                    if hs.is_empty() {
                        view! { <p class="smart-ok">"✓ Specific, measurable and time-bound as written."</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {hs.into_iter()
                                    .map(|h| view! { <li data-hint=h.code()>{h.message()}</li> })
                                    .collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            </section>

            <label for="goal-description">"Why it matters (optional)"</label>
            <textarea id="goal-description" rows="2" prop:value=description
                on:input=move |ev| description.set(event_target_value(&ev))>{description.get_untracked()}</textarea>
            {field_msg("description")}

            <fieldset class="period">
                <legend>"Period"</legend>
                <label class="inline">
                    <input type="radio" name="period-mode" prop:checked=use_quarter
                        on:change=move |_| use_quarter.set(true) />
                    " A quarter"
                </label>
                <label class="inline">
                    <input type="radio" name="period-mode" prop:checked=move || !use_quarter.get()
                        on:change=move |_| use_quarter.set(false) />
                    " Custom dates"
                </label>
                <Show when=move || use_quarter.get()
                    fallback=move || view! {
                        <div class="row">
                            <span>
                                <label for="goal-start">"Starts"</label>
                                <input id="goal-start" type="date" value=start.get_untracked() prop:value=start
                                    on:input=move |ev| start.set(event_target_value(&ev)) />
                            </span>
                            <span>
                                <label for="goal-end">"Ends"</label>
                                <input id="goal-end" type="date" value=end.get_untracked() prop:value=end
                                    on:input=move |ev| end.set(event_target_value(&ev)) />
                            </span>
                        </div>
                    }>
                    <label for="goal-quarter">"Quarter"</label>
                    <select id="goal-quarter" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(q) = Quarter::parse(&v) {
                            due.set(q.end().to_string());
                        }
                        quarter.set(v);
                    }>
                        {quarters.iter().map(|q| {
                            let selected = q.to_string() == quarter.get_untracked();
                            view! { <option value=q.to_string() selected=selected>{q.label()}</option> }
                        }).collect_view()}
                    </select>
                </Show>
                {field_msg("period")}
                <label for="goal-due">"Due date"</label>
                <input id="goal-due" type="date" value=due.get_untracked() prop:value=due on:input=move |ev| due.set(event_target_value(&ev)) />
            </fieldset>

            <label for="goal-parent">"Aligns to"</label>
            <Transition fallback=|| view! { <Loading text="Loading goals you can align to…" /> }>
                {move || Suspend::new(async move {
                    match parents.await {
                        Ok(list) => {
                            let none_label = if list.is_empty() {
                                "Nothing to align to yet for this period"
                            } else {
                                "— Not aligned —"
                            };
                            view! {
                                <select id="goal-parent" on:change=move |ev| parent_id.set(event_target_value(&ev))>
                                    <option value="" selected=parent_id.get_untracked().is_empty()>{none_label}</option>
                                    {list.into_iter().map(|g| {
                                        let id = g.id.to_string();
                                        let selected = id == parent_id.get_untracked();
                                        view! {
                                            <option value=id selected=selected>
                                                {format!("{} · {} ({})", g.level.label(), g.title, g.owner.name)}
                                            </option>
                                        }
                                    }).collect_view()}
                                </select>
                            }.into_any()
                        }
                        Err(e) => view! { <p class="field-error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            {field_msg("parent")}
            <label for="goal-weight">"Weight in the parent's roll-up"</label>
            <input id="goal-weight" type="text" inputmode="decimal" class="short" value=weight.get_untracked() prop:value=weight
                on:input=move |ev| weight.set(event_target_value(&ev)) />
            {field_msg("alignment_weight")}

            <Show when=is_person>
                <label for="goal-visibility">"Who can see it"</label>
                <select id="goal-visibility" on:change=move |ev| {
                    visibility.set(Visibility::parse(&event_target_value(&ev)).unwrap_or(Visibility::Org))
                }>
                    <option value="org" selected=visibility.get_untracked() == Visibility::Org>"Everyone in the company"</option>
                    <option value="chain" selected=visibility.get_untracked() == Visibility::Chain>
                        "Only me, my managers and HR"
                    </option>
                </select>
            </Show>

            <fieldset class="krs">
                <legend>"Key results"</legend>
                <p class="muted">"How you'll know it's done. Each is a number to move or a milestone; weights set how much each counts."</p>
                <For each=move || krs.get() key=|(k, _)| *k children=move |(key, kr)| {
                    view! { <KrEditor key initial=kr krs error_for /> }
                } />
                {field_msg("key_results")}
                <button type="button" class="secondary" on:click=move |_| krs.update(|v| v.push(fresh(blank_kr())))>
                    "Add key result"
                </button>
            </fieldset>

            {move || form.form_error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <button type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else if editing_id.with_value(Option::is_some) { "Save changes" } else { "Create goal" }}
            </button>
        </form>
    }
}
