//! What the feedback form opens with: the recipient, an ask being answered
//! or an entry being corrected, and the goals the feedback may name.

use super::{ask_rid, readable, WINDOW_CLOSED};
use crate::error::AppError;
use crate::feedback::repo::asks as feedback_asks;
use crate::feedback::rules as feedback_rules;
use crate::goals::repo as goals;
use crate::people::repo as people;
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::CurrentUser;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;

/// The form's starting point: a known recipient, an ask for the viewer, or
/// an entry the viewer may still edit.
pub async fn start(
    db: &Db,
    user: &CurrentUser,
    to: Option<String>,
    ask: Option<String>,
    edit: Option<String>,
) -> Result<crate::feedback::model::FeedbackStart, AppError> {
    let today = Day::today();
    let existing = match edit.filter(|e| !e.is_empty()) {
        Some(id) => {
            let entry = readable(db, user, &id).await?.entry(&user.id);
            if !entry.editable {
                return Err(AppError::Invalid(WINDOW_CLOSED.into()));
            }
            Some(entry)
        }
        None => None,
    };
    let ask = match ask.filter(|a| feedback_rules::valid_key(a)) {
        Some(a) => feedback_asks::get(db, &ask_rid(&a))
            .await?
            .filter(|r| key_of(&r.asked) == user.id.as_str() && r.answer.is_none())
            .map(|r| r.wire()),
        None => None,
    };
    let to = existing
        .as_ref()
        .map(|e| e.recipient.id.clone())
        .or_else(|| ask.as_ref().map(|a| a.requester.id.clone()))
        .or_else(|| to.as_deref().and_then(PersonId::parse));
    let recipient = match to {
        Some(p) => people::summary(db, &p)
            .await?
            .map(|s| crate::people::model::OwnerRef { id: s.id, name: s.name }),
        None => None,
    };
    Ok(crate::feedback::model::FeedbackStart {
        today,
        recipient,
        ask,
        existing,
    })
}

/// A person's goals this quarter that the viewer may see, to link feedback to.
pub async fn goal_options(
    db: &Db,
    user: &CurrentUser,
    person: &PersonId,
    today: Day,
) -> Result<Vec<(String, String)>, AppError> {
    if !people::exists(db, person).await? {
        return Err(AppError::NotFound);
    }
    let q = crate::shared::date::Quarter::of(today);
    let rows = goals::owned_by(db, vec![person_rid(person)], q.start(), q.end()).await?;
    let mut out = Vec::new();
    for r in rows {
        if crate::goals::access::can_view(db, user, &r).await? {
            out.push((key_of(&r.id), r.title));
        }
    }
    Ok(out)
}
