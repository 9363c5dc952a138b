use crate::reviews::api::{cycle_templates, cycle_units, cycles_progress, AdvanceCycle, StartCycle};
use crate::reviews::model::form::CycleProgress;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// HR starts review cycles and sees how many reviews of each kind are in.
#[component]
pub fn ReviewCyclesPage() -> impl IntoView {
    let start = ServerAction::<StartCycle>::new();
    // Bumped when HR moves a cycle on, so the table reloads.
    let advanced = RwSignal::new(0u32);
    let cycles = Resource::new(move || (start.version().get(), advanced.get()), |_| cycles_progress());
    let units = Resource::new(|| (), |_| cycle_units());
    let templates = Resource::new(|| (), |_| cycle_templates());
    let result = move || {
        match start.value().get() {
        Some(Ok(_)) => Some(view! { <p class="form-ok" role="status">"Cycle started. Everyone taking part now sees their reviews under Reviews."</p> }.into_any()),
        Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any()),
        None => None,
    }
    };
    view! {
        <Title text="Review cycles" />
        <h1>"Review cycles"</h1>
        <p><a href="/reviews/templates">"Edit review templates"</a></p>
        <section class="card">
            <h2>"Start a cycle"</h2>
            <p class="hint">"Everyone in the chosen unit and the units below it (the whole organisation if left empty) takes part, on the newest Standard template. Peer and upward answers are shown only as group averages and unnamed comments, and only for groups at or above the anonymity threshold. The cycle keeps its template version even if a newer one appears later."</p>
            <ActionForm action=start attr:class="stack">
                <label>"Name " <input name="draft[name]" required maxlength="120" placeholder="2026 H2" /></label>
                <label>"Period from " <input type="date" name="draft[period_from]" required /></label>
                <label>"Period to " <input type="date" name="draft[period_to]" required /></label>
                <label>"Who takes part "
                    <select name="draft[unit]">
                        <option value="">"The whole organisation"</option>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                units.await.unwrap_or_default().into_iter().map(|u| view! {
                                    <option value=u.id.clone()>{format!("{} ({}) and the units below it", u.name, u.kind)}</option>
                                }).collect_view()
                            })}
                        </Suspense>
                    </select>
                </label>
                <label>"Of them "
                    <select name="draft[audience]">
                        <option value="">"Everyone"</option>
                        <option value="managers">"Only people who manage others"</option>
                        <option value="contributors">"Only individual contributors"</option>
                    </select>
                </label>
                <label>"Template "
                    <select name="draft[template]">
                        <option value="">"The newest Standard template"</option>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                templates.await.unwrap_or_default().into_iter().map(|(key, label)| view! {
                                    <option value=key>{label}</option>
                                }).collect_view()
                            })}
                        </Suspense>
                    </select>
                </label>
                <label>"Anonymity threshold "
                    <input type="number" name="draft[anonymity]" min="3" max="20" value="3" />
                    <span class="hint">" Peer and upward answers are shown only for groups with at least this many answers (never fewer than 3)."</span>
                </label>
                <label><input type="checkbox" name="draft[self_review]" value="true" checked /> " Self reviews"</label>
                <label><input type="checkbox" name="draft[manager_review]" value="true" checked /> " Manager reviews"</label>
                <label><input type="checkbox" name="draft[peer_review]" value="true" /> " Peer reviews (each person proposes peers, their manager approves)"</label>
                <label><input type="checkbox" name="draft[upward_review]" value="true" /> " Upward reviews (reports review their manager)"</label>
                <label>"Peer nominations close " <input type="date" name="draft[nominate_due]" />
                    <span class="hint">" Empty: when reviews are due."</span></label>
                <label>"Reviews due " <input type="date" name="draft[write_due]" required /></label>
                <label><input type="checkbox" name="draft[calibration]" value="true" /> " Calibrate ratings before results are shared"</label>
                <label>"Cycle closes " <input type="date" name="draft[share_due]" />
                    <span class="hint">" The last day to share and sign off results. Empty: HR closes it."</span></label>
                <button type="submit" disabled=move || start.pending().get()>
                    {move || if start.pending().get() { "Starting…" } else { "Start cycle" }}
                </button>
            </ActionForm>
            {result}
        </section>
        <Suspense fallback=|| view! { <Loading text="Loading cycles…" /> }>
            {move || Suspend::new(async move {
                match cycles.await {
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty">"No cycle has been run in Tend yet. Start one above; past cycles can be imported under Review history."</p> }.into_any(),
                    Ok(list) => view! { <table class="cycles"><thead><tr><th>"Cycle"</th><th>"Period"</th><th>"Due"</th><th>"Template"</th><th>"Phase"</th><th>"Submitted"</th><th></th></tr></thead>
                        <tbody>{list.into_iter().map(|c| view! { <CycleRow c changed=advanced /> }).collect_view()}</tbody></table> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CycleRow(c: CycleProgress, changed: RwSignal<u32>) -> impl IntoView {
    let advance = ServerAction::<AdvanceCycle>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = advance.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let done = c
        .kinds
        .iter()
        .map(|(k, n, of)| format!("{} {n}/{of}", k.as_str()))
        .collect::<Vec<_>>()
        .join(" · ");
    let key = StoredValue::new(c.key.clone());
    view! {
        <tr>
            <td>{c.name}</td>
            <td>{format!("{} – {}", c.period_from, c.period_to)}</td>
            <td>{c.write_due.to_string()}</td>
            <td>{c.template}</td>
            <td class="phase">{c.phase.label()}
                {c.next.map(|next| view! {
                    " "
                    <button type="button" class="link" disabled=move || advance.pending().get()
                        on:click=move |_| { advance.dispatch(AdvanceCycle { cycle: key.get_value() }); }>
                        {format!("Move on to {}", next.label().to_lowercase())}
                    </button>
                })}
                {move || match advance.value().get() {
                    Some(Err(e)) => Some(view! { <span class="form-error" role="alert">{e.to_string()}</span> }),
                    _ => None,
                }}
            </td>
            <td class="progress">{done}</td>
            <td>
                <a href=format!("/reviews/cycles/progress?cycle={}", c.key)>"Progress by unit and manager"</a>
                " · " <a href=format!("/reviews/calibration?cycle={}", c.key)>"Calibration"</a>
            </td>
        </tr>
    }
}
