//! `tend bench --only writes` (issue 28): counted writes from 1, 4 and 8
//! concurrent writers in one department (each gives feedback and checks in on a
//! goal, in turn), and the manager dashboard, skip-level audit and HR view
//! with and without eight writers going on, at the size of the largest
//! `--people` org with a year of activity (`--feedback`, `--meetings`).
//! Tend's router is served in this process, with the dashboard counter
//! folder running as `tend serve` runs it; how long writes wait to be
//! folded (the dashboards' staleness) is sampled while the writers write.

use super::inproc::InProc;
use super::report;
use app::server::db::Db;
use app::server::seed::plan::plan;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often each paced writer writes.
const PACE: Duration = Duration::from_millis(250);

/// One writer: who, their session, and the goal they check in on.
#[derive(Clone)]
struct Writer {
    index: usize,
    cookie: String,
    goal: Option<Arc<super::goals::Target>>,
    /// Whom they give feedback to (another writer).
    to: String,
}

/// What writers measured: each write's latency, by kind.
#[derive(Default)]
struct Written {
    feedback: Vec<Duration>,
    checkins: Vec<Duration>,
}

impl Written {
    fn add(&mut self, o: Written) {
        self.feedback.extend(o.feedback);
        self.checkins.extend(o.checkins);
    }

    fn report(mut self, what: &str) {
        let mut all: Vec<Duration> = self.feedback.iter().chain(&self.checkins).copied().collect();
        report(&format!("{what}: every write ({})", all.len()), &mut all);
        if !self.feedback.is_empty() {
            report(&format!("{what}: give feedback"), &mut self.feedback);
        }
        if !self.checkins.is_empty() {
            report(&format!("{what}: check in"), &mut self.checkins);
        }
    }
}

/// Writes `count` times (or until `stop`), feedback and check-ins in turn,
/// one write every `pace` (back to back when zero). Any failed write fails
/// the run: a write must never be lost.
async fn write(app: InProc, w: Writer, count: usize, pace: Duration, stop: Arc<AtomicBool>) -> Result<Written, String> {
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let mut out = Written::default();
    let mut i = 0;
    let mut next = tokio::time::Instant::now();
    while i < count && !stop.load(Ordering::Relaxed) {
        tokio::time::sleep_until(next).await;
        next += pace;
        let t = Instant::now();
        match (&w.goal, i % 2) {
            (Some(goal), 1) => {
                app.post("/api/check_in", goal.check_in(100 + i), &w.cookie).await?;
                out.checkins.push(t.elapsed());
            }
            _ => {
                let body = format!(
                    r#"{{"draft":{{"recipient":"{}","kind":"praise","visibility":"private","situation":"In the weekly planning",
                    "behaviour":"You split the migration into {} steps and wrote each one down.","impact":"We shipped on time.",
                    "suggestion":"","body":"","happened_on":"{today}","goal":null,"skill":"","ask":null,"corrects":null}}}}"#,
                    w.to,
                    i + 2
                );
                app.post("/api/give_feedback", body, &w.cookie).await?;
                out.feedback.push(t.elapsed());
            }
        }
        i += 1;
    }
    Ok(out)
}

/// `n` writers at once, `each` writes each (or until `stop`).
async fn writers(
    app: &InProc,
    ws: &[Writer],
    each: usize,
    pace: Duration,
    stop: Arc<AtomicBool>,
) -> Result<Written, String> {
    let tasks: Vec<_> = ws
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let (app, w, stop) = (app.clone(), w.clone(), stop.clone());
            // Paced writers start spread over one pace, not all at once.
            let offset = pace.mul_f64(k as f64 / ws.len() as f64);
            tokio::spawn(async move {
                tokio::time::sleep(offset).await;
                write(app, w, each, pace, stop).await
            })
        })
        .collect();
    let mut all = Written::default();
    for t in tasks {
        all.add(t.await.map_err(|e| e.to_string())??);
    }
    Ok(all)
}

/// The writers: the demo manager, their reports, then people of the teams
/// beside theirs (the same parent unit), so every write counts toward the
/// same department rows.
async fn writers_in_one_department(db: &Db, manager: usize, want: usize) -> Result<Vec<usize>, String> {
    let mut res = db
        .query(
            "LET $m = type::record('person', $key);
             SELECT VALUE record::id(in) FROM reports_to WHERE out = $m;
             SELECT VALUE record::id(id) FROM person WHERE org_unit.parent = $m.org_unit.parent AND left_on = NONE LIMIT 40;",
        )
        .bind(("key", format!("p{manager}")))
        .await
        .map_err(|e| e.to_string())?;
    let reports: Vec<String> = res.take(1).map_err(|e| e.to_string())?;
    let beside: Vec<String> = res.take(2).map_err(|e| e.to_string())?;
    let mut out = vec![manager];
    for k in reports.iter().chain(&beside) {
        if let Some(i) = k.strip_prefix('p').and_then(|n| n.parse::<usize>().ok()) {
            if !out.contains(&i) {
                out.push(i);
            }
        }
    }
    out.truncate(want);
    if out.len() < want {
        return Err(format!(
            "only {} people in the demo manager's department, not {want}",
            out.len()
        ));
    }
    Ok(out)
}

/// How long the oldest write still waiting to be folded has waited, in ms.
async fn staleness_ms(db: &Db) -> Result<f64, String> {
    let mut res = db
        .query(
            // A delta stamped a moment after this statement's `now` waited 0.
            "LET $oldest = time::min(SELECT VALUE at FROM stat_delta) ?? time::now();
             RETURN IF $oldest >= time::now() { 0s } ELSE { time::now() - $oldest };",
        )
        .await
        .map_err(|e| e.to_string())?;
    let waited: Option<surrealdb::types::Duration> = res.take(1).map_err(|e| e.to_string())?;
    Ok(waited.map_or(0.0, |d| std::time::Duration::from(d).as_secs_f64() * 1e3))
}

/// Times each dashboard `n` times, one request at a time.
async fn dashboards(app: &InProc, people: usize, n: usize, when: &str) -> Result<(), String> {
    let demo = plan(people, 42).demo;
    let year_ago = (chrono::Utc::now() - chrono::Duration::days(364)).format("%Y-%m-%d");
    let views = [
        (
            "manager dashboard",
            demo.manager,
            "/api/manager_dashboard",
            String::new(),
        ),
        (
            "skip-level audit",
            demo.leader,
            "/api/audit_dashboard",
            "manager=&from=&to=".into(),
        ),
        (
            "HR view, 90 days",
            demo.hr,
            "/api/hr_dashboard",
            "unit=&from=&to=".into(),
        ),
        (
            "HR view, one year",
            demo.hr,
            "/api/hr_dashboard",
            format!("unit=&from={year_ago}&to="),
        ),
    ];
    for (what, who, path, body) in views {
        let cookie = app.cookie(who).await?;
        let mut times = Vec::with_capacity(n);
        for _ in 0..n {
            let t = Instant::now();
            app.post(path, body.clone(), &cookie).await?;
            times.push(t.elapsed());
        }
        report(&format!("{what} ({when})"), &mut times);
    }
    Ok(())
}

pub async fn measure(
    root: &Path,
    people: usize,
    feedback: usize,
    meetings: usize,
    n: usize,
    reuse: bool,
) -> Result<(), String> {
    let dir = root.join(format!("writes-{people}.db"));
    let reused = reuse && dir.exists();
    if !reused {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let db = super::open_store(&dir).await?;
    if reused {
        println!("reusing the {people}-person store from an earlier run");
    } else {
        let t = Instant::now();
        app::server::seed::run(&db, people, 42, true, |_, _, _| {}).await?;
        super::feedback::seed_counted_once(&db, feedback, meetings).await?;
        println!(
            "seed {people} people, 4 quarters of goals, {feedback} feedback entries, {meetings} 1:1s, counters: {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    tokio::spawn(app::stats::fold::run(db.clone()));
    let app = InProc::new(&db)?;
    let demo = plan(people, 42).demo;

    let members = writers_in_one_department(&db, demo.manager, 8).await?;
    let mut ws = Vec::new();
    for (k, &index) in members.iter().enumerate() {
        ws.push(Writer {
            index,
            cookie: app.cookie(index).await?,
            goal: super::goals::metric_goal(&db, index).await?.map(Arc::new),
            to: format!("p{}", members[(k + 1) % members.len()]),
        });
    }
    println!(
        "writers: the demo manager p{} and {} people of their team and the teams beside it; {} with a goal to check in on",
        ws[0].index,
        ws.len() - 1,
        ws.iter().filter(|w| w.goal.is_some()).count()
    );

    dashboards(&app, people, n, "nothing else running").await?;

    // Back to back: each writer writes again as soon as its write returns,
    // so 8 writers keep both cores busy (the most a 2-core server takes).
    let never = Arc::new(AtomicBool::new(false));
    for count in [1usize, 4, 8] {
        let t = Instant::now();
        let done = writers(&app, &ws[..count], 60, Duration::ZERO, never.clone()).await?;
        let secs = t.elapsed().as_secs_f64();
        let total = done.feedback.len() + done.checkins.len();
        println!(
            "{count} writer(s) back to back: {total} writes in {secs:.1} s, {:.0} writes/s",
            total as f64 / secs
        );
        done.report(&format!("{count} writer(s) back to back"));
    }
    // Paced: each writer writes every 250 ms (32 writes/s together, about
    // 30 times a 10,000-person company's busiest hour).
    let t = Instant::now();
    let done = writers(&app, &ws, 40, PACE, never.clone()).await?;
    println!(
        "8 writers, one write each every {} ms: {} writes in {:.1} s",
        PACE.as_millis(),
        done.feedback.len() + done.checkins.len(),
        t.elapsed().as_secs_f64()
    );
    done.report("8 writers paced");

    // The dashboards while eight paced writers write, and how stale they get.
    let stop = Arc::new(AtomicBool::new(false));
    let busy = {
        let (app, ws, stop) = (app.clone(), ws.clone(), stop.clone());
        tokio::spawn(async move { writers(&app, &ws, usize::MAX, PACE, stop).await })
    };
    let sampler = {
        let (db, stop) = (db.clone(), stop.clone());
        tokio::spawn(async move {
            let mut worst = 0f64;
            let mut samples = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let ms = staleness_ms(&db).await?;
                worst = worst.max(ms);
                samples.push(ms);
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Ok::<_, String>((worst, samples))
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    let during = dashboards(&app, people, n, "8 paced writers writing").await;
    stop.store(true, Ordering::Relaxed);
    let done = busy.await.map_err(|e| e.to_string())??;
    during?;
    done.report("8 paced writers, beside the dashboards");
    let (worst, mut samples) = sampler.await.map_err(|e| e.to_string())??;
    samples.sort_by(f64::total_cmp);
    let p95 = samples
        .get((samples.len() * 95 / 100).min(samples.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0.0);
    println!(
        "oldest write waiting to be folded, sampled every 50 ms while 8 paced writers wrote: p95 {p95:.0} ms, worst {worst:.0} ms ({} samples)",
        samples.len()
    );
    let t = Instant::now();
    while staleness_ms(&db).await? > 0.0 && t.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    println!(
        "after the writers stopped, everything was folded in {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}
