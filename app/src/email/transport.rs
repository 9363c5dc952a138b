//! Where messages go: an SMTP server (`TEND_SMTP_URL`, sent with `lettre`)
//! or, when none is configured, the outbox folder (`TEND_OUTBOX`), one
//! `.eml` file per message. Both carry a Message-ID made from the queue
//! key, so the same message sent twice is recognisably the same; in the
//! folder a second write replaces the first.

use crate::email::repo::Claimed;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// How long one SMTP exchange may take before it counts as a transient failure.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// A failed send: whether trying again could help, and what the mail
/// server (or the folder) said.
#[derive(Debug)]
pub struct SendError {
    pub permanent: bool,
    pub message: String,
}

pub enum Transport {
    Smtp {
        mailer: AsyncSmtpTransport<Tokio1Executor>,
        host: String,
    },
    Folder(PathBuf),
}

/// How Tend sends mail, and the address its links start with.
pub struct Mail {
    pub transport: Transport,
    pub from: Mailbox,
    /// The address people open Tend at, e.g. `https://tend.example.com`.
    pub public_url: String,
}

impl Mail {
    /// From `TEND_SMTP_URL` (or the outbox folder without one), `TEND_MAIL_FROM`
    /// and `TEND_PUBLIC_URL`. The error names what is wrong, never the password.
    pub fn configure(smtp_url: Option<&str>, outbox: PathBuf, from: &str, public_url: &str) -> Result<Mail, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|_| format!("TEND_MAIL_FROM is not an address such as \"Tend <tend@example.com>\": {from}"))?;
        let transport = match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => {
                let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|_| {
                    "TEND_SMTP_URL is not an SMTP address such as smtps://user:pass@smtp.example.com \
                     or smtp://user:pass@smtp.example.com:587?tls=required"
                        .to_owned()
                })?;
                let mailer = builder.timeout(Some(SMTP_TIMEOUT)).build();
                Transport::Smtp {
                    mailer,
                    host: host_of(url),
                }
            }
            None => Transport::Folder(outbox),
        };
        Ok(Mail {
            transport,
            from,
            public_url: public_url.trim_end_matches('/').to_owned(),
        })
    }

    /// The outbox folder default, for tests and a bare start.
    pub fn folder(dir: PathBuf, public_url: &str) -> Mail {
        Mail::configure(None, dir, "Tend <tend@localhost>", public_url).expect("the default sender parses")
    }

    /// Where mail goes, for HR.
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Smtp { host, .. } => format!("the SMTP server {host}"),
            Transport::Folder(dir) => format!("the outbox folder {}", dir.display()),
        }
    }

    pub fn folder_only(&self) -> bool {
        matches!(self.transport, Transport::Folder(_))
    }

    /// Sends (or writes) one claimed message.
    pub async fn send(&self, m: &Claimed) -> Result<(), SendError> {
        let message = self.build(m)?;
        match &self.transport {
            Transport::Smtp { mailer, .. } => mailer.send(message).await.map(|_| ()).map_err(|e| SendError {
                permanent: refused_for_good(&e),
                message: e.to_string(),
            }),
            Transport::Folder(dir) => write_file(dir, &m.key(), &message.formatted()).await,
        }
    }

    fn build(&self, m: &Claimed) -> Result<Message, SendError> {
        let bad = |what: &str| SendError {
            permanent: true,
            message: format!("{what} is not a valid address"),
        };
        let to = Mailbox::new(
            Some(m.to_name.clone()).filter(|n| !n.is_empty()),
            m.to.parse().map_err(|_| bad("The recipient"))?,
        );
        let domain = self.from.email.domain().to_owned();
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(format!("<{}@{domain}>", m.key())))
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(m.text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(m.html.clone()),
                    ),
            )
            .map_err(|_| bad("The message"))
    }
}

/// Whether the server refused this message for good: a 55x reply (no such
/// mailbox, not allowed, too large). A refused login (535) or a server that
/// cannot be reached is retried: the settings or the server may be fixed
/// before the retries run out, and the message is kept until then.
fn refused_for_good(e: &lettre::transport::smtp::Error) -> bool {
    use lettre::transport::smtp::response::{Category, Severity};
    e.status()
        .is_some_and(|c| c.severity == Severity::PermanentNegativeCompletion && c.category == Category::MailSystem)
}

/// The host (and port) of an SMTP URL, without the credentials.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let rest = rest.rsplit_once('@').map(|(_, h)| h).unwrap_or(rest);
    rest.split(['/', '?']).next().unwrap_or_default().to_owned()
}

/// Writes `KEY.eml` through a temporary file, so a crash leaves a whole file or none.
async fn write_file(dir: &std::path::Path, key: &str, bytes: &[u8]) -> Result<(), SendError> {
    let fail = |e: std::io::Error| SendError {
        permanent: false,
        message: format!("could not write to the outbox folder: {}", e.kind()),
    };
    tokio::fs::create_dir_all(dir).await.map_err(fail)?;
    let tmp = dir.join(format!(".{key}.eml.tmp"));
    tokio::fs::write(&tmp, bytes).await.map_err(fail)?;
    tokio::fs::rename(&tmp, dir.join(format!("{key}.eml")))
        .await
        .map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_described_host_never_shows_the_password() {
        assert_eq!(host_of("smtps://user:s3cret@smtp.example.com"), "smtp.example.com");
        assert_eq!(
            host_of("smtp://u:p%40ss@mail.example.com:587?tls=required"),
            "mail.example.com:587"
        );
        assert_eq!(host_of("smtp://127.0.0.1:2525"), "127.0.0.1:2525");
    }

    #[test]
    fn bad_settings_are_refused_with_what_to_write() {
        let dir = std::env::temp_dir();
        let e = Mail::configure(Some("http://x"), dir.clone(), "Tend <t@x.io>", "http://h").err();
        assert!(e.unwrap().contains("TEND_SMTP_URL"));
        let e = Mail::configure(None, dir.clone(), "not an address", "http://h").err();
        assert!(e.unwrap().contains("TEND_MAIL_FROM"));
        let m = Mail::configure(Some("  "), dir, "Tend <t@x.io>", "http://h/").unwrap();
        assert!(m.folder_only(), "an empty URL means the folder");
        assert_eq!(m.public_url, "http://h");
    }
}
