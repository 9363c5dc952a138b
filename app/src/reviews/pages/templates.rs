use crate::reviews::api::{cycle_templates, template_draft, SaveTemplate};
use crate::reviews::model::template::{CompetencyDraft, TemplateDraft};
use crate::reviews::template_rules as rules;
use crate::reviews::template_rules::{check_template, LEVELS};
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// HR edits review templates. Saving writes a new version; cycles already
/// running keep the version they started on.
#[component]
pub fn ReviewTemplatesPage() -> impl IntoView {
    let save = ServerAction::<SaveTemplate>::new();
    let versions = Resource::new(move || save.version().get(), |_| cycle_templates());
    // The version being edited: "name|version", empty for the newest Standard.
    let base = RwSignal::new(String::new());
    let loaded = Resource::new(move || base.get(), template_draft);
    view! {
        <Title text="Review templates" />
        <h1>"Review templates"</h1>
        <p class="hint">"Saving makes a new version of the template. Cycles already running keep the version they started on; new cycles can pick the new one. Ratings are tied across versions by each competency's key, so renaming a competency keeps its history."</p>
        <label>"Start from "
            <select on:change=move |ev| base.set(event_target_value(&ev))>
                <option value="">"The newest Standard template"</option>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        versions.await.unwrap_or_default().into_iter().map(|(key, label)| view! {
                            <option value=key>{label}</option>
                        }).collect_view()
                    })}
                </Suspense>
            </select>
        </label>
        <Suspense fallback=|| view! { <Loading text="Loading the template…" /> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(initial) => view! { <TemplateEditor initial save /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TemplateEditor(initial: TemplateDraft, save: ServerAction<SaveTemplate>) -> impl IntoView {
    let draft = RwSignal::new(initial);
    // Lists re-render only when their length changes, so typing keeps focus.
    let competencies = Memo::new(move |_| draft.with(|d| d.competencies.len()));
    let questions = Memo::new(move |_| draft.with(|d| d.questions.len()));
    let problem = Memo::new(move |_| draft.with(|d| check_template(d).err()));
    let tried = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if problem.get_untracked().is_none() {
            save.dispatch(SaveTemplate {
                draft: draft.get_untracked(),
            });
        }
    };
    let outcome = move || match save.value().get() {
        Some(Ok(key)) => {
            let (name, version) = key.split_once('|').unwrap_or((key.as_str(), ""));
            Some(view! { <p class="form-ok" role="status">{format!("Saved as {name} v{version}. New cycles can start on it; cycles already running keep their version.")}</p> }.into_any())
        }
        Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any()),
        None => None,
    };
    view! {
        <form class="stack template-editor" on:submit=submit>
            <label>"Template name "
                <input required maxlength="80"
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.name = v) } />
                <span class="hint">" Keep the name for a new version; a new name starts a new template at version 1."</span>
            </label>
            <h2>"Competencies"</h2>
            {move || (0..competencies.get()).map(|i| view! { <CompetencyEditor i draft /> }).collect_view()}
            <button type="button" disabled=move || { competencies.get() >= rules::MAX_COMPETENCIES }
                on:click=move |_| draft.update(|d| d.competencies.push(CompetencyDraft {
                    anchors: vec![String::new(); LEVELS],
                    manager_anchors: vec![String::new(); LEVELS],
                    ..Default::default()
                }))>"Add a competency"</button>
            <h2>"Open questions"</h2>
            {move || (0..questions.get()).map(|i| view! { <QuestionEditor i draft /> }).collect_view()}
            <button type="button" disabled=move || { questions.get() >= rules::MAX_QUESTIONS }
                on:click=move |_| draft.update(|d| d.questions.push(String::new()))>"Add a question"</button>
            <h2>"Sections"</h2>
            <label><input type="checkbox" prop:checked=move || draft.with(|d| d.goals)
                on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| d.goals = on) } />
                " Goal achievement (rated 1–5 with a comment)"</label>
            <label><input type="checkbox" prop:checked=move || draft.with(|d| d.overall)
                on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| d.overall = on) } />
                " Overall rating"</label>
            {move || problem.get().map(|p| if tried.get() {
                view! { <p class="form-error" role="alert">{p}</p> }.into_any()
            } else {
                view! { <p class="hint template-problem">{format!("Before saving: {p}")}</p> }.into_any()
            })}
            <button type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save as a new version" }}
            </button>
            {outcome}
        </form>
    }
}

#[component]
fn CompetencyEditor(i: usize, draft: RwSignal<TemplateDraft>) -> impl IntoView {
    let read = move |f: fn(&CompetencyDraft) -> String| {
        move || draft.with(|d| d.competencies.get(i).map(f).unwrap_or_default())
    };
    let anchor = move |manager: bool, level: usize| {
        let label = format!(
            "Competency {} rating {}{}",
            i + 1,
            level + 1,
            if manager { " for managers" } else { "" }
        );
        view! {
            <label class="anchor">{format!("{} ", level + 1)}
                <textarea rows="2" aria-label=label maxlength="300"
                    prop:value=move || draft.with(|d| d.competencies.get(i).map(|c| {
                        let list = if manager { &c.manager_anchors } else { &c.anchors };
                        list.get(level).cloned().unwrap_or_default()
                    }).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| if let Some(c) = d.competencies.get_mut(i) {
                            let list = if manager { &mut c.manager_anchors } else { &mut c.anchors };
                            list.resize(LEVELS, String::new());
                            list[level] = v;
                        })
                    }></textarea>
            </label>
        }
    };
    view! {
        <fieldset class="competency-edit">
            <legend>{move || format!("Competency {}", i + 1)}</legend>
            <label>"Name "
                <input aria-label=format!("Competency {} name", i + 1) maxlength="60"
                    prop:value=read(|c| c.name.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(c) = d.competencies.get_mut(i) { c.name = v }) } />
            </label>
            <p class="hint">"What each rating looks like for an individual contributor:"</p>
            {(0..LEVELS).map(|l| anchor(false, l)).collect_view()}
            <details>
                <summary>"Different words for people who manage others (optional)"</summary>
                {(0..LEVELS).map(|l| anchor(true, l)).collect_view()}
            </details>
            <button type="button" class="link" on:click=move |_| draft.update(|d| { if i < d.competencies.len() { d.competencies.remove(i); } })>
                {format!("Remove competency {}", i + 1)}
            </button>
        </fieldset>
    }
    .into_any()
}

#[component]
fn QuestionEditor(i: usize, draft: RwSignal<TemplateDraft>) -> impl IntoView {
    view! {
        <div class="question-edit">
            <textarea rows="2" maxlength="300" aria-label=format!("Question {}", i + 1)
                prop:value=move || draft.with(|d| d.questions.get(i).cloned().unwrap_or_default())
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(q) = d.questions.get_mut(i) { *q = v }) }></textarea>
            <button type="button" class="link" on:click=move |_| draft.update(|d| { if i < d.questions.len() { d.questions.remove(i); } })>
                {format!("Remove question {}", i + 1)}
            </button>
        </div>
    }
}
