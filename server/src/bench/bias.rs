//! The bias analysis and the calibration view at full size, on the history
//! cycle `reviews.rs` imports: about 40,000 reviews by others with four
//! competencies and an overall rating each (~200,000 ratings).
//!
//! The analysis is timed in this process on the store, with its memory as
//! the peak resident set above what the process held before it (Linux
//! resets the peak when "5" is written to /proc/self/clear_refs). The
//! calibration view is timed through the served app, as HR opens it.

use super::client::Client;
use super::feedback::timed;
use super::report;
use app::bias::analysis::analyse;
use app::bias::service::{analyse_cycle, cycle_by_key, effective, tuning};
use app::server::db::Db;
use app::server::repo::key_of;
use app::server::seed::DEMO_PASSWORD;
use std::time::Instant;

/// The imported cycle's key in the app.
pub const CYCLE: &str = "import:2025 H2";

fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mib(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// Times the whole analysis (the four reads and every detector) three
/// times, and the detectors alone; prints the memory each pass took.
pub async fn analysis(db: &Db) -> Result<(), String> {
    let cycle = cycle_by_key(db, CYCLE).await.map_err(|e| format!("{CYCLE}: {e}"))?;
    let t = tuning::thresholds(db).await.map_err(|e| e.to_string())?;
    reads(db, &cycle).await?;
    for pass in 1..=3 {
        let peak_reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
        let before = status_kb("VmRSS:").unwrap_or(0);
        let started = Instant::now();
        let a = analyse_cycle(db, cycle.clone(), &t).await.map_err(|e| e.to_string())?;
        let whole = started.elapsed();
        let peak = status_kb("VmHWM:").unwrap_or(0);
        let started = Instant::now();
        let again = analyse(&a.data, &effective(t));
        let detectors = started.elapsed();
        let flags = a.report.flags().count();
        debug_assert_eq!(again, a.report);
        let values: usize = a
            .data
            .ratings
            .iter()
            .map(|r| r.competencies.len() + usize::from(r.overall.is_some()))
            .sum();
        println!(
            "bias analysis, pass {pass}: {} reviews by others ({values} ratings), {} people, {} raters, {flags} flags: \
             read + detectors {:>7.0} ms (detectors alone {:>6.0} ms)",
            a.data.ratings.len(),
            a.data.people.len(),
            a.report.raters.len(),
            whole.as_secs_f64() * 1e3,
            detectors.as_secs_f64() * 1e3,
        );
        if peak_reset {
            println!(
                "  memory: peak RSS {:>7.1} MiB, {:>6.1} MiB above the {:.1} MiB before the pass",
                mib(peak),
                mib(peak.saturating_sub(before)),
                mib(before)
            );
        } else {
            println!("  memory: peak RSS {:.1} MiB (the peak could not be reset)", mib(peak));
        }
    }
    Ok(())
}

/// Each of the analysis's reads alone, one after the other.
async fn reads(db: &Db, cycle: &app::bias::repo::CycleRef) -> Result<(), String> {
    use app::bias::repo;
    let e = |e: app::error::AppError| e.to_string();
    let started = Instant::now();
    let rows = repo::ratings(db, &cycle.id).await.map_err(e)?;
    let ratings = started.elapsed();
    let started = Instant::now();
    let feedback = app::stats::repo::evidence_days::in_period(db, cycle.from, cycle.to)
        .await
        .map_err(e)?;
    let fb = started.elapsed();
    let started = Instant::now();
    let goals = repo::goals(db, cycle.from, cycle.to).await.map_err(e)?;
    let gl = started.elapsed();
    let started = Instant::now();
    let people = repo::people(db).await.map_err(e)?;
    let pp = started.elapsed();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "bias analysis reads, one at a time: reviews {:.0} ms ({} rows), people {:.0} ms ({}), \
         feedback evidence {:.0} ms ({} person-days), goals {:.0} ms ({})",
        ms(ratings),
        rows.len(),
        ms(pp),
        people.len(),
        ms(fb),
        feedback.len(),
        ms(gl),
        goals.len()
    );
    Ok(())
}

/// A department holding people in the cycle, for the view cut to one unit.
pub async fn department(db: &Db) -> Result<String, String> {
    let mut res = db
        .query("SELECT VALUE id FROM org_unit WHERE kind = 'department' ORDER BY name LIMIT 1")
        .await
        .map_err(|e| e.to_string())?;
    let id: Option<surrealdb::types::RecordId> = res.take(0).map_err(|e| e.to_string())?;
    id.map(|id| key_of(&id))
        .ok_or_else(|| "no department in the store".into())
}

/// HR opens the calibration view, whole and cut to one department, and
/// the bias report; `n` requests each, in turn.
pub async fn measure(addr: &str, department: &str, n: usize) -> Result<(), String> {
    let client = Client::new(addr);
    let hr = client.login("hr@tend.example", DEMO_PASSWORD).await?;
    let cycle = app::shared::url::percent_encode(CYCLE, b"");
    let body = format!("cycle={cycle}&unit=");
    let (status, raw) = client
        .post("/api/calibration_view", "application/x-www-form-urlencoded", &body, &hr)
        .await?;
    if status != 200 {
        return Err(format!("/api/calibration_view answered {status}"));
    }
    println!(
        "calibration view, whole company: {:.1} MiB of JSON",
        raw.len() as f64 / 1024.0 / 1024.0
    );
    let mut whole = timed(&client, &hr, "/api/calibration_view", &body, n).await?;
    report("HR calibration view, whole company (/api/calibration_view)", &mut whole);
    let body = format!("cycle={cycle}&unit={department}");
    let mut unit = timed(&client, &hr, "/api/calibration_view", &body, n).await?;
    report("HR calibration view, one department", &mut unit);
    let body = format!("cycle={cycle}");
    let mut flags = timed(&client, &hr, "/api/bias_report", &body, n).await?;
    report("HR bias report (/api/bias_report)", &mut flags);
    Ok(())
}
