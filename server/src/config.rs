//! Command line and environment. Every setting has a default that just works.

use app::server::db::DbConfig;
use clap::{Parser, Subcommand};
use leptos::config::LeptosOptions;
use std::net::SocketAddr;

/// Tend: continuous performance management.
#[derive(Debug, Parser)]
#[command(name = "tend", version, about)]
pub struct Cli {
    /// Database: surrealkv://PATH (embedded, default), mem:// (tests), ws://HOST:PORT or wss://HOST:PORT.
    #[arg(long, env = "TEND_DB", default_value_t = DbConfig::default_url(), global = true)]
    pub db: String,
    /// SurrealDB namespace.
    #[arg(long, env = "TEND_DB_NS", default_value = "tend", global = true)]
    pub db_ns: String,
    /// SurrealDB database.
    #[arg(long, env = "TEND_DB_NAME", default_value = "tend", global = true)]
    pub db_name: String,
    /// Root user for a remote SurrealDB server.
    #[arg(long, env = "TEND_DB_USER", global = true)]
    pub db_user: Option<String>,
    /// Password for a remote SurrealDB server.
    #[arg(long, env = "TEND_DB_PASS", hide_env_values = true, global = true)]
    pub db_pass: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do; `serve` when none is given.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations, seed a demo org into an empty database, and serve Tend.
    Serve(Box<ServeArgs>),
    /// Seed a deterministic demo organisation (resumes an interrupted seed).
    Seed(SeedArgs),
    /// Apply pending schema migrations and exit.
    Migrate,
    /// Recompute every dashboard counter (and the bias evidence) from the source records.
    RebuildStats,
    /// Load or update the organisation from an HRIS people file (CSV; see
    /// docs/import.md): creates, updates, moves and lets people go, all of
    /// the file or nothing.
    ImportPeople {
        /// The CSV file.
        file: std::path::PathBuf,
        /// Check the file and print what it would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The file is the whole organisation: anyone absent from it leaves.
        #[arg(long)]
        full: bool,
        /// Import the gender, ethnicity, age_band and location columns.
        #[arg(long)]
        demographics: bool,
        /// Mail each new person an invitation to choose a password (queued
        /// now, sent by the running server; see TEND_SMTP_URL).
        #[arg(long)]
        invite: bool,
    },
    /// Write everyone as a people file (CSV) to standard output.
    ExportPeople {
        /// Include the demographic columns.
        #[arg(long)]
        demographics: bool,
    },
    /// Import historical review cycles from a CSV file (see docs/import.md).
    ImportReviews {
        /// The CSV file.
        file: std::path::PathBuf,
    },
    /// Write a cycle's self and manager reviews as CSV to standard output.
    ExportReviews {
        /// The cycle's name.
        #[arg(long)]
        cycle: String,
    },
    /// Print a demo review cycle (import CSV) for the demo org that `tend seed`
    /// builds with the same --people and --seed, with one planted lenient
    /// manager, to try calibration and the bias report on.
    DemoReviews {
        #[arg(long, default_value_t = 300)]
        people: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// The cycle's name.
        #[arg(long, default_value = "2024 H2 (demo)")]
        cycle: String,
    },
    /// Print every bias flag of a review cycle with its numbers.
    BiasReport {
        /// The cycle's name.
        #[arg(long)]
        cycle: String,
        /// Print JSON instead of tab-separated lines.
        #[arg(long)]
        json: bool,
        /// Show only what this person (by email) may see in the app.
        #[arg(long = "as", value_name = "EMAIL")]
        as_email: Option<String>,
    },
    /// Measure seeding, sign-in and page latency on a fresh embedded database.
    Bench(BenchArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// People in the demo org seeded into an empty database.
    #[arg(long, env = "TEND_SEED_PEOPLE", default_value_t = 2000)]
    pub seed_people: usize,
    /// Seed for the demo org.
    #[arg(long, env = "TEND_SEED", default_value_t = 42)]
    pub seed: u64,
    /// Do not seed an empty database.
    #[arg(long, env = "TEND_NO_SEED")]
    pub no_seed: bool,
    /// Mark cookies Secure (set this when Tend is served over https).
    #[arg(long, env = "TEND_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Outgoing mail server: smtps://USER:PASS@HOST (TLS), or
    /// smtp://USER:PASS@HOST:587?tls=required (STARTTLS). Without it mail is
    /// written to the outbox folder and shown to HR on the Emails page.
    #[arg(long, env = "TEND_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of Tend's mail.
    #[arg(long, env = "TEND_MAIL_FROM", default_value = "Tend <tend@localhost>")]
    pub mail_from: String,
    /// Where mail goes when no SMTP server is set.
    #[arg(long, env = "TEND_OUTBOX", default_value = "data/outbox")]
    pub outbox: std::path::PathBuf,
    /// The address people open Tend at, which links in mail start with
    /// (default: http://ADDR).
    #[arg(long, env = "TEND_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Single sign-on: the OpenID provider's issuer address (e.g.
    /// https://login.example.com/realms/acme). Register
    /// PUBLIC_URL/auth/oidc/callback as the client's redirect address.
    #[arg(long, env = "TEND_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    /// Single sign-on: the client id the provider gave Tend.
    #[arg(long, env = "TEND_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,
    /// Single sign-on: the client secret the provider gave Tend.
    #[arg(long, env = "TEND_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,
    /// Single sign-on: the provider's name on the sign-in button.
    #[arg(long, env = "TEND_OIDC_NAME", default_value = "single sign-on")]
    pub oidc_name: String,
    /// Single sign-on: add people who sign in but are not in Tend yet,
    /// reporting to the person with this email (in their unit) until HR
    /// places them. Unset (the default): they are refused and told to ask HR.
    #[arg(long, env = "TEND_OIDC_CREATE_PEOPLE_UNDER")]
    pub oidc_create_people_under: Option<String>,
    /// `off` refuses email-and-password sign-in (and resets and
    /// invitations); only with single sign-on set up.
    #[arg(long, env = "TEND_PASSWORD_SIGN_IN", default_value = "on", value_parser = ["on", "off"])]
    pub password_sign_in: String,
    #[command(flatten)]
    pub schedule: ScheduleArgs,
}

/// How often the scheduled jobs run, and how long "email at once" gathers.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ScheduleArgs {
    /// Seconds an "email at once" notification waits for others to join it.
    #[arg(long, env = "TEND_NOTIFY_GATHER_SECS", default_value_t = 60)]
    pub notify_gather_secs: i64,
    /// A burst of notifications is emailed once nothing new came for this many seconds.
    #[arg(long, env = "TEND_NOTIFY_SETTLE_SECS", default_value_t = 30)]
    pub notify_settle_secs: i64,
    /// Seconds between runs of the mailer (due notifications to emails).
    #[arg(long, env = "TEND_MAILER_EVERY_SECS", default_value_t = 15)]
    pub mailer_every_secs: u64,
    /// Seconds between reminder scans.
    #[arg(long, env = "TEND_REMINDERS_EVERY_SECS", default_value_t = 600)]
    pub reminders_every_secs: u64,
}

impl ServeArgs {
    fn public(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
    }

    /// Single sign-on from the settings above (none without an issuer), and
    /// whether passwords sign in.
    pub fn sso(&self) -> Result<(Option<app::auth::service::oidc::Oidc>, bool), String> {
        use app::auth::service::oidc::{Oidc, OidcSettings};
        let passwords = self.password_sign_in == "on";
        let Some(issuer) = self.oidc_issuer.clone().filter(|i| !i.trim().is_empty()) else {
            if !passwords {
                return Err("TEND_PASSWORD_SIGN_IN=off needs single sign-on: set TEND_OIDC_ISSUER, TEND_OIDC_CLIENT_ID and TEND_OIDC_CLIENT_SECRET, or nobody could sign in.".into());
            }
            return Ok((None, true));
        };
        let oidc = Oidc::new(OidcSettings {
            issuer,
            client_id: self.oidc_client_id.clone().unwrap_or_default(),
            client_secret: self.oidc_client_secret.clone().unwrap_or_default(),
            label: self.oidc_name.trim().chars().take(60).collect(),
            public_url: self.public(),
            create_under: self.oidc_create_people_under.clone(),
        })?;
        Ok((Some(oidc), passwords))
    }

    /// How mail is sent, from the settings above.
    pub fn mail(&self) -> Result<app::email::transport::Mail, String> {
        app::email::transport::Mail::configure(
            self.smtp_url.as_deref(),
            self.outbox.clone(),
            &self.mail_from,
            &self.public(),
        )
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct SeedArgs {
    /// How many people.
    #[arg(long, default_value_t = 2000)]
    pub people: usize,
    /// Random seed: the same value always yields the same org.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Seed only the org, without the last four quarters of goals (`tend serve`
    /// adds them to a demo org unless run with `--no-seed`).
    #[arg(long)]
    pub no_goals: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Org sizes to seed and measure.
    #[arg(long, value_delimiter = ',', default_values_t = [2000usize, 10000])]
    pub people: Vec<usize>,
    /// Requests for the home-page load test.
    #[arg(long, default_value_t = 2000)]
    pub requests: usize,
    /// Concurrent clients for the load test.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Where the throwaway embedded databases go.
    #[arg(long, default_value = "target/bench-data")]
    pub dir: String,
    /// Measure the databases a previous run left in `--dir` instead of seeding anew.
    #[arg(long)]
    pub reuse: bool,
    /// Feedback entries to seed into the largest org.
    #[arg(long, default_value_t = 1_000_000)]
    pub feedback: usize,
    /// 1:1 meetings (each with an agenda item) to seed into the largest org.
    #[arg(long, default_value_t = 100_000)]
    pub meetings: usize,
    /// Run only the sign-in burst (seeds the smallest `--people` org, serves
    /// it, guesses passwords): `--only sign-in`; or only the email queue's
    /// throughput against a real SMTP server: `--only email`; or only
    /// sign-in through a real OpenID provider: `--only oidc`; or only the
    /// home page, reminder scan and write-to-badge: `--only today`; or only
    /// what a build profile is worth at run time (seed rows/s, cold start,
    /// RSS, home page against sign-in page throughput): `--only serve`; or
    /// only counted writes from 1, 4 and 8 writers in one team and the
    /// dashboards with and without them: `--only writes`.
    #[arg(long, value_parser = ["sign-in", "email", "oidc", "today", "serve", "writes"])]
    pub only: Option<String>,
}

impl ServeArgs {
    /// The serve settings from environment and defaults, for a bare `tend`.
    pub fn from_env() -> Self {
        use clap::{Args, FromArgMatches};
        let cmd = Self::augment_args(clap::Command::new("serve"));
        Self::from_arg_matches(&cmd.get_matches_from(["serve"])).expect("serve defaults are valid")
    }
}

impl Cli {
    /// The database settings.
    pub fn db_config(&self) -> DbConfig {
        DbConfig {
            url: self.db.clone(),
            namespace: self.db_ns.clone(),
            database: self.db_name.clone(),
            user: self.db_user.clone(),
            pass: self.db_pass.clone(),
        }
    }
}

/// Leptos settings from the `LEPTOS_*` variables cargo-leptos uses, with
/// defaults matching the README build, so a plain run finds the front end.
/// When the build wrote `pkg/hash.txt`, pages name the content-hashed
/// assets, so a deploy never pairs new HTML with an old cached wasm.
pub fn leptos_options(addr: SocketAddr) -> LeptosOptions {
    let var = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_owned());
    let site_root = var("LEPTOS_SITE_ROOT", "target/site");
    let pkg = var("LEPTOS_SITE_PKG_DIR", "pkg");
    let hash_file =
        std::path::absolute(std::path::Path::new(&site_root).join(&pkg).join("hash.txt")).unwrap_or_default();
    LeptosOptions::builder()
        .output_name(var("LEPTOS_OUTPUT_NAME", "tend"))
        .site_root(site_root)
        .site_pkg_dir(pkg)
        .site_addr(addr)
        .hash_files(hash_file.exists())
        .hash_file(std::sync::Arc::from(hash_file.to_string_lossy().as_ref()))
        .build()
}
