//! `tend bench`: seeds fresh embedded databases, starts a real `tend serve`
//! child on loopback, and measures what the foundation promises. Prints the
//! figures; `docs/benchmarks.md` records them with this command.

mod bias;
mod client;
mod dashboards;
mod email;
mod feedback;
mod goals;
mod inproc;
mod oidc;
mod review_cycle;
mod reviews;
mod serve;
mod signin;
mod today;
mod writes;

use crate::config::BenchArgs;
use app::server::db::DbConfig;
use app::server::seed::DEMO_PASSWORD;
use client::Client;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Runs every measurement; returns an operator sentence on failure.
pub async fn run(args: &BenchArgs) -> Result<(), String> {
    let root = Path::new(&args.dir);
    if !args.reuse {
        let _ = std::fs::remove_dir_all(root);
    }
    std::fs::create_dir_all(root).map_err(|e| format!("Cannot create {}: {e}", root.display()))?;
    println!(
        "# tend bench ({} cores)",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    if args.only.as_deref() == Some("email") {
        return email::measure(root).await;
    }
    if args.only.as_deref() == Some("oidc") {
        return oidc::measure(root).await;
    }
    if args.only.as_deref() == Some("serve") {
        let people = args.people.iter().copied().max().unwrap_or(2_000);
        return serve::measure(root, people, args.requests, args.concurrency, args.reuse).await;
    }
    if args.only.as_deref() == Some("writes") {
        let people = args.people.iter().copied().max().unwrap_or(10_000);
        return writes::measure(
            root,
            people,
            args.feedback,
            args.meetings,
            args.requests.min(500),
            args.reuse,
        )
        .await;
    }
    if args.only.as_deref() == Some("today") {
        let people = args.people.iter().copied().max().unwrap_or(10_000);
        return today::measure(root, people, args.requests.min(500)).await;
    }
    let mut served: Option<(String, goals::Target)> = None;
    let mut cycle: Option<review_cycle::Cycle> = None;
    let mut department: Option<String> = None;
    for &people in &args.people {
        let url = format!("surrealkv://{}/org-{people}.db?sync=every", root.display());
        let cfg = DbConfig {
            url: url.clone(),
            ..DbConfig::memory("tend")
        };
        let reused = args.reuse && root.join(format!("org-{people}.db")).exists();
        let db = crate::commands::open(&cfg).await?;
        if reused {
            println!("reusing the {people}-person database from an earlier run");
        } else {
            let started = Instant::now();
            app::server::seed::run(&db, people, 42, true, |_, _, _| {}).await?;
            println!(
                "seed {people:>6} people + 4 quarters of goals: {:>8.2} s",
                started.elapsed().as_secs_f64()
            );
        }
        let target = goals::rollup(&db).await?;
        if Some(&people) == args.people.iter().max() && args.only.is_none() {
            if !reused {
                feedback::seed_counted_once(&db, args.feedback, args.meetings).await?;
            }
            feedback::explain(&db).await?;
            reviews::measure(&db).await?;
            bias::analysis(&db).await?;
            department = Some(bias::department(&db).await?);
            cycle = Some(review_cycle::prepare(&db).await?);
        }
        drop(db);
        // The largest org is the one served and measured.
        served = Some((url, target));
    }
    let (url, target) = served.ok_or("--people needs at least one size")?;
    // Let the embedded store release its lock before the child opens it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let port = 38_000 + (std::process::id() % 1000) as u16;
    let addr = format!("127.0.0.1:{port}");
    let (mut child, started) = start_server(&url, &addr).await?;
    let n = args.requests.min(500);
    if args.only.as_deref() == Some("sign-in") {
        let result = async {
            wait_for_page(&addr, started).await?;
            signin::measure(&addr, child.id()).await
        }
        .await;
        let _ = child.kill();
        let _ = child.wait();
        return result;
    }
    let result = async {
        let cookie = measure(args, &addr, started, &child).await?;
        goals::measure(&Client::new(&addr), &cookie, &target, n).await?;
        feedback::measure(&Client::new(&addr), &cookie, n).await?;
        dashboards::measure(&addr, &cookie, n, child.id()).await?;
        if let Some(c) = &cycle {
            review_cycle::measure(&addr, c, n).await?;
        }
        match &department {
            // Each whole-company view reads the cycle and runs every detector.
            Some(d) => bias::measure(&addr, d, n.min(50)).await,
            None => Ok(()),
        }
    }
    .await;
    let _ = child.kill();
    let _ = child.wait();
    result
}

/// Starts `tend serve` on `db` and waits until it stays up. A large embedded
/// store can hold its lock for a while after the seeding handle is dropped;
/// a server that exits at once is retried, and the returned start time is
/// that of the attempt that stayed up (the cold start is timed from it).
pub(crate) async fn start_server(db: &str, addr: &str) -> Result<(Child, Instant), String> {
    let mut started = Instant::now();
    let mut child = spawn_server(db, addr)?;
    let probe = Client::new(addr);
    // Bounded by time, not by tries: a large store's lock has taken over 10 s.
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
        match child.try_wait() {
            Ok(Some(_)) => {
                tokio::time::sleep(Duration::from_millis(200)).await;
                started = Instant::now();
                child = spawn_server(db, addr)?;
            }
            _ if matches!(probe.get("/login", None).await, Ok((200, _))) => break,
            _ => {}
        }
    }
    Ok((child, started))
}

fn spawn_server(db: &str, addr: &str) -> Result<Child, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    Command::new(exe)
        .args(["serve", "--no-seed", "--addr", addr])
        .env("TEND_DB", db)
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("Cannot start the server: {e}"))
}

/// Waits until the server serves its sign-in page (60 s at most).
async fn wait_for_page(addr: &str, started: Instant) -> Result<(), String> {
    let client = Client::new(addr);
    loop {
        if started.elapsed() > Duration::from_secs(60) {
            return Err("The server did not serve a page within 60 s.".into());
        }
        if matches!(client.get("/login", None).await, Ok((200, _))) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn measure(args: &BenchArgs, addr: &str, started: Instant, child: &Child) -> Result<String, String> {
    let client = Client::new(addr);
    wait_for_page(addr, started).await?;
    println!(
        "cold start to first page: {:>8.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );

    let mut logins = Vec::new();
    let mut cookie = String::new();
    for _ in 0..20 {
        let t = Instant::now();
        cookie = client.login("manager@tend.example", DEMO_PASSWORD).await?;
        logins.push(t.elapsed());
    }
    report("sign-in", &mut logins);

    serve::load(&client, "/", Some(&cookie), args.requests, args.concurrency).await?;
    if let Some(kb) = rss_kb(child.id()) {
        println!("server RSS after load: {:>8.1} MiB", kb as f64 / 1024.0);
    }
    wasm_size();
    Ok(cookie)
}

/// A throwaway embedded store at `dir`, every commit synced (as `tend serve`
/// runs by default), migrated.
pub(crate) async fn open_store(dir: &Path) -> Result<app::server::db::Db, String> {
    crate::commands::open(&DbConfig {
        url: format!("surrealkv://{}?sync=every", dir.display()),
        ..DbConfig::memory("tend")
    })
    .await
}

pub(crate) fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    println!(
        "{what}: p50 {:>7.2} ms  p95 {:>7.2} ms  max {:>7.2} ms",
        at(0.50).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3
    );
}

pub(crate) fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn wasm_size() {
    let pkg = Path::new(&std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into())).join("pkg");
    // The build names the module by its hash (`pkg/hash.txt`).
    let hash = std::fs::read_to_string(pkg.join("hash.txt"))
        .ok()
        .and_then(|h| h.lines().find_map(|l| l.strip_prefix("wasm: ").map(str::to_owned)));
    let path = pkg.join(hash.map_or("tend.wasm".into(), |h| format!("tend.{h}.wasm")));
    let Ok(meta) = std::fs::metadata(&path) else {
        println!("wasm: {} not found (build the front end first)", path.display());
        return;
    };
    let brotli = Command::new("brotli").args(["-c", "-q", "11"]).arg(&path).output();
    let br = match brotli {
        Ok(out) if out.status.success() => format!("{:.0} KiB", out.stdout.len() as f64 / 1024.0),
        _ => "n/a (install brotli)".into(),
    };
    println!(
        "wasm: {:.0} KiB raw, {br} brotli ({})",
        meta.len() as f64 / 1024.0,
        path.display()
    );
}
