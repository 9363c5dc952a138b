use crate::hr::model::ChangeLine;
use leptos::prelude::*;

/// A person's audited changes: when, what, from, to, from which day, by whom.
#[component]
pub fn History(lines: Vec<ChangeLine>) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p class="empty">"No changes recorded yet. Edits, moves, imports and leaving show here."</p> }
            .into_any();
    }
    let show = |v: Option<String>| v.unwrap_or_else(|| "—".to_owned());
    view! {
        <div class="table-scroll">
            <table class="history">
                <thead><tr><th>"When"</th><th>"What"</th><th>"From"</th><th>"To"</th><th>"Counts from"</th><th>"By"</th></tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| view! {
                        <tr>
                            <td>{l.at}</td>
                            <td>{l.what.replace('_', " ")}</td>
                            <td>{show(l.was)}</td>
                            <td>{show(l.became)}</td>
                            <td>{l.effective}</td>
                            <td>{if l.source == "import" { format!("{} (import)", l.by) } else { l.by }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }.into_any()
}
