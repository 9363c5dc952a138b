use crate::feedback::api::team_feedback_figures;
use crate::feedback::model::perception::TeamGap;
use crate::feedback::model::TeamFeedback;
use crate::feedback::perception::{pct, GapView};
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

fn share(s: Option<f64>) -> String {
    s.map(|v| format!("{}%", pct(v))).unwrap_or_else(|| "—".into())
}

/// The manager's team feedback: per report, acknowledgement, and the gap.
#[component]
pub fn FeedbackTeamPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| team_feedback_figures());
    view! {
        <Title text="Team feedback" />
        <h1>"Team feedback"</h1>
        <Suspense fallback=|| view! { <Loading text="Loading team figures…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(t) => view! { <Figures t /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Figures(t: TeamFeedback) -> impl IntoView {
    let none: Vec<String> = t
        .reports
        .iter()
        .filter(|r| r.needs_feedback)
        .map(|r| r.person.name.clone())
        .collect();
    view! {
        <section class="card">
            <h2>"Acknowledgement"</h2>
            <p>{format!("Your feedback acknowledged (90 days): {}", share(t.my_ack_rate))}</p>
            <p>{format!("All feedback your team received, acknowledged: {}", share(t.team_ack_rate))}</p>
            <p>{match (t.my_usefulness, t.my_ratings) {
                (Some(u), Some(n)) => format!("Usefulness of your feedback in {}: {u:.1}/5 over {n} ratings.", t.usefulness_quarter),
                _ => format!(
                    "Usefulness covers a quarter once it has ended, over 3 or more ratings; {} had fewer ratings of your feedback.",
                    t.usefulness_quarter
                ),
            }}</p>
        </section>
        {(!none.is_empty()).then(|| view! {
            <section class="card attention" aria-labelledby="none-h">
                <h2 id="none-h">"No feedback for 30 days"</h2>
                <p>{none.join(", ")}</p>
                <p><a href="/feedback/new">"Give feedback"</a></p>
            </section>
        })}
        <section class="card">
            <h2>"Feedback per report"</h2>
            <table class="figures">
                <thead><tr><th scope="col">"Person"</th><th scope="col">"Received 30 d"</th><th scope="col">"90 d"</th>
                    <th scope="col">"From you 30 d"</th><th scope="col">"90 d"</th><th scope="col">"Last"</th></tr></thead>
                <tbody>
                    {t.reports.into_iter().map(|r| view! {
                        <tr class:flag=r.needs_feedback>
                            <th scope="row"><a href=format!("/feedback/new?to={}", r.person.id)>{r.person.name}</a></th>
                            <td>{r.received_30}</td><td>{r.received_90}</td><td>{r.from_me_30}</td><td>{r.from_me_90}</td>
                            <td>{r.last_received.map(|d| d.to_string()).unwrap_or_else(|| "none in 90 days".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <Gap g=t.gap />
    }
}

#[component]
fn GapLine(label: String, v: GapView) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td>{share(v.claimed)}</td><td>{share(v.logged)}</td>
            <td>{if v.responses_shown { share(v.perceived) } else { "hidden (under 3 answers)".into() }}</td>
            <td>{v.gap_points().map(|g| format!("{g} pts")).unwrap_or_else(|| "—".into())}</td>
        </tr>
    }
}

#[component]
fn Gap(g: TeamGap) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="gap-h">
            <h2 id="gap-h">{format!("Perception gap, {}", g.label)}</h2>
            <p class="muted">"Claimed: managers' own answers. Logged: reports with a feedback or coaching record from their manager. "
                "Perceived: reports who said feedback helped them improve — shown only from 3 answers, and hidden when a smaller group could be worked out."</p>
            {g.own.clone().map(|v| view! { <p class="gap-summary">{v.summary()}</p> })}
            <table class="figures">
                <thead><tr><th scope="col">"Team"</th><th scope="col">"Claimed"</th><th scope="col">"Logged"</th>
                    <th scope="col">"Perceived"</th><th scope="col">"Gap"</th></tr></thead>
                <tbody>
                    {if g.teams.is_empty() {
                        g.own.map(|v| view! { <GapLine label="Your team".to_string() v /> }).into_any()
                    } else {
                        view! {
                            {g.teams.into_iter().map(|r| view! { <GapLine label=r.manager.name v=r.view /> }).collect_view()}
                            {g.total.map(|v| view! { <GapLine label="All together".to_string() v /> })}
                        }.into_any()
                    }}
                </tbody>
            </table>
            <p><a href="/feedback/check">"Answer this fortnight's check"</a></p>
        </section>
    }
}
