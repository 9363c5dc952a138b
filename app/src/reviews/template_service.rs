//! HR edits review templates: each save is a new version; cycles already
//! running keep the version they started on.

use crate::error::AppError;
use crate::reviews::model::template::TemplateDraft;
use crate::reviews::repo::templates as repo;
use crate::reviews::template_rules::check_template;
use crate::server::db::Db;
use crate::server::{authz, CurrentUser};

/// The version `template` ("name|version", or empty for the newest
/// Standard) as a draft to start the next version from.
pub async fn draft(db: &Db, user: &CurrentUser, template: &str) -> Result<TemplateDraft, AppError> {
    authz::ensure_hr(user)?;
    let row = match template.split_once('|') {
        None if template.trim().is_empty() => repo::latest_template(db, repo::DEFAULT_TEMPLATE).await?,
        Some((name, version)) => match version.parse::<u32>() {
            Ok(v) => repo::template_version(db, name, v).await?,
            Err(_) => None,
        },
        None => None,
    };
    row.map(repo::TemplateRow::draft)
        .ok_or_else(|| AppError::Invalid("That template version does not exist. Pick one from the list.".into()))
}

/// Checks and saves `d` as the next version of its name; returns "name|version".
pub async fn save(db: &Db, user: &CurrentUser, d: &TemplateDraft) -> Result<String, AppError> {
    authz::ensure_hr(user)?;
    let d = check_template(d).map_err(AppError::Invalid)?;
    let version = repo::create_version(db, &d).await?;
    Ok(format!("{}|{version}", d.name))
}

#[cfg(test)]
mod tests;
