use crate::error::AppError;
use crate::goals::api::updates::{review_goal, review_sheet};
use crate::goals::components::bits::{GoalLine, QuarterPicker};
use crate::goals::model::{ReviewDecision, ReviewItem, Status};
use crate::shared::date::Day;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The quarterly review: for each goal ending this quarter, the owner or their
/// manager closes it, carries it over or rescopes it, with a reflection.
#[component]
pub fn GoalReviewPage() -> impl IntoView {
    let query = use_query_map();
    let changed = RwSignal::new(0u32);
    let sheet = Resource::new(
        move || (query.read().get("q").filter(|q| !q.is_empty()), changed.get()),
        |(q, _)| review_sheet(q),
    );
    view! {
        <Title text="Quarterly review" />
        <h1>"Quarterly goal review"</h1>
        <p class="muted">"Decide what happens to each goal that ends this quarter, and say what you learned."</p>
        <Suspense fallback=|| view! { <Loading text="Loading the review…" /> }>
            {move || Suspend::new(async move {
                let sheet = match sheet.await {
                    Ok(s) => s,
                    Err(AppError::Invalid(m)) => return view! { <p class="form-error" role="alert">{m}</p> }.into_any(),
                    Err(error) => return view! { <ErrorPage error /> }.into_any(),
                };
                let q = sheet.quarter;
                view! {
                    <QuarterPicker action="/goals/review" quarters=sheet.quarters current=q />
                    {sheet.groups.into_iter().map(|group| {
                        let open = group.items.iter().filter(|i| i.review.is_none()).count();
                        view! {
                            <section class="card review-group" aria-label=format!("Goals of {}", group.owner.name)>
                                <h2>{format!("{} · {} to review", group.owner.name, open)}</h2>
                                {if group.items.is_empty() {
                                    view! { <p class="empty">{format!("No goals end in {}. ", q.label())} <a href="/goals/new">"Set one"</a></p> }.into_any()
                                } else {
                                    group.items.into_iter().map(|item| view! { <ReviewEntry item next=q.next().label() changed /> }).collect_view().into_any()
                                }}
                            </section>
                        }
                    }).collect_view()}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn ReviewEntry(item: ReviewItem, next: String, changed: RwSignal<u32>) -> impl IntoView {
    let goal = item.goal.clone();
    let id = goal.id.to_string();
    if let Some(r) = item.review {
        let successor = item.successor.map(|s| {
            view! {
                " → " <a href=format!("/goals/{}", s.id) class="successor">{format!("{} ({})", s.title, s.period)}</a>
            }
        });
        return view! {
            <div class="review-item done">
                <GoalLine goal />
                <p class="muted">{format!("Reviewed by {} on {}: {}.", r.by, r.at, r.outcome.replace('_', " "))} {successor}</p>
            </div>
        }
        .into_any();
    }
    let decision = RwSignal::new(String::from(if goal.progress >= 0.999 { "done" } else { "carry" }));
    let reflection = RwSignal::new(String::new());
    let new_title = RwSignal::new(goal.title.clone());
    let new_due = RwSignal::new(goal.due.map(|d| d.to_string()).unwrap_or_default());
    let save = Action::new(move |(id, d, r): &(String, ReviewDecision, String)| {
        let (id, d, r) = (id.clone(), d.clone(), r.clone());
        async move { review_goal(id, d, r).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let local_error = RwSignal::new(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = match decision.get_untracked().as_str() {
            "done" => ReviewDecision::Close { status: Status::Done },
            "abandon" => ReviewDecision::Close {
                status: Status::Abandoned,
            },
            "rescope" => match Day::parse(&new_due.get_untracked()) {
                Some(due) => ReviewDecision::Rescope {
                    title: new_title.get_untracked(),
                    due,
                },
                None => {
                    local_error.set(Some("Pick the new due date.".into()));
                    return;
                }
            },
            _ => ReviewDecision::CarryOver,
        };
        local_error.set(None);
        save.dispatch((id.clone(), d, reflection.get_untracked()));
    };
    let key = goal.id.to_string();
    let radio = move |value: &'static str, label: String| {
        let rid = format!("rv-{key}-{value}");
        let for_id = rid.clone();
        view! {
            <label class="inline" for=for_id>
                <input type="radio" id=rid name=format!("decision-{key}") value=value
                    prop:checked=move || decision.get() == value on:change=move |_| decision.set(value.into()) />
                {label}
            </label>
        }
    };
    let refl_id = format!("rv-{}-reflection", goal.id);
    let error = move |f: &'static str| {
        save.value().with(|v| match v {
            Some(Err(e)) => e
                .field_message(f)
                .or_else(|| (f == "form" && !matches!(e, AppError::InvalidFields(_))).then(|| e.to_string())),
            _ => None,
        })
    };
    view! {
        <form class="review-item" on:submit=on_submit>
            <GoalLine goal=goal.clone() />
            <fieldset>
                <legend>"Decision"</legend>
                {radio("done", "Close as done".into())}
                {radio("abandon", "Close as abandoned".into())}
                {radio("carry", format!("Carry over to {next}"))}
                {radio("rescope", "Rescope".into())}
            </fieldset>
            <Show when=move || decision.get() == "rescope">
                <label for=format!("rv-{}-title", goal.id)>"New title"</label>
                <input id=format!("rv-{}-title", goal.id) type="text" prop:value=new_title on:input=move |ev| new_title.set(event_target_value(&ev)) />
                {move || error("title").map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <label for=format!("rv-{}-due", goal.id)>"New due date"</label>
                <input id=format!("rv-{}-due", goal.id) type="date" prop:value=new_due on:input=move |ev| new_due.set(event_target_value(&ev)) />
                {move || error("due").map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </Show>
            <label for=refl_id.clone()>"Reflection"</label>
            <textarea id=refl_id rows="3" prop:value=reflection on:input=move |ev| reflection.set(event_target_value(&ev))
                placeholder="What worked, what didn't, what you learned"></textarea>
            {move || error("reflection").map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            {move || local_error.get().or_else(|| error("form")).map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <button type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save decision" }}
            </button>
        </form>
    }
    .into_any()
}
