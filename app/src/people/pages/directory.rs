use crate::auth::session::use_session;
use crate::error::AppError;
use crate::people::api::search_people;
use crate::people::components::person_list::PersonList;
use crate::ui::error_page::ErrorPage;
use crate::ui::loading::Loading;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// HR admins' people directory: search by name or email. A plain GET form, so
/// it works without JavaScript and results have a shareable URL.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(q, |q| async move {
        if q.trim().is_empty() {
            Ok(None)
        } else {
            search_people(q).await.map(Some)
        }
    });
    view! {
        <Title text="People directory" />
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                let is_hr = session.viewer.await.ok().flatten().is_some_and(|v| v.is_hr);
                if !is_hr {
                    return view! { <ErrorPage error=AppError::Forbidden /> }.into_any();
                }
                let found = results.await;
                view! {
                    <h1>"People directory"</h1>
                    <p class="toolbar">
                        <a class="button secondary" href="/people/new">"Add a person"</a>
                        " "
                        <a class="button secondary" href="/people/import">"Import people"</a>
                        " "
                        <a class="button secondary" href="/org-units">"Org units"</a>
                    </p>
                    <form method="get" action="/directory" class="search" role="search">
                        <label for="q">"Name or email"</label>
                        <input id="q" name="q" type="search" value=q() maxlength="100" />
                        <button type="submit">"Search"</button>
                    </form>
                    {match found {
                        Ok(None) => view! { <p class="empty">"Search by name or email to find anyone in the company."</p> }.into_any(),
                        Ok(Some(people)) => view! {
                            <PersonList people empty="No one matches that search. Try part of a first or last name." />
                        }.into_any(),
                        Err(AppError::Invalid(msg)) => view! { <p class="form-error" role="alert">{msg}</p> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }}
                }
                    .into_any()
            })}
        </Suspense>
    }
}
