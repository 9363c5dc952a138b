//! Dashboards at scale: each dashboard's latency, write-to-screen latency
//! through the live stream, and server memory with many open streams.

use super::client::Client;
use super::feedback::timed;
use super::{report, rss_kb};
use app::server::seed::DEMO_PASSWORD;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Opens `/api/live` and reads past the `ready` event.
async fn open_stream(addr: &str, cookie: &str) -> Result<TcpStream, String> {
    let mut s = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    let req =
        format!("GET /api/live HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n");
    s.write_all(req.as_bytes()).await.map_err(|e| e.to_string())?;
    read_until(&mut s, "event: ready").await?;
    Ok(s)
}

async fn read_until(s: &mut TcpStream, needle: &str) -> Result<String, String> {
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    while !seen.contains(needle) {
        let n = tokio::time::timeout(Duration::from_secs(10), s.read(&mut buf))
            .await
            .map_err(|_| format!("no {needle:?} on the live stream within 10 s"))?
            .map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the live stream closed".into());
        }
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    Ok(seen)
}

pub async fn measure(addr: &str, manager: &str, n: usize, server_pid: u32) -> Result<(), String> {
    let client = Client::new(addr);
    let mut team = timed(&client, manager, "/api/manager_dashboard", "", n).await?;
    report("manager dashboard (/api/manager_dashboard)", &mut team);
    let leader = client.login("leader@tend.example", DEMO_PASSWORD).await?;
    let mut audit = timed(&client, &leader, "/api/audit_dashboard", "manager=&from=&to=", n).await?;
    report("skip-level audit, leader's org (/api/audit_dashboard)", &mut audit);
    let hr = client.login("hr@tend.example", DEMO_PASSWORD).await?;
    let mut org = timed(&client, &hr, "/api/hr_dashboard", "unit=&from=&to=", n).await?;
    report("HR view, whole company, 90 days (/api/hr_dashboard)", &mut org);
    let year_ago = (chrono::Utc::now() - chrono::Duration::days(364)).format("%Y-%m-%d");
    let mut year = timed(
        &client,
        &hr,
        "/api/hr_dashboard",
        &format!("unit=&from={year_ago}&to="),
        n.min(100),
    )
    .await?;
    report("HR view, whole company, one year", &mut year);

    // Write to screen: the manager gives feedback to a report; time until
    // the manager's open stream names the change.
    let (_, body) = client
        .post(
            "/api/manager_dashboard",
            "application/x-www-form-urlencoded",
            "",
            manager,
        )
        .await?;
    let to = body
        .split("\"person\":{\"id\":\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .ok_or("the manager dashboard lists no report")?
        .to_owned();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let draft = format!(
        r#"{{"draft":{{"recipient":"{to}","kind":"praise","visibility":"private","situation":"","behaviour":"",
        "impact":"","suggestion":"","body":"You kept the review calm and wrote every follow-up down the same day.",
        "happened_on":"{today}","goal":null,"skill":"","ask":null,"corrects":null}}}}"#
    );
    let mut stream = open_stream(addr, manager).await?;
    let mut latencies = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        match client
            .post("/api/give_feedback", "application/json", &draft, manager)
            .await?
        {
            (200, _) => {}
            (s, raw) => {
                return Err(format!(
                    "give_feedback answered {s}: {}",
                    raw.chars().take(200).collect::<String>()
                ))
            }
        }
        read_until(&mut stream, &format!("\"{to}\"")).await?;
        latencies.push(t.elapsed());
    }
    report(
        "write to live event (give feedback -> SSE names the report)",
        &mut latencies,
    );

    // Memory with many open dashboards.
    let before = rss_kb(server_pid);
    let mut streams = Vec::new();
    for _ in 0..200 {
        streams.push(open_stream(addr, manager).await?);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = rss_kb(server_pid);
    if let (Some(b), Some(a)) = (before, after) {
        println!(
            "server RSS: {:.1} MiB before, {:.1} MiB with 200 open live streams ({:.1} KiB each)",
            b as f64 / 1024.0,
            a as f64 / 1024.0,
            (a as f64 - b as f64) / 200.0
        );
    }
    // A write still reaches every one of them.
    let t = Instant::now();
    client
        .post("/api/give_feedback", "application/json", &draft, manager)
        .await?;
    for s in streams.iter_mut() {
        read_until(s, &format!("\"{to}\"")).await?;
    }
    println!(
        "one write reached all 200 streams in {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}
