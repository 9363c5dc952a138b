//! The one line a page shows while its data loads, so every fallback looks
//! and reads the same (and says `aria-busy` to screen readers).

use leptos::prelude::*;

/// "Loading…", or what is loading: `<Loading text="Loading your goals…" />`.
#[component]
pub fn Loading(#[prop(default = "Loading…")] text: &'static str) -> impl IntoView {
    view! { <p class="loading" aria-busy="true">{text}</p> }
}
