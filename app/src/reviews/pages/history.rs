use crate::reviews::api::history::{ImportReviews, MAX_PASTE};
use crate::reviews::api::review_cycles;
use crate::reviews::model::ImportSummary;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// HR brings in past review cycles from CSV and downloads a cycle's named
/// reviews. The format is in `docs/import.md`; the example is the short form.
#[component]
pub fn ReviewHistoryPage() -> impl IntoView {
    let import = ServerAction::<ImportReviews>::new();
    // Refetch the list after a successful import only: the form lives in the
    // list's Transition, and a refused file must stay in the box to be fixed.
    let imported = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(_)) = import.value().get() {
            imported.update(|n| *n += 1);
        }
    });
    let cycles = Resource::new(move || imported.get(), |_| review_cycles());
    let result = move || {
        match import.value().get() {
        Some(Ok(ImportSummary { cycles, reviews, ratings })) => Some(
            view! {
                <p class="form-ok" role="status">
                    {format!("Imported {cycles} cycle(s), {reviews} review(s) and {ratings} rating(s). Importing the same file again changes nothing.")}
                </p>
            }
            .into_any(),
        ),
        Some(Err(e)) => Some(view! { <pre class="form-error import-errors" role="alert">{e.to_string()}</pre> }.into_any()),
        None => None,
    }
    };
    let form = move || {
        view! {
            <section class="card">
                <h2>"Import past review cycles"</h2>
                <p class="hint">
                    "One line per rating, with the header "
                    <code>"cycle,period_start,period_end,ratee_email,reviewer_email,kind,competency,rating,comment,submitted_on"</code>
                    ". Kind is self, manager, peer or upward; a competency named “overall” is the review’s overall rating. "
                    "Every line is checked first: if any is wrong nothing is imported and each bad line is listed."
                </p>
                <ActionForm action=import attr:class="stack">
                    <label>"CSV "
                        <textarea name="csv" rows="10" required maxlength=MAX_PASTE.to_string()
                            placeholder="cycle,period_start,period_end,ratee_email,reviewer_email,kind,competency,rating,comment,submitted_on"></textarea>
                    </label>
                    <button type="submit" disabled=move || import.pending().get()>
                        {move || if import.pending().get() { "Importing…" } else { "Import" }}
                    </button>
                </ActionForm>
                {result}
            </section>
        }
    };
    view! {
        <Title text="Review history" />
        <h1>"Review history"</h1>
        // Only HR gets past the cycle list; everyone else sees why not.
        <Transition fallback=|| view! { <Loading text="Loading cycles…" /> }>
            {move || Suspend::new(async move {
                match cycles.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(names) => view! {
                        {form()}
                        <section class="card">
                            <h2>"Cycles"</h2>
                            {if names.is_empty() {
                                view! { <p class="empty">"No review cycles yet. Import past cycles above to give people their history."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="cycles">{names.into_iter().map(|n| {
                                        let href = format!("/reviews/export.csv?cycle={}", query_encode(&n));
                                        let calibrate = format!("/reviews/calibration?cycle={}", query_encode(&format!("import:{n}")));
                                        view! {
                                            <li>{n.clone()} " — " <a href=href rel="external" download="">"Download self and manager reviews (CSV)"</a>
                                                " · " <a href=calibrate>"Calibration and bias flags"</a></li>
                                        }
                                    }).collect_view()}</ul>
                                }.into_any()
                            }}
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

fn query_encode(s: &str) -> String {
    crate::shared::url::percent_encode(s, b"")
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(super::query_encode("2025 H2/é"), "2025%20H2%2F%C3%A9");
    }
}
