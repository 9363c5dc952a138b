//! Scheduled work shared by every Tend process on one database. Each job
//! has one row (`job:reminders`, `job:mailer`); a process runs a job only
//! while it holds that row's lease, claimed and renewed by a conditional
//! update, so two processes never run the same job at once. A holder that
//! crashes stops renewing, its lease runs out, and another process takes
//! over. The work itself is idempotent as well (notifications are keyed by
//! occasion, and a batch is stamped in the transaction that queues its
//! email), so even a holder that stalls past its lease cannot double-send.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, lost_race, new_key};
use std::future::Future;
use std::sync::LazyLock;
use std::time::Duration;
use surrealdb::types::{Datetime, RecordId};

/// This process's name as a job holder.
pub static HOLDER: LazyLock<String> = LazyLock::new(|| new_key("w"));

fn job_rid(name: &str) -> RecordId {
    RecordId::new("job", name)
}

/// Takes or renews the lease on `job` for `holder`; true when held.
pub async fn claim(db: &Db, job: &str, holder: &str, lease: Duration) -> Result<bool, AppError> {
    let res = db
        .query(
            "INSERT IGNORE INTO job { id: $id, holder: '', lease_until: d'1970-01-01T00:00:00Z' } RETURN NONE;
             UPDATE $id SET holder = $holder, lease_until = time::now() + $lease
                WHERE holder = $holder OR lease_until < time::now() RETURN VALUE holder;",
        )
        .bind(("id", job_rid(job)))
        .bind(("holder", holder.to_owned()))
        .bind(("lease", surrealdb::types::Duration::from(lease)))
        .await;
    let mut res = match res.and_then(|r| r.check()) {
        Ok(r) => r,
        Err(e) if lost_race(&e) => return Ok(false),
        Err(e) => return Err(db_err(e)),
    };
    let held: Vec<String> = res.take(1).map_err(db_err)?;
    Ok(held.first().map(String::as_str) == Some(holder))
}

/// Records a finished run, holding the lease until the next turn is due
/// (`hold`), so other processes do not run the job again in between; a
/// holder that dies is replaced one turn later.
pub async fn finished(db: &Db, job: &str, holder: &str, note: &str, hold: Duration) -> Result<(), AppError> {
    exec(
        db.query(
            "UPDATE $id SET last_run = time::now(), last_note = $note, lease_until = time::now() + $hold
             WHERE holder = $holder RETURN NONE",
        )
        .bind(("id", job_rid(job)))
        .bind(("hold", surrealdb::types::Duration::from(hold)))
        .bind(("holder", holder.to_owned()))
        .bind(("note", note.chars().take(300).collect::<String>())),
    )
    .await
}

/// When `job` last finished, if it has.
pub async fn last_run(db: &Db, job: &str) -> Result<Option<Datetime>, AppError> {
    let mut res = db
        .query("SELECT VALUE last_run FROM ONLY $id")
        .bind(("id", job_rid(job)))
        .await
        .map_err(db_err)?;
    let v: Option<Option<Datetime>> = res.take(0).map_err(db_err)?;
    Ok(v.flatten())
}

/// Runs `work` every `every` while this process holds the job's lease.
/// The lease outlasts one run (`lease` must be longer than a run takes).
pub async fn run_every<F, Fut>(db: Db, job: &'static str, every: Duration, lease: Duration, work: F)
where
    F: Fn(Db) -> Fut,
    Fut: Future<Output = Result<String, AppError>>,
{
    loop {
        match claim(&db, job, &HOLDER, lease).await {
            Ok(true) => {
                let note = match work(db.clone()).await {
                    Ok(note) => note,
                    Err(e) => {
                        tracing::warn!(job, %e, "a scheduled job failed; it runs again next turn");
                        format!("failed: {e}")
                    }
                };
                if let Err(e) = finished(&db, job, &HOLDER, &note, every).await {
                    tracing::warn!(job, %e, "could not record a job's run");
                }
            }
            Ok(false) => {}
            Err(e) => tracing::warn!(job, %e, "could not claim a scheduled job"),
        }
        tokio::time::sleep(every).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::testing::fresh_db;

    #[tokio::test]
    async fn one_holder_at_a_time_and_a_dead_holders_lease_runs_out() {
        let db = fresh_db().await;
        let minute = Duration::from_secs(60);
        assert!(claim(&db, "mailer", "a", minute).await.unwrap());
        assert!(
            !claim(&db, "mailer", "b", minute).await.unwrap(),
            "b waits while a holds it"
        );
        assert!(
            claim(&db, "mailer", "a", minute).await.unwrap(),
            "a renews its own lease"
        );
        assert!(
            claim(&db, "reminders", "b", minute).await.unwrap(),
            "jobs are leased one by one"
        );
        // Two claiming at once: exactly one wins.
        let (x, y) = tokio::join!(claim(&db, "race", "x", minute), claim(&db, "race", "y", minute));
        assert!(x.unwrap() ^ y.unwrap());
        // a finishes and holds the job until its next turn; then dies: b takes over once the lease ran out.
        finished(&db, "mailer", "a", "3 emails queued", Duration::ZERO)
            .await
            .unwrap();
        assert!(last_run(&db, "mailer").await.unwrap().is_some());
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(claim(&db, "mailer", "b", minute).await.unwrap());
    }
}
