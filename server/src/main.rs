//! `tend`: serve, seed, migrate or bench. See `tend --help`.

use clap::Parser;
use server::config::{Cli, Command, ServeArgs};
use server::{bench, commands};
use tracing_subscriber::EnvFilter;

// mimalloc returns freed memory to the system; glibc's malloc kept one arena
// per worker thread and 650 MiB resident after 2,000 concurrent page loads
// on a 10,000-person store (140 MiB idle). Figures in docs/benchmarks.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// SurrealDB evaluates events, functions and loops recursively; a write whose
// counting events call functions inside a transaction overflowed the default
// 2 MiB worker stack in the debug build. 16 MiB leaves room at any build.
fn main() {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(16 * 1024 * 1024)
        .build()
        .expect("the async runtime starts")
        .block_on(run())
}

async fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("TEND_LOG").unwrap_or_else(|_| EnvFilter::new("warn,server=info,app=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Seed(args)) => commands::seed(&cli, args).await,
        Some(Command::Migrate) => commands::migrate(&cli).await,
        Some(Command::RebuildStats) => commands::rebuild_stats(&cli).await,
        Some(Command::ImportPeople {
            file,
            dry_run,
            full,
            demographics,
            invite,
        }) => {
            let opts = app::hr::model::ImportOptions {
                demographics: *demographics,
                full: *full,
                invite: *invite,
            };
            commands::import_people(&cli, file, *dry_run, opts).await
        }
        Some(Command::ExportPeople { demographics }) => commands::export_people(&cli, *demographics).await,
        Some(Command::ImportReviews { file }) => commands::import_reviews(&cli, file).await,
        Some(Command::ExportReviews { cycle }) => commands::export_reviews(&cli, cycle).await,
        Some(Command::DemoReviews { people, seed, cycle }) => commands::demo_reviews(*people, *seed, cycle),
        Some(Command::BiasReport { cycle, json, as_email }) => {
            commands::bias_report(&cli, cycle, *json, as_email.as_deref()).await
        }
        Some(Command::Bench(args)) => bench::run(args).await,
        Some(Command::Serve(args)) => commands::serve(&cli, args).await,
        None => commands::serve(&cli, &ServeArgs::from_env()).await,
    };
    if let Err(sentence) = result {
        eprintln!("tend: {sentence}");
        std::process::exit(1);
    }
}
