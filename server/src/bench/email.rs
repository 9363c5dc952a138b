//! `tend bench --only email`: the email queue's throughput. Queues
//! invitations into a fresh embedded store, then one worker sends them to a
//! real SMTP server (`SmtpSink`: `end2end/smtp-sink.mjs`, npm `smtp-server`,
//! after `scripts/setup.sh --with-browser`), and again to the outbox folder.

use app::email::message::invitation;
use app::email::transport::Mail;
use app::email::{repo, worker};
use app::server::smtp_sink::SmtpSink;
use std::path::Path;
use std::time::Instant;

/// Messages per run.
const MESSAGES: usize = 1_000;

pub async fn measure(root: &Path) -> Result<(), String> {
    let sink = SmtpSink::start(0);
    let smtp = Mail::configure(
        Some(&sink.url()),
        root.join("unused"),
        "Tend <tend@bench.example>",
        "http://127.0.0.1:3000",
    )?;
    let folder = Mail::folder(root.join("outbox"), "http://127.0.0.1:3000");
    for (what, mail) in [("SMTP (loopback, AUTH)", &smtp), ("outbox folder", &folder)] {
        let db_dir = root.join(format!(
            "email-{}.db",
            if mail.folder_only() { "folder" } else { "smtp" }
        ));
        let _ = std::fs::remove_dir_all(&db_dir);
        let db = super::open_store(&db_dir).await?;
        let link = format!("http://127.0.0.1:3000/set-password?token={}", "0".repeat(64));
        let started = Instant::now();
        for i in 0..MESSAGES {
            let e = invitation(
                &format!("p{i}@bench.example"),
                "Pat Bench",
                "Bench Org",
                Some("Hal"),
                &link,
                7,
            );
            repo::enqueue(&db, &e, None).await.map_err(|e| e.to_string())?;
        }
        let queued = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let sent = worker::drain(&db, mail).await.map_err(|e| e.to_string())?;
        let took = started.elapsed().as_secs_f64();
        if sent != MESSAGES {
            return Err(format!("{what}: sent {sent} of {MESSAGES}"));
        }
        println!(
            "email queue, {MESSAGES} invitations to {what}: queued {:>6.0}/s, sent {:>6.0}/s ({took:.1} s)",
            MESSAGES as f64 / queued,
            MESSAGES as f64 / took
        );
    }
    let received = sink.received().len();
    if received != MESSAGES {
        return Err(format!("the SMTP server received {received} of {MESSAGES}"));
    }
    Ok(())
}
