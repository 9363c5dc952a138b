use crate::dashboards::api::team_dashboard;
use crate::dashboards::model::{ManagerDashboard, ReportLine};
use crate::goals::model::Status;
use crate::ui::charts::{Segment, Sparkline, StackedBar};
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// Starts the live stream for a dashboard page: `refetch` runs whenever
/// figures the viewer may see change, and the stream closes with the page.
pub fn live_refresh(refetch: impl Fn() + Clone + Send + Sync + 'static) {
    crate::ui::live::on_live(&["change"], refetch);
}

/// A share as a whole percentage, or a dash when there is nothing to share.
pub(crate) fn share(s: Option<f64>) -> String {
    s.map(|v| format!("{}%", (v * 100.0).round()))
        .unwrap_or_else(|| "—".into())
}

fn days(n: Option<i32>) -> String {
    match n {
        Some(0) => "today".into(),
        Some(1) => "1 day ago".into(),
        Some(n) => format!("{n} days ago"),
        None => "none in 90 days".into(),
    }
}

/// The manager's dashboard: who needs attention and why, each report's
/// figures, and the team as a whole. Updates live.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| team_dashboard());
    live_refresh(move || data.refetch());
    view! {
        <Title text="Team dashboard" />
        <h1>"Team dashboard"</h1>
        <p class="live muted" aria-live="polite">"Updates by itself as your team checks in and gives feedback."</p>
        <Transition fallback=|| view! { <Loading text="Loading your team’s figures…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(d) => view! { <Dashboard d /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Dashboard(d: ManagerDashboard) -> impl IntoView {
    let mix = vec![
        Segment {
            label: "on track",
            value: d.mix.on_track,
            class: "on-track",
        },
        Segment {
            label: "at risk",
            value: d.mix.at_risk,
            class: "at-risk",
        },
        Segment {
            label: "off track",
            value: d.mix.off_track,
            class: "off-track",
        },
        Segment {
            label: "done",
            value: d.mix.done,
            class: "done",
        },
    ];
    let given: Vec<i64> = d.flow.iter().map(|w| w.given).collect();
    let received: Vec<i64> = d.flow.iter().map(|w| w.received).collect();
    view! {
        <section class="card attention" aria-labelledby="attn-h">
            <h2 id="attn-h">"Needs attention"</h2>
            {if d.attention.is_empty() {
                view! { <p class="empty">"Nobody needs attention right now: goals are checked in on, feedback and conversations are flowing."</p> }.into_any()
            } else {
                view! {
                    <ol class="attention-list">
                        {d.attention.into_iter().map(|a| view! {
                            <li>
                                <a href=format!("/people/{}", a.person.id)>{a.person.name.clone()}</a>
                                <ul>{a.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>"The team"</h2>
            <StackedBar label="Current goals".into() segments=mix />
            {(d.mix.without_goal > 0).then(|| view! {
                <p class="muted">{format!("{} of your reports have no current goal.", d.mix.without_goal)}</p>
            })}
            <p class="spark-row">"Feedback given per week " <Sparkline label="Feedback given by the team per week".into() values=given /></p>
            <p class="spark-row">"Feedback received per week " <Sparkline label="Feedback received by the team per week".into() values=received /></p>
            <p>{d.perception.unwrap_or_else(|| "Perception gap: not enough answers yet this fortnight.".into())}</p>
        </section>
        <section class="card">
            <h2>"Each report"</h2>
            <table class="figures report-table">
                <thead><tr>
                    <th scope="col">"Person"</th><th scope="col">"Goals"</th><th scope="col">"Progress"</th>
                    <th scope="col">"Last check-in"</th><th scope="col">"Feedback in 30 d / 90 d"</th>
                    <th scope="col">"Given 30 d / 90 d"</th><th scope="col">"Last 1:1 or coaching"</th><th scope="col">"Open actions"</th>
                </tr></thead>
                <tbody>{d.reports.into_iter().map(|r| view! { <Row r /> }).collect_view()}</tbody>
            </table>
        </section>
    }
}

#[component]
fn Row(r: ReportLine) -> impl IntoView {
    let status = r.status.map(Status::label).unwrap_or("no current goal");
    view! {
        <tr data-person=r.person.id.to_string()>
            <th scope="row"><a href=format!("/people/{}", r.person.id)>{r.person.name}</a></th>
            <td>{format!("{} ({status})", r.goals)}</td>
            <td>{r.progress.map(|p| format!("{}%", (p * 100.0).round())).unwrap_or_else(|| "—".into())}</td>
            <td>{days(r.days_since_checkin)}</td>
            <td class="received">{format!("{} / {}", r.received_30, r.received_90)}</td>
            <td class="given">{format!("{} / {}", r.given_30, r.given_90)}</td>
            <td>{days(r.days_since_talk)}</td>
            <td>{if r.overdue_actions > 0 { format!("{} ({} overdue)", r.open_actions, r.overdue_actions) } else { r.open_actions.to_string() }}</td>
        </tr>
    }
}
