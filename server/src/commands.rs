//! The operator commands behind `tend serve`, `tend seed` and `tend migrate`.

use crate::config::{leptos_options, Cli, SeedArgs, ServeArgs};
use crate::router;
use app::auth::repo as sessions;
use app::server::db;
use app::server::db::{Db, DbConfig};
use app::server::schema;
use app::server::seed;
use app::server::seed::bulk as org;
use app::server::seed::plan::DEMO_DOMAIN;
use app::server::seed::{SeedOutcome, DEMO_PASSWORD};
use app::server::state::AppState;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// Connects and migrates; every failure is one sentence for the operator.
pub async fn open(cfg: &DbConfig) -> Result<Db, String> {
    let db = db::connect(cfg).await?;
    let applied = schema::migrate(&db)
        .await
        .map_err(|_| "Applying the database schema failed; the log above has the detail.".to_owned())?;
    if !applied.is_empty() {
        tracing::info!(?applied, "applied migrations");
    }
    Ok(db)
}

/// `tend migrate`.
pub async fn migrate(cli: &Cli) -> Result<(), String> {
    let db = open(&cli.db_config()).await?;
    let names = schema::applied(&db).await.map_err(|e| e.to_string())?;
    println!("Schema is up to date: {}", names.join(", "));
    Ok(())
}

/// `tend rebuild-stats`: the dashboards' counters and the bias analysis's
/// evidence rows are kept by database events on every write; this recomputes them from scratch (after a restore,
/// a bulk import, or to check them).
pub async fn rebuild_stats(cli: &Cli) -> Result<(), String> {
    let db = open(&cli.db_config()).await?;
    let started = std::time::Instant::now();
    let rows = app::stats::rebuild::run(&db).await.map_err(|e| e.to_string())?;
    println!(
        "Rebuilt {rows} counter rows in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `tend import-reviews FILE`: all rows or none; a second run changes nothing.
/// `tend import-people FILE [--dry-run] [--full] [--demographics]`.
pub async fn import_people(
    cli: &Cli,
    file: &std::path::Path,
    dry_run: bool,
    opts: app::hr::model::ImportOptions,
) -> Result<(), String> {
    use app::hr::import_service as people;
    let size = std::fs::metadata(file)
        .map_err(|e| format!("Cannot read {}: {e}", file.display()))?
        .len();
    if size > people::MAX_BYTES as u64 {
        return Err(format!(
            "{} is larger than {} MiB; nothing was imported.",
            file.display(),
            people::MAX_BYTES / 1024 / 1024
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("Cannot read {}: {e}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!(
            "{} is not UTF-8 text; save it as “CSV UTF-8” and try again. Nothing was imported.",
            file.display()
        )
    })?;
    let db = open(&cli.db_config()).await?;
    let started = std::time::Instant::now();
    let today = app::shared::date::Day::today();
    // Invitations are queued here and sent by the server's worker, with the
    // server's mail settings (the same environment variables).
    let mail = crate::config::ServeArgs::from_env().mail()?;
    let preview = if dry_run {
        people::check(&db, &text, opts, today).await.map(|c| c.preview)
    } else {
        people::apply(&db, None, &text, opts, today, None, Some(&mail)).await
    }
    .map_err(|e| e.to_string())?;
    println!("{}", crate::people_report::render(&preview));
    let verb = if dry_run {
        "Checked (dry run: nothing written)"
    } else if preview.nothing_to_do() {
        "Nothing to change"
    } else {
        "Imported"
    };
    println!("{verb} in {:.1} s.", started.elapsed().as_secs_f64());
    Ok(())
}

/// `tend export-people [--demographics]`.
pub async fn export_people(cli: &Cli, demographics: bool) -> Result<(), String> {
    let db = open(&cli.db_config()).await?;
    let csv = app::hr::import_service::export(&db, demographics)
        .await
        .map_err(|e| e.to_string())?;
    print!("{csv}");
    Ok(())
}

pub async fn import_reviews(cli: &Cli, file: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("Cannot read {}: {e}", file.display()))?;
    let db = open(&cli.db_config()).await?;
    let started = std::time::Instant::now();
    let today = app::shared::date::Day::today();
    let done = app::reviews::import_service::import(&db, &text, today)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Imported {} cycle(s), {} review(s), {} rating(s) in {:.1} s.",
        done.cycles,
        done.reviews,
        done.ratings,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `tend export-reviews --cycle NAME`.
pub async fn export_reviews(cli: &Cli, cycle: &str) -> Result<(), String> {
    let db = open(&cli.db_config()).await?;
    match app::reviews::import_service::export(&db, cycle).await {
        Ok(csv) => {
            print!("{csv}");
            Ok(())
        }
        Err(app::error::AppError::NotFound) => Err(format!("There is no review cycle named \"{cycle}\".")),
        Err(e) => Err(e.to_string()),
    }
}

/// `tend demo-reviews`: the CSV on standard output, the planted manager on
/// standard error.
pub fn demo_reviews(people: usize, seed_value: u64, cycle: &str) -> Result<(), String> {
    use app::server::seed::planted_reviews::{lenient_manager_csv, members_of};
    if !(seed::MIN_PEOPLE..=seed::MAX_PEOPLE).contains(&people) {
        return Err(format!(
            "--people must be between {} and {}.",
            seed::MIN_PEOPLE,
            seed::MAX_PEOPLE
        ));
    }
    if cycle.trim().is_empty() || cycle.chars().count() > 120 || cycle.contains([',', '"', '\n']) {
        return Err("Name the cycle in at most 120 characters, without commas, quotes or line breaks.".into());
    }
    let members = members_of(&seed::plan::plan(people, seed_value));
    let planted = lenient_manager_csv(&members, cycle).ok_or("This org has no managers.")?;
    eprintln!(
        "Planted a lenient manager: {} ({})",
        planted.lenient.1, planted.lenient.0
    );
    print!("{}", planted.csv);
    Ok(())
}

/// `tend bias-report`.
pub async fn bias_report(cli: &Cli, cycle: &str, json: bool, as_email: Option<&str>) -> Result<(), String> {
    let db = open(&cli.db_config()).await?;
    print!("{}", crate::bias_report::run(&db, cycle, json, as_email).await?);
    Ok(())
}

/// `tend seed`.
pub async fn seed(cli: &Cli, args: &SeedArgs) -> Result<(), String> {
    let db = open(&cli.db_config()).await?;
    seed_with_progress(&db, args.people, args.seed, !args.no_goals)
        .await
        .map(|_| ())
}

async fn seed_with_progress(db: &Db, people: usize, seed_value: u64, goals: bool) -> Result<SeedOutcome, String> {
    let started = Instant::now();
    let outcome = seed::run(db, people, seed_value, goals, |what, done, total| {
        println!("  seeded {done}/{total} {what}");
    })
    .await?;
    match &outcome {
        SeedOutcome::Seeded {
            people,
            resumed_from: 0,
        } => {
            println!(
                "Seeded a demo org of {people} people in {:.1}s.",
                started.elapsed().as_secs_f64()
            )
        }
        SeedOutcome::Seeded { people, resumed_from } => println!(
            "Resumed an interrupted seed at {resumed_from} and finished all {people} people in {:.1}s.",
            started.elapsed().as_secs_f64()
        ),
        SeedOutcome::AlreadySeeded { people } => println!("The demo org of {people} people is already seeded."),
    }
    Ok(outcome)
}

/// `tend serve`: migrate, seed an empty database (or finish an interrupted
/// seed), then serve until Ctrl-C or SIGTERM.
pub async fn serve(cli: &Cli, args: &ServeArgs) -> Result<(), String> {
    let db = open(&cli.db_config()).await?;
    let seeded = org::seed_run(&db).await.map_err(|e| e.to_string())?;
    let empty = app::people::repo::count_all(&db).await.map_err(|e| e.to_string())? == 0;
    if !args.no_seed {
        match seeded {
            Some(run) if !run.done => {
                println!("Finishing an interrupted demo seed…");
                seed_with_progress(&db, run.people as usize, run.seed as u64, true).await?;
            }
            // A demo org seeded before goals existed gets its quarters of goals.
            Some(run) if run.goal_today.is_none() => {
                println!("Adding four quarters of demo goals to the demo org…");
                seed_with_progress(&db, run.people as usize, run.seed as u64, true).await?;
            }
            None if empty => {
                println!("Empty database: seeding a demo org of {} people…", args.seed_people);
                seed_with_progress(&db, args.seed_people, args.seed, true).await?;
            }
            _ => {}
        }
    }
    let mail = std::sync::Arc::new(args.mail()?);
    let (sso, passwords) = args.sso()?;
    let sso = sso.map(std::sync::Arc::new);
    let options = leptos_options(args.addr);
    let state = AppState::new(options, db.clone(), args.secure_cookies)
        .with_mail(mail.clone())
        .with_sso(sso.clone(), passwords);
    let app = router::build(state);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("Cannot listen on {}: {e}.", args.addr))?;
    println!("Mail goes to {}.", mail.describe());
    if let Some(o) = &sso {
        println!(
            "Single sign-on through {} (register {} as the redirect address); password sign-in {}.",
            o.issuer(),
            o.redirect_url(),
            if passwords { "on" } else { "off" }
        );
    }
    crate::scheduler::start(db.clone(), mail.public_url.clone(), args.schedule);
    tokio::spawn(app::email::worker::run(db.clone(), mail));
    tokio::spawn(purge_sessions(db));
    print_welcome(args.addr);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| format!("The server stopped unexpectedly: {e}."))
}

fn print_welcome(addr: SocketAddr) {
    println!("\nTend is running at http://{addr}\n");
    println!("Demo sign-ins (password: {DEMO_PASSWORD}):");
    for (who, what) in [
        ("employee", "an individual contributor"),
        ("manager", "the employee's manager"),
        ("leader", "a skip-level leader, the manager's manager"),
        ("hr", "an HR admin"),
        ("ceo", "the CEO"),
    ] {
        let email = format!("{who}@{DEMO_DOMAIN}");
        println!("  {email:<24} {what}");
    }
    println!();
}

async fn purge_sessions(db: Db) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        if let Err(e) = sessions::purge_expired(&db).await {
            tracing::warn!(%e, "could not purge expired sessions");
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    println!("Shutting down.");
}
