//! Test helpers: a fresh in-memory database per test, optionally seeded, and
//! a way to call server functions as a given person.

use super::db::{connect, Db, DbConfig};
use super::seed::plan::{plan, DemoAccounts};
use super::{schema, seed};
use crate::server::state::AppState;
use crate::server::CurrentUser;
use crate::shared::ids::PersonId;
use leptos::prelude::{provide_context, Owner};
use std::sync::atomic::{AtomicUsize, Ordering};

/// People in the standard test org: big enough for three management levels.
pub const TEST_PEOPLE: usize = 60;
/// Seed of the standard test org.
pub const TEST_SEED: u64 = 42;

/// A migrated, empty database in a namespace no other test uses.
pub async fn fresh_db() -> Db {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let ns = format!("test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
    let db = connect(&DbConfig::memory(&ns)).await.expect("mem:// connects");
    schema::migrate(&db).await.expect("migrations apply");
    db
}

/// A database holding the standard test org, and its demo accounts.
pub async fn seeded_db() -> (Db, DemoAccounts) {
    let db = fresh_db().await;
    seed::run(&db, TEST_PEOPLE, TEST_SEED, false, |_, _, _| {})
        .await
        .expect("seed runs");
    (db, plan(TEST_PEOPLE, TEST_SEED).demo)
}

/// A database holding the standard test org with its seeded quarters of goals.
pub async fn seeded_db_with_goals() -> (Db, DemoAccounts) {
    let db = fresh_db().await;
    seed::run(&db, TEST_PEOPLE, TEST_SEED, true, |_, _, _| {})
        .await
        .expect("seed runs");
    (db, plan(TEST_PEOPLE, TEST_SEED).demo)
}

/// The id of the planned person at `index`.
pub fn pid(index: usize) -> PersonId {
    PersonId::parse(&format!("p{index}")).expect("planned ids are valid")
}

/// The signed-in view of the person at `index`.
pub async fn user(db: &Db, index: usize) -> CurrentUser {
    crate::people::repo::viewer(db, &pid(index))
        .await
        .expect("query")
        .expect("person exists")
}

/// A reactive owner carrying the app state and a request signed in as
/// `as_user` (or signed out), so server functions can be called directly.
pub fn request_as(db: &Db, as_user: Option<CurrentUser>) -> Owner {
    let owner = Owner::new();
    owner.set();
    let options = leptos::config::LeptosOptions::builder().output_name("tend").build();
    provide_context(AppState::new(options, db.clone(), false));
    let (mut parts, _) = http::Request::new(()).into_parts();
    if let Some(u) = as_user {
        parts.extensions.insert(u);
    }
    provide_context(parts);
    owner
}

/// A draft that may be submitted: every competency rated `rating` with
/// `comment`, and the overall and goal-achievement ratings where the template has them.
pub fn complete_draft(
    t: &crate::reviews::model::form::TemplateView,
    rating: u8,
    comment: &str,
) -> crate::reviews::model::form::ReviewDraft {
    crate::reviews::model::form::ReviewDraft {
        ratings: t
            .competencies
            .iter()
            .map(|c| crate::reviews::model::form::RatingDraft {
                competency: c.key.clone(),
                rating: Some(rating),
                comment: comment.into(),
            })
            .collect(),
        overall: t.overall.then_some(rating),
        goal_rating: t.goals.then_some(rating),
        goal_comment: if t.goals { comment.into() } else { String::new() },
        ..Default::default()
    }
}
