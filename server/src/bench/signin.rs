//! Sign-in under a password-guessing burst (issue 22). From 127.0.0.1, 100
//! wrong passwords for one account, 50 at a time. Meanwhile, from
//! 127.0.0.2, the attacked account's owner and a colleague sign in with
//! their real passwords, one after the other, for as long as the burst
//! lasts and a little after. Prints their sign-in latency, what the burst's
//! attempts were answered, and the server's memory before, at its peak
//! during, and after the burst.

use super::client::Client;
use super::{report, rss_kb};
use app::server::seed::DEMO_PASSWORD;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const ATTACKED: &str = "employee@tend.example";
const COLLEAGUE: &str = "manager@tend.example";

pub async fn measure(addr: &str, pid: u32) -> Result<(), String> {
    let before = rss_kb(pid).unwrap_or(0);
    let done = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(before));
    let sampler = {
        let (done, peak) = (done.clone(), peak.clone());
        tokio::spawn(async move {
            while !done.load(Ordering::Relaxed) {
                if let Some(kb) = rss_kb(pid) {
                    peak.fetch_max(kb, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let legit = {
        let (done, addr) = (done.clone(), addr.to_owned());
        tokio::spawn(async move {
            let client = Client::from(&addr, IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)));
            let (mut owner, mut colleague) = (Vec::new(), Vec::new());
            let mut refused = 0u32;
            // Keep going until the burst ends, then a second longer.
            let mut after: Option<Instant> = None;
            while after.is_none_or(|t| t.elapsed() < Duration::from_secs(1)) {
                if after.is_none() && done.load(Ordering::Relaxed) {
                    after = Some(Instant::now());
                }
                for (email, times) in [(ATTACKED, &mut owner), (COLLEAGUE, &mut colleague)] {
                    let t = Instant::now();
                    match client.try_login(email, DEMO_PASSWORD).await {
                        Ok(s) if s < 400 => times.push(t.elapsed()),
                        _ => refused += 1,
                    }
                }
            }
            (owner, colleague, refused)
        })
    };
    // The burst: 100 guesses, 50 in flight at a time.
    let started = Instant::now();
    let gate = Arc::new(tokio::sync::Semaphore::new(50));
    let attacker = Client::from(addr, IpAddr::V4(Ipv4Addr::LOCALHOST));
    let guesses: Vec<_> = (0..100)
        .map(|i| {
            let (gate, attacker) = (gate.clone(), attacker.clone());
            tokio::spawn(async move {
                let _slot = gate.acquire().await.map_err(|e| e.to_string())?;
                attacker.try_login(ATTACKED, &format!("guess-{i}")).await
            })
        })
        .collect();
    let mut answers: std::collections::BTreeMap<u16, u32> = Default::default();
    for g in guesses {
        let status = g.await.map_err(|e| e.to_string())??;
        *answers.entry(status).or_default() += 1;
    }
    let burst = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let (mut owner, mut colleague, refused) = legit.await.map_err(|e| e.to_string())?;
    sampler.await.map_err(|e| e.to_string())?;
    println!(
        "sign-in burst: 100 wrong passwords, 50 at a time, answered {answers:?} in {:.2} s",
        burst.as_secs_f64()
    );
    if owner.is_empty() || colleague.is_empty() || refused > 0 {
        return Err(format!(
            "a real sign-in from another address was refused {refused} times during the burst"
        ));
    }
    println!("  from another address, every real sign-in went through:");
    report(
        &format!("  the attacked account's owner ({} sign-ins)", owner.len()),
        &mut owner,
    );
    report(&format!("  a colleague ({} sign-ins)", colleague.len()), &mut colleague);
    let after = rss_kb(pid).unwrap_or(0);
    println!(
        "  server RSS: {:.1} MiB before, {:.1} MiB peak during, {:.1} MiB after",
        before as f64 / 1024.0,
        peak.load(Ordering::Relaxed) as f64 / 1024.0,
        after as f64 / 1024.0
    );
    Ok(())
}
