//! Offline capture server functions: the outbox's sync endpoint, what the
//! capture page caches for offline use, and the author's synced notes.

use crate::capture::model::{CaptureContext, CaptureItem, NoteView};
use crate::capture::outbox::ItemResult;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Most items one sync request may carry.
pub const BATCH_MAX: usize = 100;

/// Stores a batch of outbox items in order, each created or found if it was
/// stored before, and answers one result per item. The browser posts JSON
/// here itself (not through the generated client) so it can tell a refusal
/// from a failure worth retrying (5xx, no answer, an unreadable body).
#[server(prefix = "/api", endpoint = "sync_capture", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn sync_capture(items: Vec<CaptureItem>) -> Result<Vec<ItemResult>, AppError> {
    let (s, user) = crate::server::request()?;
    if items.len() > BATCH_MAX {
        return Err(AppError::Invalid(format!("Send at most {BATCH_MAX} items at a time.")));
    }
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default();
    let today = crate::shared::date::Day::today();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(
            match crate::capture::service::sync(&s.db, &user, item, today, now_ms).await {
                Ok(r) => ItemResult::Stored(r),
                Err(e) => ItemResult::Refused(e),
            },
        );
    }
    Ok(out)
}

#[server(prefix = "/api", endpoint = "load_capture_context")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_capture_context() -> Result<CaptureContext, AppError> {
    let (s, user) = crate::server::request()?;
    crate::capture::service::context(&s.db, &user, crate::shared::date::Day::today()).await
}

#[server(prefix = "/api", endpoint = "my_notes")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_notes() -> Result<Vec<NoteView>, AppError> {
    let (s, user) = crate::server::request()?;
    crate::capture::service::my_notes(&s.db, &user).await
}

#[cfg(all(test, feature = "ssr"))]
mod tests;
