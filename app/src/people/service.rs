//! People reads: the home page, a person's page, the team view and the HR
//! directory, each within the viewer's reach.

use crate::error::AppError;
use crate::people::model::{Home, PersonProfile, PersonSummary, TeamGroup};
use crate::server::db::Db;
use crate::server::CurrentUser;

/// Longest directory search accepted.
pub const MAX_QUERY: usize = 100;
/// Most directory results returned.
pub const SEARCH_LIMIT: u32 = 50;

/// The signed-in person's own profile and the size of their organisation.
pub async fn home(db: &Db, user: &CurrentUser) -> Result<Home, AppError> {
    use crate::people::repo as people;
    use crate::server::authz;
    let mut me = people::profile(db, &user.id, authz::may_see_demographics(user))
        .await?
        .ok_or(AppError::NotFound)?;
    me.manager_reachable = authz::manager_reachable(user, &user.id);
    let org_size = if me.role.manages() {
        Some(people::subtree_size(db, &user.id).await?)
    } else {
        None
    };
    Ok(Home { me, org_size })
}

/// One person's page, within the viewer's reach.
pub async fn person(db: &Db, user: &CurrentUser, id: String) -> Result<PersonProfile, AppError> {
    use crate::people::repo as people;
    use crate::server::authz;
    use crate::shared::ids::PersonId;
    let id = PersonId::parse(&id).ok_or(AppError::NotFound)?;
    authz::ensure_can_reach(db, user, &id).await?;
    let mut profile = people::profile(db, &id, authz::may_see_demographics(user))
        .await?
        .ok_or(AppError::NotFound)?;
    profile.manager_reachable = authz::manager_reachable(user, &id);
    Ok(profile)
}

/// The viewer's direct reports, and for each report who manages, their reports.
pub async fn team(db: &Db, user: &CurrentUser) -> Result<Vec<TeamGroup>, AppError> {
    use crate::people::repo as people;
    let me = people::summary(db, &user.id).await?.ok_or(AppError::NotFound)?;
    let directs = people::direct_reports(db, &user.id).await?;
    let mut groups = Vec::new();
    for report in directs.iter().filter(|r| r.direct_reports > 0) {
        // Every id here came from the viewer's own subtree, so no further check is needed.
        let members = people::direct_reports(db, &report.id).await?;
        groups.push(TeamGroup {
            manager: report.clone(),
            members,
        });
    }
    groups.insert(
        0,
        TeamGroup {
            manager: me,
            members: directs,
        },
    );
    Ok(groups)
}

/// HR directory: people whose name or email contains `query`.
pub async fn search(db: &Db, user: &CurrentUser, query: String) -> Result<Vec<PersonSummary>, AppError> {
    use crate::people::repo as people;
    use crate::server::authz;
    authz::ensure_hr(user)?;
    let query = query.trim();
    if query.chars().count() < 2 {
        return Err(AppError::Invalid("Type at least 2 characters to search.".into()));
    }
    if query.chars().count() > MAX_QUERY {
        return Err(AppError::Invalid(format!(
            "Searches are limited to {MAX_QUERY} characters."
        )));
    }
    people::search(db, query, SEARCH_LIMIT).await
}

/// Colleagues by name (2 to 60 characters, else nobody), at most 10 and
/// never the viewer, for choosing who to give feedback to or ask. Anyone may
/// give feedback to anyone, so names and titles are open to all.
pub async fn colleagues(db: &Db, user: &CurrentUser, q: &str) -> Result<Vec<PersonSummary>, AppError> {
    let q = q.trim();
    if q.chars().count() < 2 || q.chars().count() > 60 {
        return Ok(Vec::new());
    }
    let found = crate::people::repo::search_names(db, q, 11).await?;
    Ok(found.into_iter().filter(|p| p.id != user.id).take(10).collect())
}
