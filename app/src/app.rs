//! The HTML shell, the `<App/>` root and the route table.

use crate::auth::pages::forgot::ForgotPage;
use crate::auth::pages::login::LoginPage;
use crate::auth::pages::password::PasswordPage;
use crate::auth::pages::set_password::SetPasswordPage;
use crate::auth::session::provide_session;
use crate::bias::pages::thresholds::BiasThresholdsPage;
use crate::calibration::pages::calibration::CalibrationPage;
use crate::capture::pages::capture::CapturePage;
use crate::dashboards::pages::audit::AuditPage;
use crate::dashboards::pages::org::OrgDashboardPage;
use crate::dashboards::pages::team::DashboardPage;
use crate::email::pages::EmailsPage;
use crate::error::AppError;
use crate::feedback::pages::audit::FeedbackAuditPage;
use crate::feedback::pages::entry::FeedbackEntryPage;
use crate::feedback::pages::feed::FeedbackFeedPage;
use crate::feedback::pages::new::{EditFeedbackPage, NewFeedbackPage};
use crate::feedback::pages::overview::FeedbackPage;
use crate::feedback::pages::perception_check::PerceptionCheckPage;
use crate::feedback::pages::team::FeedbackTeamPage;
use crate::goals::pages::edit::{EditGoalPage, NewGoalPage};
use crate::goals::pages::goal::GoalPage;
use crate::goals::pages::mine::MyGoalsPage;
use crate::goals::pages::review::GoalReviewPage;
use crate::goals::pages::team::TeamGoalsPage;
use crate::goals::pages::tree::GoalTreePage;
use crate::hr::pages::{AddPersonPage, ImportPeoplePage, OrgUnitsPage, PersonAdminPage};
use crate::notify::pages::{InboxPage, NotificationPrefsPage, UnsubscribePage};
use crate::one_on_ones::pages::list::OneOnOnesPage;
use crate::one_on_ones::pages::meeting::OneOnOnePage;
use crate::people::pages::directory::DirectoryPage;
use crate::people::pages::person::PersonPage;
use crate::people::pages::team::TeamPage;
use crate::reminders::pages::ReminderSettingsPage;
use crate::reviews::pages::cycles::ReviewCyclesPage;
use crate::reviews::pages::history::ReviewHistoryPage;
use crate::reviews::pages::list::ReviewsPage;
use crate::reviews::pages::peers::ReviewPeersPage;
use crate::reviews::pages::progress::ReviewProgressPage;
use crate::reviews::pages::results::ReviewResultsPage;
use crate::reviews::pages::templates::ReviewTemplatesPage;
use crate::reviews::pages::write::WriteReviewPage;
use crate::today::pages::TodayPage;
use crate::ui::error_page::ErrorPage;
use crate::ui::nav::Nav;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::security::send_content_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="data:," />
                <link rel="stylesheet" id="leptos" href=css_href(&options) />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The stylesheet's address: content-hashed when the build wrote
/// `pkg/hash.txt` (a `css: <hash>` line), like the script and wasm.
fn css_href(options: &LeptosOptions) -> String {
    let pkg = &options.site_pkg_dir;
    let hash = options
        .hash_files
        .then(|| std::fs::read_to_string(options.hash_file.as_ref()).ok())
        .flatten()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.split_once(':')
                    .filter(|(k, _)| k.trim() == "css")
                    .map(|(_, h)| h.trim().to_owned())
            })
        });
    match hash {
        Some(h) => format!("/{pkg}/{}.{h}.css", options.output_name),
        None => format!("/{pkg}/{}.css", options.output_name),
    }
}

/// The application: session context, navigation and routes. Routes render
/// async on the server so a 403 or 404 status reaches the response.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_session();
    // Marks the page once hydration has run, so tests and tooling can wait for it.
    #[cfg(feature = "hydrate")]
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "");
        }
        crate::offline::register_service_worker();
    });
    view! {
        <Title formatter=page_title />
        <Router>
            <Nav />
            <main id="main">
                <Routes fallback=|| view! { <ErrorPage error=AppError::NotFound /> }>
                    <Route path=path!("/") view=TodayPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/password") view=PasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot") view=ForgotPage ssr=SsrMode::Async />
                    <Route path=path!("/set-password") view=SetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/inbox") view=InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/settings/notifications") view=NotificationPrefsPage ssr=SsrMode::Async />
                    <Route path=path!("/unsubscribe") view=UnsubscribePage ssr=SsrMode::Async />
                    <Route path=path!("/settings/reminders") view=ReminderSettingsPage ssr=SsrMode::Async />
                    // Fixed paths before `/people/:id`: the first route that matches wins.
                    <Route path=path!("/people/import") view=ImportPeoplePage ssr=SsrMode::Async />
                    <Route path=path!("/people/new") view=AddPersonPage ssr=SsrMode::Async />
                    <Route path=path!("/people/:id") view=PersonPage ssr=SsrMode::Async />
                    <Route path=path!("/team") view=TeamPage ssr=SsrMode::Async />
                    <Route path=path!("/directory") view=DirectoryPage ssr=SsrMode::Async />
                    <Route path=path!("/people/:id/admin") view=PersonAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/org-units") view=OrgUnitsPage ssr=SsrMode::Async />
                    <Route path=path!("/emails") view=EmailsPage ssr=SsrMode::Async />
                    <Route path=path!("/goals") view=GoalTreePage ssr=SsrMode::Async />
                    <Route path=path!("/goals/mine") view=MyGoalsPage ssr=SsrMode::Async />
                    <Route path=path!("/goals/team") view=TeamGoalsPage ssr=SsrMode::Async />
                    <Route path=path!("/goals/new") view=NewGoalPage ssr=SsrMode::Async />
                    <Route path=path!("/goals/review") view=GoalReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/goals/:id") view=GoalPage ssr=SsrMode::Async />
                    <Route path=path!("/goals/:id/edit") view=EditGoalPage ssr=SsrMode::Async />
                    <Route path=path!("/feedback") view=FeedbackPage ssr=SsrMode::Async />
                    <Route path=path!("/feedback/new") view=NewFeedbackPage ssr=SsrMode::Async />
                    <Route path=path!("/feedback/feed") view=FeedbackFeedPage ssr=SsrMode::Async />
                    <Route path=path!("/feedback/team") view=FeedbackTeamPage ssr=SsrMode::Async />
                    <Route path=path!("/feedback/check") view=PerceptionCheckPage ssr=SsrMode::Async />
                    <Route path=path!("/feedback/audit") view=FeedbackAuditPage ssr=SsrMode::Async />
                    <Route path=path!("/feedback/:id") view=FeedbackEntryPage ssr=SsrMode::Async />
                    <Route path=path!("/feedback/:id/edit") view=EditFeedbackPage ssr=SsrMode::Async />
                    <Route path=path!("/one-on-ones") view=OneOnOnesPage ssr=SsrMode::Async />
                    <Route path=path!("/capture") view=CapturePage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard/org") view=OrgDashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews") view=ReviewsPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/write") view=WriteReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/cycles") view=ReviewCyclesPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/peers") view=ReviewPeersPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/cycles/progress") view=ReviewProgressPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/calibration") view=CalibrationPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/bias-thresholds") view=BiasThresholdsPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/templates") view=ReviewTemplatesPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/results") view=ReviewResultsPage ssr=SsrMode::Async />
                    <Route path=path!("/reviews/history") view=ReviewHistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/one-on-ones/:id") view=OneOnOnePage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}

/// "Page · Tend". On the server the text is HTML-escaped, because leptos_meta
/// 0.8 writes `<title>` contents raw and a person's name is user data; in the
/// browser it is assigned to `document.title`, which is already plain text.
fn page_title(page: String) -> String {
    let title = if page.is_empty() {
        "Tend".to_owned()
    } else {
        format!("{page} · Tend")
    };
    if cfg!(feature = "ssr") {
        crate::shared::html::escape(&title)
    } else {
        title
    }
}
