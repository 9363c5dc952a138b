use crate::feedback::api::{answer_perception, claim_feedback, perception_questions};
use crate::feedback::model::perception::CheckQuestions;
use crate::shared::ids::PersonId;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// The two-question check for this fortnight.
#[component]
pub fn PerceptionCheckPage() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let q = Resource::new(move || changed.get(), |_| perception_questions());
    view! {
        <Title text="Two-week feedback check" />
        <h1>"Two-week feedback check"</h1>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match q.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(q) => view! { <Questions q changed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Questions(q: CheckQuestions, changed: RwSignal<u32>) -> impl IntoView {
    let answers: Vec<(PersonId, String, RwSignal<Option<bool>>)> = q
        .reports
        .iter()
        .map(|(p, said)| (p.id.clone(), p.name.clone(), RwSignal::new(*said)))
        .collect();
    let stored = StoredValue::new(answers.clone());
    let claim = Action::new(move |a: &Vec<(PersonId, bool)>| claim_feedback(a.clone()));
    let answer = Action::new(move |h: &bool| answer_perception(*h));
    Effect::new(move |_| {
        if matches!(answer.value().get(), Some(Ok(()))) {
            changed.update(|c| *c += 1);
        }
    });
    let on_claim = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let a = stored.with_value(|s| {
            s.iter()
                .filter_map(|(id, _, v)| v.get_untracked().map(|b| (id.clone(), b)))
                .collect()
        });
        claim.dispatch(a);
    };
    view! {
        <p class="muted">{format!("This fortnight: {}", q.label)}</p>
        {(!answers.is_empty()).then(|| view! {
            <form class="card" on:submit=on_claim novalidate>
                <h2>"Did you give each report specific feedback in the last 2 weeks?"</h2>
                {answers.into_iter().map(|(id, name, v)| {
                    let group = format!("claim-{id}");
                    let g2 = group.clone();
                    view! {
                        <fieldset class="inline-choice">
                            <legend>{name}</legend>
                            <label class="inline"><input type="radio" name=group prop:checked=move || v.get() == Some(true) on:change=move |_| v.set(Some(true)) />" Yes"</label>
                            <label class="inline"><input type="radio" name=g2 prop:checked=move || v.get() == Some(false) on:change=move |_| v.set(Some(false)) />" No"</label>
                        </fieldset>
                    }
                }).collect_view()}
                {move || claim.value().get().map(|r| match r {
                    Ok(()) => view! { <p class="ok" role="status">"Saved. Compare it with what your team says on the team feedback page."</p> }.into_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                })}
                <button type="submit" disabled=move || claim.pending().get()>"Save answers"</button>
            </form>
        })}
        {q.has_manager.then(|| view! {
            <section class="card">
                <h2>"Did you receive feedback that helped you improve in the last 2 weeks?"</h2>
                <p class="muted">"Anonymous: your answer is stored without your name, and your manager sees it only combined with at least two others."</p>
                {if q.answered {
                    view! { <p class="ok">"✓ You've answered for this fortnight. Thank you."</p> }.into_any()
                } else {
                    view! {
                        <button type="button" on:click=move |_| { answer.dispatch(true); } disabled=move || answer.pending().get()>"Yes"</button>
                        " "
                        <button type="button" class="secondary" on:click=move |_| { answer.dispatch(false); } disabled=move || answer.pending().get()>"No"</button>
                    }.into_any()
                }}
                {move || answer.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
            </section>
        })}
    }
}
