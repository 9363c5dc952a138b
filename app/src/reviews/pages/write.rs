use crate::reviews::api::{open_review, RequestExtension, SaveReview, SubmitReview};
use crate::reviews::model::form::{RatingDraft, ReviewForm};
use crate::reviews::model::progress::ExtensionRequest;
use crate::reviews::model::{ReviewKind, ReviewRef};
use crate::reviews::rules::{comment_hints, missing_for_submit, MAX_COMMENT};
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What each goal-achievement rating stands for.
const GOAL_LEVELS: [&str; 5] = [
    "Missed most goals.",
    "Met some goals; the important ones fell short.",
    "Met most goals.",
    "Met every goal.",
    "Exceeded the goals or took on more and met it.",
];

/// Writing one review: the template's competencies with their anchors, the
/// open questions and the overall rating. Every change is saved a moment
/// after typing stops, so a reload never loses the draft.
#[component]
pub fn WriteReviewPage() -> impl IntoView {
    let query = use_query_map();
    let form = Resource::new(
        move || {
            let q = query.read();
            (q.get("cycle"), q.get("ratee"), q.get("kind"))
        },
        |(cycle, ratee, kind)| async move {
            let kind = kind
                .as_deref()
                .and_then(ReviewKind::parse)
                .ok_or(crate::AppError::NotFound)?;
            open_review(ReviewRef {
                cycle: cycle.unwrap_or_default(),
                ratee: ratee.unwrap_or_default(),
                kind,
            })
            .await
        },
    );
    view! {
        <Title text="Write a review" />
        <Suspense fallback=|| view! { <Loading text="Loading the review…" /> }>
            {move || Suspend::new(async move {
                match form.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(f) => view! { <ReviewEditor form=f /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReviewEditor(form: ReviewForm) -> impl IntoView {
    let title = crate::reviews::pages::list::kind_label(form.review.kind, &form.ratee.name);
    let template = StoredValue::new(form.template.clone());
    let review = StoredValue::new(form.review.clone());
    let mut initial = form.draft.clone();
    for c in &form.template.competencies {
        if !initial.ratings.iter().any(|r| r.competency == c.key) {
            initial.ratings.push(RatingDraft {
                competency: c.key.clone(),
                ..Default::default()
            });
        }
    }
    initial.answers.resize(form.template.questions.len(), String::new());
    let draft = RwSignal::new(initial);
    let submitted = RwSignal::new(form.submitted);
    let save = ServerAction::<SaveReview>::new();
    let submit = ServerAction::<SubmitReview>::new();
    // Edits made, and the last edit a successful save carried: until they
    // match, the page must not say everything is saved (a reload in the
    // autosave's pause would lose the last words).
    let edits = RwSignal::new(0u64);
    let saved_edit = RwSignal::new(0u64);
    let sending = StoredValue::new(0u64);
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            saved_edit.set(sending.get_value());
        }
    });
    let status = move || {
        if submitted.get() {
            return "Submitted — this review is locked.".to_owned();
        }
        let unsaved = edits.get() > saved_edit.get();
        match (save.pending().get(), save.value().get()) {
            (true, _) => "Saving…".into(),
            (false, Some(Err(e))) => format!("Not saved: {e}"),
            (false, _) if unsaved => "Saving in a moment…".into(),
            (false, Some(Ok(()))) => "All changes saved".into(),
            (false, None) => match &form.saved_at {
                Some(at) => format!("Draft saved {at} UTC"),
                None => "Changes are saved as you type".into(),
            },
        }
    };
    // Autosave a moment after the last change; the first run is the load.
    #[cfg(feature = "hydrate")]
    {
        let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
        let first = StoredValue::new(true);
        Effect::new(move |_| {
            let d = draft.get();
            if first.get_value() {
                first.set_value(false);
                return;
            }
            if submitted.get_untracked() {
                return;
            }
            edits.update(|n| *n += 1);
            let edit = edits.get_untracked();
            timer.set_value(Some(gloo_timers::callback::Timeout::new(600, move || {
                sending.set_value(edit);
                save.dispatch(SaveReview {
                    review: review.get_value(),
                    draft: d,
                });
            })));
        });
    }
    Effect::new(move |_| {
        if let Some(Ok(())) = submit.value().get() {
            submitted.set(true);
        }
    });
    let missing = move || template.with_value(|t| missing_for_submit(t, &draft.get()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit.dispatch(SubmitReview {
            review: review.get_value(),
            draft: draft.get_untracked(),
        });
    };
    let competencies = form.template.competencies.clone();
    let ratee_name = form.ratee.name.clone();
    let questions = form.template.questions.clone();
    let header = format!(
        "{} · {} to {} · due {} · template {} v{}",
        form.cycle_name, form.period_from, form.period_to, form.due, form.template.name, form.template.version
    );
    // Type-erased halves keep the view's type shallow enough for the server crate.
    let request = form.request.clone();
    let editor = view! {
        <div class="stack">
        <form class="stack review-form" on:submit=on_submit>
            <fieldset disabled=move || submitted.get()>
            {competencies.into_iter().map(|c| {
                let key = StoredValue::new(c.key.clone());
                let rating = move || draft.with(|d| d.ratings.iter().find(|r| r.competency == key.get_value()).and_then(|r| r.rating));
                let comment = move || draft.with(|d| d.ratings.iter().find(|r| r.competency == key.get_value()).map(|r| r.comment.clone()).unwrap_or_default());
                let set = move |f: &dyn Fn(&mut RatingDraft)| draft.update(|d| {
                    if let Some(r) = d.ratings.iter_mut().find(|r| r.competency == key.get_value()) { f(r) }
                });
                let hints = move || comment_hints(rating(), &comment());
                let name = format!("rating-{}", c.key);
                view! {
                    <section class="card competency" data-competency=c.key.clone()>
                        <h2>{c.name.clone()}</h2>
                        <div class="anchors" role="radiogroup" aria-label=c.name.clone()>
                            {c.anchors.iter().enumerate().map(|(i, anchor)| {
                                let n = (i + 1) as u8;
                                let name = name.clone();
                                view! {
                                    <label class="anchor">
                                        <input type="radio" name=name value=n.to_string()
                                            prop:checked=move || rating() == Some(n)
                                            on:change=move |_| set(&|r| r.rating = Some(n)) />
                                        <strong>{n}</strong> " " {anchor.clone()}
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                        <label>{move || if matches!(rating(), Some(1) | Some(5)) { "Comment (required for a rating of 1 or 5)" } else { "Comment" }}
                            <textarea rows="3" maxlength=MAX_COMMENT.to_string() prop:value=comment
                                on:input=move |ev| { let v = event_target_value(&ev); set(&|r| r.comment = v.clone()) }></textarea>
                        </label>
                        <ul class="hints">{move || hints().into_iter().map(|h| view! { <li data-hint=h.code()>{h.message()}</li> }).collect_view()}</ul>
                    </section>
                }
            }).collect_view()}
            {questions.into_iter().enumerate().map(|(i, q)| view! {
                <section class="card question">
                    <label>{q}
                        <textarea rows="4" maxlength=MAX_COMMENT.to_string()
                            prop:value=move || draft.with(|d| d.answers.get(i).cloned().unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(a) = d.answers.get_mut(i) { *a = v }) }></textarea>
                    </label>
                </section>
            }).collect_view()}
            {form.template.goals.then(|| view! {
                <section class="card goal-achievement">
                    <h2>"Goal achievement"</h2>
                    <p class="hint">{format!("How far did {} achieve their goals for the period? The evidence panel lists the goals and their check-ins.", ratee_name)}</p>
                    <div role="radiogroup" aria-label="Goal achievement">
                        {GOAL_LEVELS.iter().enumerate().map(|(i, words)| {
                            let n = (i + 1) as u8;
                            view! {
                                <label class="anchor">
                                    <input type="radio" name="goal-rating" value=n.to_string()
                                        prop:checked=move || draft.with(|d| d.goal_rating == Some(n))
                                        on:change=move |_| draft.update(|d| d.goal_rating = Some(n)) />
                                    <strong>{n}</strong> " " {*words}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    <label>"Why"
                        <textarea rows="3" maxlength=MAX_COMMENT.to_string()
                            prop:value=move || draft.with(|d| d.goal_comment.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.goal_comment = v) }></textarea>
                    </label>
                </section>
            })}
            {form.template.overall.then(|| view! {
                <section class="card overall">
                    <h2>"Overall"</h2>
                    <div role="radiogroup" aria-label="Overall rating">
                        {(1..=5u8).map(|n| view! {
                            <label class="anchor">
                                <input type="radio" name="overall" value=n.to_string()
                                    prop:checked=move || draft.with(|d| d.overall == Some(n))
                                    on:change=move |_| draft.update(|d| d.overall = Some(n)) />
                                <strong>{n}</strong>
                            </label>
                        }).collect_view()}
                    </div>
                </section>
            })}
            </fieldset>
            <Show when=move || !submitted.get()>
                <ul class="missing">{move || missing().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                <button type="submit" disabled=move || submit.pending().get()>
                    {move || if submit.pending().get() { "Submitting…" } else { "Submit review" }}
                </button>
            </Show>
            {move || match submit.value().get() {
                Some(Err(e)) => Some(view! { <pre class="form-error" role="alert">{e.to_string()}</pre> }),
                _ => None,
            }}
        </form>
        <Show when=move || !submitted.get()>
            <ExtensionAsk review=review.get_value() due=form.due request=request.clone() />
        </Show>
        </div>
    }
    .into_any();
    let panel = view! {
        <crate::reviews::pages::evidence::EvidencePanel review=review.get_value() draft locked=Signal::derive(move || submitted.get()) />
    }
    .into_any();
    view! {
        <h1>{title}</h1>
        <p class="hint">{header}</p>
        <p class="save-status" role="status" aria-live="polite">{status}</p>
        <div class="review-layout">{editor} {panel}</div>
        <p><a href="/reviews">"Back to your reviews"</a></p>
    }
}

/// The reviewer's route to more time: a request HR grants or declines on
/// the cycle's progress page.
#[component]
fn ExtensionAsk(review: ReviewRef, due: crate::shared::date::Day, request: Option<ExtensionRequest>) -> impl IntoView {
    let ask = ServerAction::<RequestExtension>::new();
    let until = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let review = StoredValue::new(review);
    let asked = move || match ask.value().get() {
        Some(Ok(())) => Some(format!(
            "Asked until {}. HR will grant or decline it; your draft stays as it is.",
            until.get_untracked()
        )),
        _ => request
            .as_ref()
            .map(|r| format!("You asked for more time until {}: waiting for HR.", r.until)),
    };
    view! {
        <details class="card extension" id="extension">
            <summary>"Need more time? Ask HR for an extension"</summary>
            <p class="hint">{format!("This review is due {due}. Say until when and why; HR sees the request on the cycle's progress page.")}</p>
            {move || asked().map(|m| view! { <p class="form-ok" role="status">{m}</p> })}
            <label>"Until " <input type="date" prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev)) /></label>
            <label>"Why " <textarea rows="2" maxlength="500" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea></label>
            <button type="button" disabled=move || ask.pending().get() on:click=move |_| {
                ask.dispatch(RequestExtension { review: review.get_value(), until: until.get_untracked(), reason: reason.get_untracked() });
            }>{move || if ask.pending().get() { "Asking…" } else { "Ask for more time" }}</button>
            {move || match ask.value().get() {
                Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }),
                _ => None,
            }}
        </details>
    }
}
