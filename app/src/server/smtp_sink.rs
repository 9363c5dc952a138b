//! A real SMTP server for tests and `tend bench --only email`:
//! `end2end/smtp-sink.mjs` (npm `smtp-server`) in this checkout, started on
//! a free port, requiring AUTH, and writing each message it accepts as JSON
//! into a folder this helper reads back.

use serde::Deserialize;
use std::path::PathBuf;
use std::process::Child;

/// The user and password the sink accepts.
pub const USER: &str = "tend";
pub const PASSWORD: &str = "sink-pass";

/// One message the sink received.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Received {
    pub message_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub text: Option<String>,
    pub html: Option<String>,
}

/// A running sink; stopped when dropped.
pub struct SmtpSink {
    child: Child,
    pub port: u16,
    pub dir: PathBuf,
}

impl SmtpSink {
    /// Starts a sink; the first `fail_first` messages get "451 try again later".
    /// Panics with what to install when Node.js or the npm packages are missing.
    pub fn start(fail_first: u32) -> SmtpSink {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("tend-smtp-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let fail_first = fail_first.to_string();
        let dir_arg = dir.to_str().expect("temp paths are UTF-8");
        let args = ["--dir", dir_arg, "--fail-first", &fail_first];
        let (child, port) = super::node_server::spawn("smtp-sink.mjs", &args, "the SMTP sink");
        SmtpSink { child, port, dir }
    }

    /// The `TEND_SMTP_URL` that reaches this sink with its credentials.
    pub fn url(&self) -> String {
        format!("smtp://{USER}:{PASSWORD}@127.0.0.1:{}", self.port)
    }

    /// Every message received so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_slice(&std::fs::read(p).expect("readable")).expect("the sink writes JSON"))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
