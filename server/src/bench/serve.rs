//! `tend bench --only serve`: what a build profile is worth at run time.
//! Seeds one org (rows written per second), starts `tend serve` on it (cold
//! start to the first page, server RSS idle and after load), and loads the
//! signed-in home page and the static sign-in page in the same run, so two
//! profiles compare by a ratio that does not depend on the machine's mood.

use super::client::Client;
use super::{report, rss_kb, start_server, wait_for_page};
use app::server::db::{Db, DbConfig};
use app::server::seed::DEMO_PASSWORD;
use std::path::Path;
use std::time::{Duration, Instant};

/// The tables the demo seed writes (`seed::bulk`, `seed::goals`).
const SEEDED: [&str; 5] = ["org_unit", "person", "goal", "key_result", "checkin"];

pub async fn measure(
    root: &Path,
    people: usize,
    requests: usize,
    concurrency: usize,
    reuse: bool,
) -> Result<(), String> {
    let file = format!("serve-{people}.db");
    let url = format!("surrealkv://{}/{file}?sync=every", root.display());
    if reuse && root.join(&file).exists() {
        println!("reusing the {people}-person database from an earlier run");
    } else {
        let db = crate::commands::open(&DbConfig {
            url: url.clone(),
            ..DbConfig::memory("tend")
        })
        .await?;
        let started = Instant::now();
        app::server::seed::run(&db, people, 42, true, |_, _, _| {}).await?;
        let secs = started.elapsed().as_secs_f64();
        let rows = seeded_rows(&db).await?;
        println!(
            "seed {people} people + 4 quarters of goals: {secs:.1} s, {rows} rows, {:.0} rows/s",
            rows as f64 / secs
        );
        drop(db);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    let addr = format!("127.0.0.1:{}", 39_000 + (std::process::id() % 1000) as u16);
    let (mut child, started) = start_server(&url, &addr).await?;
    let result = async {
        wait_for_page(&addr, started).await?;
        println!(
            "cold start to first page: {:.0} ms",
            started.elapsed().as_secs_f64() * 1e3
        );
        if let Some(kb) = rss_kb(child.id()) {
            println!("server RSS, idle: {:.1} MiB", kb as f64 / 1024.0);
        }
        let client = Client::new(&addr);
        let cookie = client.login("manager@tend.example", DEMO_PASSWORD).await?;
        let login = load(&client, "/login", None, requests, concurrency).await?;
        let home = load(&client, "/", Some(&cookie), requests, concurrency).await?;
        println!(
            "home page / sign-in page throughput: {:.2} ({home:.0} / {login:.0} req/s)",
            home / login
        );
        if let Some(kb) = rss_kb(child.id()) {
            println!("server RSS after load: {:.1} MiB", kb as f64 / 1024.0);
        }
        Ok(())
    }
    .await;
    let _ = child.kill();
    let _ = child.wait();
    result
}

async fn seeded_rows(db: &Db) -> Result<u64, String> {
    let mut rows = 0;
    for table in SEEDED {
        let mut res = db
            .query("SELECT VALUE count() FROM type::table($t) GROUP ALL")
            .bind(("t", table))
            .await
            .map_err(|e| e.to_string())?;
        let n: Vec<i64> = res.take(0).map_err(|e| e.to_string())?;
        rows += n.iter().sum::<i64>() as u64;
    }
    Ok(rows)
}

/// Requests `path` from `concurrency` clients at once; prints the latencies
/// and returns requests per second.
pub(super) async fn load(
    client: &Client,
    path: &'static str,
    cookie: Option<&str>,
    requests: usize,
    concurrency: usize,
) -> Result<f64, String> {
    let per_task = requests.div_ceil(concurrency.max(1));
    let wall = Instant::now();
    let tasks: Vec<_> = (0..concurrency.max(1))
        .map(|_| {
            let (client, cookie) = (client.clone(), cookie.map(str::to_owned));
            tokio::spawn(async move {
                let mut times = Vec::with_capacity(per_task);
                for _ in 0..per_task {
                    let t = Instant::now();
                    match client.get(path, cookie.as_deref()).await {
                        Ok((200, _)) => times.push(t.elapsed()),
                        other => return Err(format!("{path} answered {other:?}")),
                    }
                }
                Ok(times)
            })
        })
        .collect();
    let mut times = Vec::new();
    for task in tasks {
        times.extend(task.await.map_err(|e| e.to_string())??);
    }
    let per_sec = times.len() as f64 / wall.elapsed().as_secs_f64();
    report(
        &format!("{path} ({concurrency} concurrent, {per_sec:.0} req/s)"),
        &mut times,
    );
    Ok(per_sec)
}
