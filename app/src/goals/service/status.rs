//! Setting a goal's status by hand, or going back to the suggested one.

use super::label;
use crate::error::AppError;
use crate::goals::model::Status;
use crate::goals::repo::write::Event;
use crate::goals::repo::{rollup as goal_rollup, write};
use crate::goals::{access as goal_access, rules as goal_rules};
use crate::server::db::Db;
use crate::server::repo::person_rid;
use crate::server::CurrentUser;
use crate::shared::date::Day;

/// Sets a goal's status by hand, or (with `None`) goes back to the suggestion.
pub async fn set_status(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    status: Option<Status>,
    note: &str,
    today: Day,
) -> Result<(), AppError> {
    let rid = crate::goals::service::reads::support::goal_rid(id)?;
    let row = goal_access::load_editable(db, user, &rid).await?;
    if note.chars().count() > goal_rules::NOTE_MAX {
        return Err(AppError::field("note", "Notes are limited to 1000 characters."));
    }
    let inputs = goal_rollup::load(db, &rid).await?.ok_or(AppError::NotFound)?;
    let computed = inputs.compute(today, None, Some(status));
    let actor = person_rid(&user.id);
    let how = if computed.overridden {
        "set by hand"
    } else {
        "suggested"
    };
    let note = note.trim();
    let to = if note.is_empty() {
        format!("{} ({how})", computed.status.label())
    } else {
        format!("{} ({how}): {note}", computed.status.label())
    };
    let events = vec![Event::new(&rid, &actor, "status", Some(label(&row.status)), Some(to))];
    write::set_status(db, &rid, &computed, events).await?;
    // Abandoning drops the goal out of its parent's roll-up.
    goal_rollup::recompute_up(db, row.parent.clone(), today).await?;
    Ok(())
}
