//! The worker that empties the email queue: it wakes when something is
//! queued (or every few seconds), claims what is due, sends it, and records
//! the result. A message is never lost: it stays in the database until a
//! send succeeds or every retry is spent. It is not sent twice by two
//! workers: a claim is a lease on one record. The one window left is a
//! crash after the SMTP server accepted a message and before it was marked
//! sent; the message is then sent again after its lease runs out, with the
//! same Message-ID, which mail clients use to show it once.

use crate::email::repo::{self, Claimed};
use crate::email::rules::after_failure;
use crate::email::transport::Mail;
use crate::error::AppError;
use crate::server::db::Db;
use futures::StreamExt;
use std::sync::Arc;
use std::time::Duration;

/// How often the worker looks for due retries and expired leases when nothing wakes it.
const POLL: Duration = Duration::from_secs(5);
/// Messages claimed per round.
const BATCH: usize = 32;
/// Messages sent at once (each an SMTP exchange; lettre pools the connections).
const AT_ONCE: usize = 4;

/// Runs until the process ends.
pub async fn run(db: Db, mail: Arc<Mail>) {
    loop {
        if let Err(e) = drain(&db, &mail).await {
            tracing::warn!(%e, "the email worker could not read the queue; trying again shortly");
        }
        tokio::select! {
            _ = repo::WAKE.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Sends everything due now; returns how many went out.
pub async fn drain(db: &Db, mail: &Mail) -> Result<usize, AppError> {
    let mut sent = 0;
    loop {
        let due = repo::due(db, BATCH).await?;
        if due.is_empty() {
            return Ok(sent);
        }
        // Some(sent?) for a message this worker claimed, None when another had it.
        let results: Vec<Result<Option<bool>, AppError>> = futures::stream::iter(due)
            .map(|key| async move {
                match repo::claim(db, &key).await? {
                    Some(m) => deliver(db, mail, &m).await.map(Some),
                    None => Ok(None),
                }
            })
            .buffer_unordered(AT_ONCE)
            .collect()
            .await;
        let mut claimed = false;
        for r in results {
            if let Some(went) = r? {
                claimed = true;
                sent += usize::from(went);
            }
        }
        if !claimed {
            return Ok(sent);
        }
    }
}

/// One attempt at one claimed message; true when it went out.
async fn deliver(db: &Db, mail: &Mail, m: &Claimed) -> Result<bool, AppError> {
    match mail.send(m).await {
        Ok(()) => {
            repo::sent(db, &m.key(), m.attempts, mail.folder_only()).await?;
            Ok(true)
        }
        Err(e) => {
            let next = after_failure(m.attempts.max(0) as u32, e.permanent);
            tracing::info!(email = %m.key(), attempt = m.attempts, permanent = e.permanent, error = %e.message, "an email was not sent");
            repo::failed(db, &m.key(), m.attempts, next, &e.message).await?;
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests;
