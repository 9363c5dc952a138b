use crate::hr::api::ApplyPeopleImport;
use crate::hr::model::{ChangeGroup, ImportPreview};
use leptos::prelude::*;

/// What a checked file would change, group by group, with the button that
/// applies it, and then what was applied.
#[component]
pub fn Preview(
    preview: ImportPreview,
    apply: ServerAction<ApplyPeopleImport>,
    on_apply: Callback<String>,
) -> impl IntoView {
    let nothing = preview.nothing_to_do();
    let fingerprint = preview.fingerprint.clone();
    // Letting people go is the one change that signs anyone out: say so in red.
    let danger_class = if preview.leaving.count > 0 { "danger" } else { "" };
    let summary = format!(
        "{} people in the file: {} new, {} moved, {} renamed, {} leaving, {} returning, {} with other changes.",
        preview.rows,
        preview.new.count,
        preview.moved.count,
        preview.renamed.count,
        preview.leaving.count,
        preview.returning.count,
        preview.updated.count
    );
    let groups = [
        ("New", preview.new),
        ("Moved", preview.moved),
        ("Renamed", preview.renamed),
        ("Leaving", preview.leaving),
        ("Returning", preview.returning),
        ("Other changes", preview.updated),
    ];
    let units = preview.new_units;
    let ignored = preview.ignored_columns;
    let result = move || {
        match apply.value().get() {
        Some(Ok(done)) => Some(
            view! {
                <p class="form-ok" role="status">
                    "Applied. Everyone above is in Tend now; leavers were signed out. Importing the same file again changes nothing."
                    {(done.invited > 0).then(|| format!(" Invitations queued for {} new people (see Emails).", done.invited))}
                </p>
            }
            .into_any(),
        ),
        Some(Err(e)) => Some(view! { <pre class="form-error import-errors" role="alert">{e.to_string()}</pre> }.into_any()),
        None => None,
    }
    };
    let done = move || matches!(apply.value().get(), Some(Ok(_)));
    view! {
        <section class="card import-preview" aria-live="polite">
            <h2>"2. What it changes"</h2>
            <p class="import-summary">{summary}</p>
            {(!ignored.is_empty()).then(|| view! {
                <p class="hint">{format!("Not imported: the {} column(s), as demographics were not chosen.", ignored.join(", "))}</p>
            })}
            {(!units.is_empty()).then(|| view! {
                <h3>{format!("New org units ({})", units.len())}</h3>
                <ul>{units.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul>
            })}
            {groups.into_iter().filter(|(_, g)| g.count > 0).map(|(title, g)| view! { <Group title group=g /> }).collect_view()}
            {if nothing {
                view! { <p class="empty" role="status">"Nothing to change: Tend already holds this file exactly."</p> }.into_any()
            } else {
                view! {
                    <button type="button" class=danger_class
                        disabled=move || apply.pending().get() || done()
                        on:click=move |_| on_apply.run(fingerprint.clone())>
                        {move || if apply.pending().get() { "Applying…" } else { "Apply these changes" }}
                    </button>
                }.into_any()
            }}
            {result}
        </section>
    }
}

#[component]
fn Group(title: &'static str, group: ChangeGroup) -> impl IntoView {
    let more = group.count as usize - group.examples.len().min(group.count as usize);
    view! {
        <h3>{format!("{title} ({})", group.count)}</h3>
        <ul>
            {group.examples.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            {(more > 0).then(|| view! { <li class="hint">{format!("…and {more} more")}</li> })}
        </ul>
    }
}
