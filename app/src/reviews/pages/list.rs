use crate::calibration::api::calibration_cycles;
use crate::reviews::api::my_reviews;
use crate::reviews::model::form::ReviewTask;
use crate::reviews::model::ReviewKind;
use crate::shared::url::percent_encode;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// The reviews the signed-in person is to write in running cycles.
#[component]
pub fn ReviewsPage() -> impl IntoView {
    let tasks = Resource::new(|| (), |_| my_reviews());
    let calibrations = Resource::new(|| (), |_| calibration_cycles());
    view! {
        <Title text="Reviews" />
        <h1>"Reviews"</h1>
        <Suspense fallback=|| view! { <Loading text="Loading your reviews…" /> }>
            {move || Suspend::new(async move {
                match tasks.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty">"You have no reviews to write. When HR starts a review cycle, your self review and the reviews you write for others appear here."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="review-tasks">{list.into_iter().map(task_line).collect_view()}</ul>
                    }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                // Only calibrators get cycles here; for anyone else the section stays away.
                let cycles = calibrations.await.unwrap_or_default();
                (!cycles.is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="calibrate-h">
                        <h2 id="calibrate-h">"Calibration"</h2>
                        <p class="hint">"Compare managers' ratings of the people you calibrate, with the bias flags beside them, and adjust a rating with a reason."</p>
                        <ul class="calibration-cycles">{cycles.into_iter().map(|(key, name)| view! {
                            <li><a href=format!("/reviews/calibration?cycle={}", percent_encode(&key, b""))>{format!("Calibrate {name}")}</a></li>
                        }).collect_view()}</ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// What kind of review this is, from the reviewer's side.
pub fn kind_label(kind: ReviewKind, ratee: &str) -> String {
    match kind {
        ReviewKind::SelfReview => "Your self review".into(),
        ReviewKind::Manager => format!("Manager review of {ratee}"),
        ReviewKind::Peer => format!("Peer review of {ratee}"),
        ReviewKind::Upward => format!("Upward review of {ratee}"),
    }
}

fn task_line(t: ReviewTask) -> impl IntoView {
    let href = format!(
        "/reviews/write?cycle={}&ratee={}&kind={}",
        t.review.cycle,
        t.review.ratee,
        t.review.kind.as_str()
    );
    let status = if t.submitted {
        "Submitted".to_owned()
    } else {
        format!("Due {}", t.due)
    };
    let about = format!("cycle={}&ratee={}", t.review.cycle, t.review.ratee);
    let named = matches!(t.review.kind, ReviewKind::SelfReview | ReviewKind::Manager);
    let (peers_label, results_label) = match t.review.kind {
        ReviewKind::SelfReview => ("Choose your peer reviewers", "Your results"),
        _ => ("Approve peer reviewers", "Results"),
    };
    view! {
        <li>
            <a href=href>{kind_label(t.review.kind, &t.ratee)}</a>
            " — " {t.cycle_name} " · " <span class="status">{status}</span>
            {(named && t.peers).then(|| view! { " · " <a href=format!("/reviews/peers?{about}")>{peers_label}</a> })}
            {named.then(|| view! { " · " <a href=format!("/reviews/results?{about}")>{results_label}</a> })}
        </li>
    }
}
