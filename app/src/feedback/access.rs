//! Who may read a feedback entry: exactly its visibility, nothing more.
//! Private: giver and recipient. Manager line: also everyone above the
//! recipient. Public: everyone signed in. HR admins get no extra reading
//! rights here; they audit deletions instead (`feedback_service::deletions`).

use crate::error::AppError;
use crate::feedback::model::FeedbackVisibility;
use crate::feedback::repo::FeedbackRow;
use crate::people::repo as people;
use crate::server::db::Db;
use crate::server::CurrentUser;

/// How the viewer stands to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Giver,
    Recipient,
    /// Above the recipient in the reporting line.
    ManagerLine,
    Other,
}

/// The rule itself.
pub fn may_read(visibility: FeedbackVisibility, relation: Relation) -> bool {
    match relation {
        Relation::Giver | Relation::Recipient => true,
        Relation::ManagerLine => visibility != FeedbackVisibility::Private,
        Relation::Other => visibility == FeedbackVisibility::Public,
    }
}

/// The viewer's relation to an entry (one graph walk only when it matters).
pub async fn relation(db: &Db, viewer: &CurrentUser, row: &FeedbackRow) -> Result<Relation, AppError> {
    if row.giver_id().as_ref() == Some(&viewer.id) {
        return Ok(Relation::Giver);
    }
    let Some(recipient) = row.recipient_id() else {
        return Ok(Relation::Other);
    };
    if recipient == viewer.id {
        return Ok(Relation::Recipient);
    }
    if row.visibility() == FeedbackVisibility::ManagerLine && people::is_above(db, &viewer.id, &recipient).await? {
        return Ok(Relation::ManagerLine);
    }
    Ok(Relation::Other)
}

/// Whether the viewer may read this (non-deleted) entry.
pub async fn can_read(db: &Db, viewer: &CurrentUser, row: &FeedbackRow) -> Result<bool, AppError> {
    Ok(!row.deleted && may_read(row.visibility(), relation(db, viewer, row).await?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use FeedbackVisibility::{ManagerLine, Private, Public};

    #[test]
    fn the_visibility_table() {
        let table = [
            (Private, [true, true, false, false]),
            (ManagerLine, [true, true, true, false]),
            (Public, [true, true, true, true]),
        ];
        for (vis, expected) in table {
            for (rel, want) in [
                Relation::Giver,
                Relation::Recipient,
                Relation::ManagerLine,
                Relation::Other,
            ]
            .into_iter()
            .zip(expected)
            {
                assert_eq!(may_read(vis, rel), want, "{vis:?} / {rel:?}");
            }
        }
    }
}
