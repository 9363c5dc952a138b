//! The scheduled jobs every `tend serve` runs, each under a lease in the
//! database (`app::server::jobs`), so of several processes on one database
//! one runs each job at a time: the mailer (due notifications into the
//! email queue) and the reminder scan (with the 90-day inbox purge).
//! The dashboard counter folder runs in every process without a lease: its
//! transactions make folds exactly-once by themselves (`app::stats::fold`).

use crate::config::ScheduleArgs;
use app::notify::mailer::{self, Timing};
use app::server::db::Db;
use app::server::jobs::run_every;
use app::shared::date::Day;
use std::time::Duration;

/// Starts the jobs in the background.
pub fn start(db: Db, public_url: String, s: ScheduleArgs) {
    tokio::spawn(app::stats::fold::run(db.clone()));
    app::notify::service::set_gather_secs(s.notify_gather_secs);
    let timing = Timing {
        settle_secs: s.notify_settle_secs.max(0),
        ..Timing::default()
    };
    let every = Duration::from_secs(s.mailer_every_secs.max(1));
    tokio::spawn(run_every(
        db.clone(),
        "mailer",
        every,
        every * 4 + Duration::from_secs(60),
        move |db| {
            let url = public_url.clone();
            async move {
                mailer::run_once(&db, &url, timing)
                    .await
                    .map(|n| format!("{n} emails queued"))
            }
        },
    ));
    let every = Duration::from_secs(s.reminders_every_secs.max(1));
    tokio::spawn(run_every(
        db,
        "reminders",
        every,
        every + Duration::from_secs(300),
        |db| async move {
            let scan = app::reminders::service::scan(&db, Day::today()).await?;
            let purged = app::notify::repo::purge(&db, app::notify::service::KEEP_DAYS).await?;
            Ok(format!(
                "{} reminders, {} escalations, {purged} old notifications removed",
                scan.reminders, scan.escalations
            ))
        },
    ));
}
