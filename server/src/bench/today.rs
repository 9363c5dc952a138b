//! `tend bench --only today` (issue 24): the home page, the reminder scan
//! and write-to-badge at the size of the largest `--people` org (10,000 by
//! default). Seeds an embedded store with four quarters of goals, runs the
//! reminder scan in this process (time and memory), turns what is due into
//! emails, then serves Tend's whole router in-process and times
//! `/api/today` for each demo role and the live `inbox` event an ask makes.

use super::report;
use app::server::seed::plan::plan;
use app::shared::date::Day;
use axum::body::Body;
use axum::http::{header, Request};
use http_body_util::BodyExt;
use std::path::Path;
use std::time::{Duration, Instant};
use tower::ServiceExt;

use super::inproc::HOST;

fn rss_mib() -> f64 {
    super::rss_kb(std::process::id()).unwrap_or(0) as f64 / 1024.0
}

pub async fn measure(root: &Path, people: usize, n: usize) -> Result<(), String> {
    let dir = root.join(format!("today-{people}.db"));
    let _ = std::fs::remove_dir_all(&dir);
    let db = super::open_store(&dir).await?;
    let t = Instant::now();
    app::server::seed::run(&db, people, 42, true, |_, _, _| {}).await?;
    println!(
        "seed {people} people + 4 quarters of goals: {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let err = |e: app::error::AppError| e.to_string();
    // Email "at once" is due at once here, so the mailer below has work.
    app::notify::service::set_gather_secs(0);
    let before = rss_mib();
    let t = Instant::now();
    let scan = app::reminders::service::scan(&db, Day::today()).await.map_err(err)?;
    let first = t.elapsed();
    let after = rss_mib();
    let t = Instant::now();
    let again = app::reminders::service::scan(&db, Day::today()).await.map_err(err)?;
    let second = t.elapsed();
    println!(
        "reminder scan, {people} people: {:.2} s ({} reminders, {} escalations); again (the same {} occasions, all told already): {:.2} s; process RSS {before:.0} -> {after:.0} MiB",
        first.as_secs_f64(),
        scan.reminders,
        scan.escalations,
        again.reminders + again.escalations,
        second.as_secs_f64(),
    );
    let now = app::notify::mailer::Timing {
        settle_secs: 0,
        max_hold_secs: 0,
    };
    let t = Instant::now();
    let mut queued = 0;
    loop {
        let q = app::notify::mailer::run_once(&db, "http://127.0.0.1:3000", now)
            .await
            .map_err(err)?;
        if q == 0 {
            break;
        }
        queued += q;
    }
    println!(
        "mailer: {queued} emails queued for what was due in {:.2} s",
        t.elapsed().as_secs_f64()
    );

    let app = super::inproc::InProc::new(&db)?;
    let router = app.router.clone();
    let demo = plan(people, 42).demo;
    for (role, i) in [
        ("employee", demo.employee),
        ("manager", demo.manager),
        ("skip-level leader", demo.leader),
        ("HR", demo.hr),
    ] {
        let c = app.cookie(i).await?;
        let mut times = Vec::with_capacity(n);
        let mut size = 0;
        for _ in 0..n {
            let t = Instant::now();
            size = app.post("/api/today", String::new(), &c).await?;
            times.push(t.elapsed());
        }
        report(&format!("home page /api/today, {role} ({size} bytes)"), &mut times);
    }

    // Write to badge: the employee asks their manager; time until the
    // manager's open live stream says their inbox changed.
    let boss = app.cookie(demo.manager).await?;
    let me = app.cookie(demo.employee).await?;
    let req = Request::get("/api/live")
        .header(header::HOST, HOST)
        .header(header::COOKIE, boss.clone())
        .header(header::ACCEPT, "text/event-stream")
        .body(Body::empty())
        .map_err(|e| e.to_string())?;
    let mut stream = router
        .clone()
        .oneshot(req)
        .await
        .map_err(|e| e.to_string())?
        .into_body();
    wait_for(&mut stream, "event: ready").await?;
    let mut badge = Vec::new();
    for k in 0..50 {
        let t = Instant::now();
        let body = format!(
            r#"{{"draft":{{"topic":"Bench ask {k}","colleagues":["p{}"]}}}}"#,
            demo.manager
        );
        app.post("/api/ask_feedback", body, &me).await?;
        wait_for(&mut stream, "event: inbox").await?;
        badge.push(t.elapsed());
    }
    report("write to badge (ask -> manager's live inbox event)", &mut badge);
    Ok(())
}

/// Reads the live stream until a frame holds `needle` (10 s at most).
async fn wait_for(body: &mut Body, needle: &str) -> Result<(), String> {
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !seen.contains(needle) {
        let frame = tokio::time::timeout_at(deadline, body.frame())
            .await
            .map_err(|_| format!("no {needle} on the live stream within 10 s"))?;
        match frame {
            Some(Ok(f)) => {
                if let Some(d) = f.data_ref() {
                    seen.push_str(&String::from_utf8_lossy(d));
                }
            }
            _ => return Err("the live stream closed".to_owned()),
        }
    }
    Ok(())
}
