use crate::dashboards::api::audit_dashboard;
use crate::dashboards::model::{AuditView, TeamAudit};
use crate::dashboards::pages::team::{live_refresh, share};
use crate::error::AppError;
use crate::stats::counters::DELAY_LABELS;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The skip-level audit: review-quality figures for each team below a
/// leader, drilled down manager by manager. Figures only, never entries.
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (
            q.get("manager").unwrap_or_default(),
            q.get("from").unwrap_or_default(),
            q.get("to").unwrap_or_default(),
        )
    };
    let data = Resource::new(args, |(m, f, t)| audit_dashboard(m, f, t));
    live_refresh(move || data.refetch());
    view! {
        <Title text="Quality audit" />
        <h1>"Quality audit"</h1>
        <Transition fallback=|| view! { <Loading text="Loading the audit…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError::Invalid(m)) => view! {
                        <p class="form-error" role="alert">{m}</p>
                        <p><a href="/dashboard/audit">"Back to the last 90 days"</a></p>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(v) => view! { <Audit v /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Audit(v: AuditView) -> impl IntoView {
    let head = v.trail.last().map(|p| p.id.to_string()).unwrap_or_default();
    let period = format!("{} to {}", v.from, v.to);
    view! {
        <nav aria-label="Drill-down" class="crumbs">
            {v.trail.iter().enumerate().map(|(i, p)| view! {
                {(i > 0).then_some(" › ")}
                <a href=format!("/dashboard/audit?manager={}", p.id)>{p.name.clone()}</a>
            }).collect_view()}
            {v.unit.map(|u| view! { <span class="muted">{format!(" — {}", u.name)}</span> })}
        </nav>
        <form method="get" action="/dashboard/audit" class="toolbar">
            <input type="hidden" name="manager" value=head />
            <label>"From " <input type="date" name="from" value=v.from.to_string() /></label>
            <label>"To " <input type="date" name="to" value=v.to.to_string() /></label>
            <button type="submit">"Show"</button>
        </form>
        <section class="card">
            <h2>{format!("Teams, {period}")}</h2>
            <table class="figures audit-table">
                <thead><tr>
                    <th scope="col">"Manager’s team"</th><th scope="col">"People"</th><th scope="col">"Goals passing SMART"</th>
                    <th scope="col">"Feedback given"</th><th scope="col">"Mean quality"</th><th scope="col">"Constructive without a suggestion"</th>
                    <th scope="col">"Praise / constructive"</th><th scope="col">"1:1s / coaching"</th><th scope="col">"Median write-up delay"</th>
                    <th scope="col">"Missing"</th>
                </tr></thead>
                <tbody>{v.teams.into_iter().map(|t| view! { <TeamRow t /> }).collect_view()}</tbody>
            </table>
        </section>
        <section class="card">
            <h2>"Vague goals in this team"</h2>
            {if v.vague.is_empty() {
                view! { <p class="empty">"Every goal in this team passes the SMART checker."</p> }.into_any()
            } else {
                view! {
                    <ul>{v.vague.into_iter().map(|g| view! {
                        <li><a href=format!("/goals/{}", g.id)>{g.title}</a>{format!(" — {}: {}", g.owner, g.hints.join("; "))}</li>
                    }).collect_view()}</ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn TeamRow(t: TeamAudit) -> impl IntoView {
    let delay = t.median_delay.map(|b| DELAY_LABELS[b]).unwrap_or("—");
    view! {
        <tr>
            <th scope="row"><a href=format!("/dashboard/audit?manager={}", t.manager.id)>{t.manager.name}</a></th>
            <td>{t.size}</td>
            <td>{format!("{} of {}", share(t.smart_share), t.goals)}</td>
            <td>{t.feedback}</td>
            <td>{t.mean_quality.map(|q| format!("{q:.0}/100")).unwrap_or_else(|| "—".into())}</td>
            <td>{share(t.bare_share)}</td>
            <td>{format!("{} / {}", t.praise, t.constructive)}</td>
            <td>{format!("{} / {}", t.one_on_ones, t.coaching)}</td>
            <td>{delay}</td>
            <td class="gaps">{if t.gaps.is_empty() { "—".to_owned() } else { t.gaps.join(", ") }}</td>
        </tr>
    }
}
