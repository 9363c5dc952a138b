use crate::dashboards::api::{org_dashboard, RecordHrEvent};
use crate::dashboards::model::{HrDashboard, ManagerTrend, UnitOutcomes};
use crate::dashboards::pages::team::{live_refresh, share};
use crate::error::AppError;
use crate::ui::charts::{Distribution, Sparkline};
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// HR's organisation view: adoption trends with quality beside them, and
/// outcomes, for one unit and the units below it.
#[component]
pub fn OrgDashboardPage() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (
            q.get("unit").unwrap_or_default(),
            q.get("from").unwrap_or_default(),
            q.get("to").unwrap_or_default(),
        )
    };
    let record = ServerAction::<RecordHrEvent>::new();
    let data = Resource::new(
        move || (args(), record.version().get()),
        |((u, f, t), _)| org_dashboard(u, f, t),
    );
    live_refresh(move || data.refetch());
    view! {
        <Title text="Organisation" />
        <h1>"Organisation"</h1>
        <Transition fallback=|| view! { <Loading text="Loading the organisation’s figures…" /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(AppError::Invalid(m)) => view! {
                        <p class="form-error" role="alert">{m}</p>
                        <p><a href="/dashboard/org">"Back to the whole company"</a></p>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(d) => view! { <Org d record /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Org(d: HrDashboard, record: ServerAction<RecordHrEvent>) -> impl IntoView {
    let unit = d.unit.id.clone();
    let result = move || match record.value().get() {
        Some(Ok(())) => Some(view! { <p class="form-ok" role="status">"Recorded."</p> }.into_any()),
        Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any()),
        None => None,
    };
    view! {
        <nav aria-label="Org unit" class="crumbs">
            {d.parent.map(|p| view! { <a href=format!("/dashboard/org?unit={}", p.id)>{format!("↑ {}", p.name)}</a> " › " })}
            <strong>{d.unit.name.clone()}</strong>
        </nav>
        <form method="get" action="/dashboard/org" class="toolbar">
            <input type="hidden" name="unit" value=unit />
            <label>"From " <input type="date" name="from" value=d.from.to_string() /></label>
            <label>"To " <input type="date" name="to" value=d.to.to_string() /></label>
            <button type="submit">"Show"</button>
        </form>
        <section class="card">
            <h2>"Adoption and quality"</h2>
            <table class="figures org-table">
                <thead><tr>
                    <th scope="col">"Unit"</th><th scope="col">"People"</th><th scope="col">"Feedback per week"</th>
                    <th scope="col">"Check-ins per week"</th><th scope="col">"1:1s per week"</th><th scope="col">"Coaching per week"</th>
                    <th scope="col">"Mean feedback quality"</th><th scope="col">"Goals passing SMART"</th>
                    <th scope="col">"Goals achieved"</th><th scope="col">"Left by choice"</th><th scope="col">"of them top performers"</th><th scope="col">"Promoted"</th>
                </tr></thead>
                <tbody>{d.units.into_iter().map(|u| view! { <UnitRow u /> }).collect_view()}</tbody>
            </table>
        </section>
        <section class="card">
            <h2>{format!("Managers in {}", d.unit.name)}</h2>
            {if d.managers.is_empty() {
                view! { <p class="empty">"Nobody in this unit itself manages anyone. Open a unit below to see its managers."</p> }.into_any()
            } else {
                view! {
                    <table class="figures org-table">
                        <thead><tr>
                            <th scope="col">"Manager"</th><th scope="col">"Reports"</th><th scope="col">"Feedback per week"</th>
                            <th scope="col">"Check-ins per week"</th><th scope="col">"1:1s per week"</th><th scope="col">"Coaching per week"</th>
                            <th scope="col">"Mean feedback quality"</th>
                        </tr></thead>
                        <tbody>{d.managers.into_iter().map(|m| view! { <ManagerRow m /> }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>"Leavers and promotions"</h2>
            {if d.events.is_empty() {
                view! { <p class="empty">"None recorded in this period. Record one below when someone leaves or is promoted."</p> }.into_any()
            } else {
                let bars = vec![
                    ("left by choice".to_owned(), d.events.iter().filter(|e| e.kind == crate::dashboards::model::HrEventKind::LeftVoluntary).count() as i64),
                    ("let go".to_owned(), d.events.iter().filter(|e| e.kind == crate::dashboards::model::HrEventKind::LeftInvoluntary).count() as i64),
                    ("promoted".to_owned(), d.events.iter().filter(|e| e.kind == crate::dashboards::model::HrEventKind::Promoted).count() as i64),
                ];
                view! {
                    <Distribution label="Leavers and promotions in the period".into() bars />
                    <ul>{d.events.into_iter().map(|e| {
                        let review = match (e.kind, e.last_review) {
                            (crate::dashboards::model::HrEventKind::Promoted, _) => String::new(),
                            (_, None) => " · no review on record".into(),
                            (_, Some(s)) => format!(" · last review {s:.1}/5"),
                        };
                        let top = e.top_performer().then(|| view! { <span class="badge top">"top performer"</span> });
                        view! {
                            <li>{format!("{} — {}, {}{}{}", e.person, e.kind.label(), e.day, if e.reason.is_empty() { String::new() } else { format!(": {}", e.reason) }, review)} " " {top}</li>
                        }
                    }).collect_view()}</ul>
                }.into_any()
            }}
            <h3>"Record a leaver or a promotion"</h3>
            <ActionForm action=record attr:class="stack">
                <label>"Person id (from their profile address, e.g. p42) " <input name="person" required maxlength="40" /></label>
                <label>"What happened "
                    <select name="kind">
                        <option value="left_voluntary">"Left by choice"</option>
                        <option value="left_involuntary">"Let go"</option>
                        <option value="promoted">"Promoted"</option>
                    </select>
                </label>
                <label>"Day " <input type="date" name="day" required /></label>
                <label>"Reason (optional) " <input name="reason" maxlength="500" /></label>
                <button type="submit" disabled=move || record.pending().get()>"Record"</button>
            </ActionForm>
            {result}
        </section>
    }
}

/// One week series per adoption measure.
fn series(weeks: &[crate::dashboards::model::AdoptionWeek]) -> [Vec<i64>; 4] {
    let of = |f: fn(&crate::dashboards::model::AdoptionWeek) -> i64| weeks.iter().map(f).collect::<Vec<i64>>();
    [
        of(|w| w.feedback),
        of(|w| w.checkins),
        of(|w| w.one_on_ones),
        of(|w| w.coaching),
    ]
}

fn quality(mean: Option<f64>, bare: Option<f64>) -> String {
    let mut s = mean.map(|q| format!("{q:.0}/100")).unwrap_or_else(|| "—".into());
    if let Some(b) = bare {
        s.push_str(&format!(
            " ({}% of constructive without a suggestion)",
            (b * 100.0).round()
        ));
    }
    s
}

#[component]
fn ManagerRow(m: ManagerTrend) -> impl IntoView {
    let [fb, ci, oo, co] = series(&m.weeks);
    let name = m.manager.name.clone();
    view! {
        <tr>
            <th scope="row"><a href=format!("/dashboard/audit?manager={}", m.manager.id)>{m.manager.name}</a></th>
            <td>{m.manager.direct_reports}</td>
            <td><Sparkline label=format!("{name}'s team: feedback per week") values=fb /></td>
            <td><Sparkline label=format!("{name}'s team: check-ins per week") values=ci /></td>
            <td><Sparkline label=format!("{name}'s team: 1:1s per week") values=oo /></td>
            <td><Sparkline label=format!("{name}'s team: coaching per week") values=co /></td>
            <td>{quality(m.mean_quality, m.bare_share)}</td>
        </tr>
    }
}

#[component]
fn UnitRow(u: UnitOutcomes) -> impl IntoView {
    let [fb, ci, oo, co] = series(&u.weeks);
    let name = u.unit.name.clone();
    view! {
        <tr>
            <th scope="row"><a href=format!("/dashboard/org?unit={}", u.unit.id)>{u.unit.name}</a></th>
            <td>{u.headcount}</td>
            <td><Sparkline label=format!("{name}: feedback per week") values=fb /></td>
            <td><Sparkline label=format!("{name}: check-ins per week") values=ci /></td>
            <td><Sparkline label=format!("{name}: 1:1s per week") values=oo /></td>
            <td><Sparkline label=format!("{name}: coaching per week") values=co /></td>
            <td>{quality(u.mean_quality, u.bare_share)}</td>
            <td>{format!("{} of {}", share(u.smart_share), u.goals)}</td>
            <td>{share(u.achievement)}</td>
            <td>{u.voluntary_leavers}</td>
            <td>{u.top_performer_leavers}</td>
            <td>{u.promotions}</td>
        </tr>
    }
}
