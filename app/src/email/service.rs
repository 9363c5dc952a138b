//! Queueing mail for the features that send it, and the queue as HR sees it.

use crate::email::message::Email;
use crate::email::model::{EmailLine, Outbox};
use crate::email::repo;
use crate::email::rules::Status;
use crate::email::transport::Mail;
use crate::error::AppError;
use crate::server::authz::ensure_hr;
use crate::server::db::Db;
use crate::server::repo::key_of;
use crate::server::CurrentUser;
use crate::shared::ids::PersonId;

/// Messages the Emails page lists.
const SHOWN: usize = 200;

/// Queues a message for the worker.
pub async fn send(db: &Db, e: &Email, person: Option<&PersonId>) -> Result<(), AppError> {
    repo::enqueue(db, e, person).await.map(|_| ())
}

/// The newest messages, with an invitation's text when mail only goes to
/// the outbox folder (then HR is the trial's postman); HR only.
pub async fn outbox(db: &Db, mail: &Mail, user: &CurrentUser) -> Result<Outbox, AppError> {
    ensure_hr(user)?;
    let (rows, counts) = repo::recent(db, SHOWN).await?;
    let folder_only = mail.folder_only();
    let lines = rows
        .into_iter()
        .map(|r| EmailLine {
            id: key_of(&r.id),
            kind: r.kind.clone(),
            to: r.to.clone(),
            subject: r.subject.clone(),
            status: Status::parse(&r.status)
                .map(Status::label)
                .unwrap_or("Unknown")
                .to_owned(),
            attempts: r.attempts.max(0) as u32,
            queued: r.queued(),
            sent: r.sent(),
            error: r.last_error.clone(),
            // Only invitations: a reset link is for its owner alone, and an
            // invitation goes only to someone without a password yet.
            text: (folder_only && r.kind == "invitation" && !r.text.is_empty()).then(|| r.text.clone()),
        })
        .collect();
    Ok(Outbox {
        delivery: mail.describe(),
        folder_only,
        lines,
        counts,
    })
}
