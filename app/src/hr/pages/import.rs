use crate::error::AppError;
use crate::hr::api::{ApplyPeopleImport, CheckPeopleImport, MAX_UPLOAD};
use crate::hr::import_check::{DEMOGRAPHICS, OPTIONAL, REQUIRED};
use crate::hr::model::ImportOptions;
use crate::hr::pages::preview::Preview;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;

/// HR loads the organisation from the HRIS export. Anyone else is told
/// the page is HR's.
#[component]
pub fn ImportPeoplePage() -> impl IntoView {
    let session = crate::auth::session::use_session();
    view! {
        <Title text="Import people" />
        <h1>"Import people"</h1>
        <Transition fallback=|| view! { <Loading text="Loading…" /> }>
            {move || Suspend::new(async move {
                match session.viewer.await {
                    Ok(Some(v)) if v.is_hr => view! { <ImportForm /> }.into_any(),
                    Ok(Some(_)) => view! { <ErrorPage error=AppError::Forbidden /> }.into_any(),
                    Ok(None) => view! { <ErrorPage error=AppError::Unauthorized /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Choose or paste the file, check it (nothing is written), read what it
/// would change, then apply it. Changing the file or the options after a
/// check hides the Apply button until it is checked again, so what is
/// applied is what was read.
#[component]
fn ImportForm() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let demographics = RwSignal::new(false);
    let full = RwSignal::new(false);
    let invite = RwSignal::new(false);
    // With password sign-in off there is no password to invite anyone to choose.
    let passwords = crate::auth::session::use_password_sign_in();
    let read_error = RwSignal::new(None::<String>);
    let check = ServerAction::<CheckPeopleImport>::new();
    let apply = ServerAction::<ApplyPeopleImport>::new();
    // What the last successful check was run on.
    let checked_on = RwSignal::new(None::<(String, ImportOptions)>);
    let options = move || ImportOptions {
        demographics: demographics.get(),
        full: full.get(),
        invite: invite.get(),
    };
    let run_check = move |_| {
        let csv = text.get_untracked();
        let opts = options();
        checked_on.set(Some((csv.clone(), opts)));
        apply.clear();
        check.dispatch(CheckPeopleImport { csv, options: opts });
    };
    let current = move || {
        let still = checked_on.with(|c| {
            c.as_ref()
                .is_some_and(|(t, o)| text.with(|x| x == t) && *o == options())
        });
        still.then(|| check.value().get()).flatten()
    };
    let on_apply = Callback::new(move |fingerprint: String| {
        if let Some((csv, options)) = checked_on.get_untracked() {
            apply.dispatch(ApplyPeopleImport {
                csv,
                options,
                fingerprint,
            });
        }
    });
    let columns = format!(
        "{} (required); {} (optional); {} (only when imported below).",
        REQUIRED.join(", "),
        OPTIONAL.join(", "),
        DEMOGRAPHICS.join(", ")
    );
    view! {
        <section class="card">
            <h2>"1. The people file"</h2>
            <p class="hint">
                "A CSV export from your HR system, one person per line. Columns: " {columns}
                " Dates are YYYY-MM-DD; org_unit is a path such as Company/Engineering/Platform. "
                "People are matched by employee_id, then by email. Nothing changes until you apply."
            </p>
            <div class="stack">
                <label>"Choose the file "
                    <input type="file" accept=".csv,text/csv" on:change=move |ev| read_file(ev, text, read_error) />
                </label>
                {move || read_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <label>"or paste it"
                    <textarea rows="8" bind:value=text maxlength=MAX_UPLOAD.to_string()
                        placeholder="employee_id,email,name,manager_employee_id,org_unit,title,start_date,end_date,is_hr,time_zone"></textarea>
                </label>
                <label class="check">
                    <input type="checkbox" bind:checked=demographics />
                    " Import the demographic columns (gender, ethnicity, age band, location). HR alone sees them; the bias analytics use them."
                </label>
                <label class="check">
                    <input type="checkbox" bind:checked=full />
                    " This file is the whole organisation: anyone in Tend and not in it leaves today."
                </label>
                <Suspense fallback=|| ()>
                    <Show when=move || passwords.get()>
                        <label class="check">
                            <input type="checkbox" bind:checked=invite />
                            " Mail each new person an invitation to choose a password (a link that works once, for 7 days)."
                        </label>
                    </Show>
                </Suspense>
                <button type="button" on:click=run_check disabled=move || check.pending().get() || text.with(|t| t.trim().is_empty())>
                    {move || if check.pending().get() { "Checking…" } else { "Check the file" }}
                </button>
            </div>
        </section>
        {move || match current() {
            None => None,
            Some(Err(e)) => Some(view! {
                <section class="card"><pre class="form-error import-errors" role="alert">{e.to_string()}</pre></section>
            }.into_any()),
            Some(Ok(p)) => Some(view! { <Preview preview=p apply=apply on_apply /> }.into_any()),
        }}
        <section class="card">
            <h2>"Export"</h2>
            <p>
                <a href="/people/export.csv" rel="external" download="">"Download everyone as a people file (CSV)"</a>
                " · "
                <a href="/people/export.csv?demographics=true" rel="external" download="">"with demographics"</a>
            </p>
            <p class="hint">"The export is in the same format: edit it and import it back."</p>
        </section>
    }
}

/// Reads the chosen file into the text box (in the browser only).
#[allow(unused_variables)]
fn read_file(ev: leptos::ev::Event, text: RwSignal<String>, error: RwSignal<Option<String>>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        if file.size() > MAX_UPLOAD as f64 {
            error.set(Some(format!(
                "That file is larger than {} MiB; run `tend import-people FILE` on the server instead.",
                MAX_UPLOAD / 1024 / 1024
            )));
            return;
        }
        error.set(None);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => text.set(v.as_string().unwrap_or_default()),
                Err(_) => error.set(Some("The file could not be read; choose it again.".into())),
            }
        });
    }
}
