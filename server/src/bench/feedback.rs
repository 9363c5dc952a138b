//! Feedback at scale: seeds feedback entries and 1:1 meetings straight into
//! the store, then times the feedback pages and feedback writes over HTTP.

use super::client::Client;
use super::report;
use app::server::db::Db;
use std::time::{Duration, Instant};
use surrealdb::types::{RecordId, SurrealValue};

const BATCH: usize = 2_000;

#[derive(SurrealValue)]
struct Placed {
    id: RecordId,
    org_unit: RecordId,
    manager: Option<RecordId>,
}

#[derive(SurrealValue)]
struct Row {
    giver: RecordId,
    recipient: RecordId,
    recipient_unit: RecordId,
    kind: String,
    visibility: String,
    situation: String,
    behaviour: String,
    impact: String,
    suggestion: String,
    happened_on: String,
    written_at: surrealdb::types::Datetime,
    quality: i64,
}

/// SplitMix64: deterministic and dependency-free.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn err(e: impl std::fmt::Display) -> String {
    format!("feedback seed: {e}")
}

/// [`seed`] straight into the store with the counting events aside, then one
/// rebuild of the counters, as the demo seeder does.
pub async fn seed_counted_once(db: &Db, n: usize, meetings: usize) -> Result<(), String> {
    app::stats::repo::set_bulk(db, true).await.map_err(err)?;
    seed(db, n, meetings).await?;
    app::stats::repo::set_bulk(db, false).await.map_err(err)?;
    let started = std::time::Instant::now();
    let rows = app::stats::rebuild::run(db).await.map_err(err)?;
    println!(
        "rebuild dashboard counters ({rows} rows): {:>8.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Seeds `n` feedback entries over the last year (half from managers to
/// their reports) and `meetings` held 1:1 meetings with an agenda item each.
pub async fn seed(db: &Db, n: usize, meetings: usize) -> Result<(), String> {
    let mut res = db
        .query("SELECT id, org_unit, (->reports_to->person)[0] AS manager FROM person")
        .await
        .map_err(err)?;
    let people: Vec<Placed> = res.take(0).map_err(err)?;
    let with_manager: Vec<&Placed> = people.iter().filter(|p| p.manager.is_some()).collect();
    let mut rng = Rng(42);
    let now = chrono::Utc::now();
    let started = Instant::now();
    let kinds = ["praise", "constructive", "coaching"];
    let mut done = 0;
    while done < n {
        let rows: Vec<Row> = (0..BATCH.min(n - done))
            .map(|_| {
                let to = with_manager[rng.below(with_manager.len())];
                let giver = if rng.below(2) == 0 {
                    to.manager.clone().expect("filtered")
                } else {
                    people[rng.below(people.len())].id.clone()
                };
                let kind = kinds[rng.below(3)];
                let visibility = match (kind, rng.below(3)) {
                    ("praise", 0) => "public",
                    (_, 1) => "manager_line",
                    _ => "private",
                };
                let at = now - chrono::Duration::minutes(rng.below(365 * 24 * 60) as i64);
                let happened = at - chrono::Duration::days(rng.below(10) as i64);
                Row {
                    giver: if giver == to.id { people[0].id.clone() } else { giver },
                    recipient: to.id.clone(),
                    recipient_unit: to.org_unit.clone(),
                    kind: kind.into(),
                    visibility: visibility.into(),
                    situation: "In Tuesday's release review".into(),
                    behaviour: "You walked the team through the rollback plan step by step.".into(),
                    impact: "Nobody had to ask a follow-up question.".into(),
                    suggestion: "Keep the plan in the release notes next time.".into(),
                    happened_on: happened.format("%Y-%m-%d").to_string(),
                    written_at: at.into(),
                    quality: 90,
                }
            })
            .filter(|r| r.giver != r.recipient)
            .collect();
        done += BATCH.min(n - done);
        db.query("INSERT INTO feedback $rows")
            .bind(("rows", rows))
            .await
            .and_then(|r| r.check())
            .map_err(err)?;
        if done % 100_000 == 0 {
            println!(
                "  seeded {done} feedback entries ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "seed {n} feedback entries: {secs:>8.1} s ({:.0} rows/s, batches of {BATCH})",
        n as f64 / secs
    );

    // One series per manager–report pair, then held meetings round-robin.
    let started = Instant::now();
    let pairs: Vec<(RecordId, RecordId)> = with_manager
        .iter()
        .take(meetings.max(1))
        .map(|p| (p.manager.clone().expect("filtered"), p.id.clone()))
        .collect();
    let mut series = Vec::with_capacity(pairs.len());
    for chunk in pairs.chunks(BATCH) {
        let mut res = db
            .query("INSERT INTO one_on_one $rows RETURN id")
            .bind((
                "rows",
                chunk
                    .iter()
                    .map(|(m, r)| SeriesSeed {
                        manager: m.clone(),
                        report: r.clone(),
                        cadence_days: 14,
                    })
                    .collect::<Vec<_>>(),
            ))
            .await
            .map_err(err)?;
        let ids: Vec<IdOnly> = res.take(0).map_err(err)?;
        series.extend(ids.into_iter().map(|i| i.id));
    }
    let mut made = 0;
    while made < meetings {
        let count = BATCH.min(meetings - made);
        let rows: Vec<MeetingSeed> = (0..count)
            .map(|i| {
                let s = &series[(made + i) % series.len()];
                let day = now - chrono::Duration::days(((made + i) / series.len()) as i64 * 14 + 1);
                MeetingSeed {
                    id: RecordId::new("meeting", format!("bm{}", made + i).as_str()),
                    series: s.clone(),
                    day: day.format("%Y-%m-%d").to_string(),
                    held_at: day.into(),
                }
            })
            .collect();
        let items: Vec<AgendaSeed> = rows
            .iter()
            .map(|m| AgendaSeed {
                series: m.series.clone(),
                meeting: m.id.clone(),
                text: "Progress on the quarter's goals".into(),
                added_by: pairs[0].0.clone(),
                done: true,
            })
            .collect();
        db.query("INSERT INTO meeting $rows; INSERT INTO agenda_item $items;")
            .bind(("rows", rows))
            .bind(("items", items))
            .await
            .and_then(|r| r.check())
            .map_err(err)?;
        made += count;
    }
    println!(
        "seed {} 1:1 series, {meetings} held meetings + agenda items: {:.1} s",
        series.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[derive(SurrealValue)]
struct IdOnly {
    id: RecordId,
}

#[derive(SurrealValue)]
struct SeriesSeed {
    manager: RecordId,
    report: RecordId,
    cadence_days: i64,
}

#[derive(SurrealValue)]
struct MeetingSeed {
    id: RecordId,
    series: RecordId,
    day: String,
    held_at: surrealdb::types::Datetime,
}

#[derive(SurrealValue)]
struct AgendaSeed {
    series: RecordId,
    meeting: RecordId,
    text: String,
    added_by: RecordId,
    done: bool,
}

/// Prints the query plans of the feedback lists for the demo manager, so a
/// slow figure can be traced to a scan or a sort.
pub async fn explain(db: &Db) -> Result<(), String> {
    let mut res = db
        .query(
            "LET $p = (SELECT VALUE id FROM person WHERE email = 'manager@tend.example')[0];
             SELECT id FROM feedback WHERE giver = $p AND deleted_at = NONE ORDER BY written_at DESC LIMIT 50 EXPLAIN;
             SELECT id FROM feedback WHERE recipient = $p AND deleted_at = NONE ORDER BY written_at DESC LIMIT 50 EXPLAIN;
             RETURN count(SELECT id FROM feedback WHERE giver = $p);",
        )
        .await
        .map_err(err)?;
    for (i, what) in [(1, "given list"), (2, "received list")] {
        let plan: surrealdb::types::Value = res.take(i).map_err(err)?;
        println!(
            "plan, {what}: {}",
            format!("{plan:?}").chars().take(600).collect::<String>()
        );
    }
    let given: Option<i64> = res.take(3).map_err(err)?;
    println!("the demo manager has given {} feedback entries", given.unwrap_or(0));
    Ok(())
}

pub(crate) async fn timed(
    client: &Client,
    cookie: &str,
    path: &str,
    body: &str,
    n: usize,
) -> Result<Vec<Duration>, String> {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        match client
            .post(path, "application/x-www-form-urlencoded", body, cookie)
            .await?
        {
            (200, _) => times.push(t.elapsed()),
            (status, raw) => {
                return Err(format!(
                    "{path} answered {status}: {}",
                    raw.chars().take(300).collect::<String>()
                ))
            }
        }
    }
    Ok(times)
}

/// Page latencies for the demo manager, then feedback write throughput.
pub async fn measure(client: &Client, cookie: &str, n: usize) -> Result<(), String> {
    let mut mine = timed(client, cookie, "/api/feedback_overview", "", n).await?;
    report("my feedback (/api/feedback_overview)", &mut mine);
    let mut team = timed(client, cookie, "/api/team_feedback_figures", "", n).await?;
    report("team feedback page (/api/team_feedback_figures)", &mut team);
    let mut feed = timed(client, cookie, "/api/team_praise", "", n).await?;
    report("praise feed (/api/team_praise)", &mut feed);

    // Writes: the manager gives feedback to the first person a search finds.
    let (_, found) = client
        .post(
            "/api/find_colleagues",
            "application/x-www-form-urlencoded",
            "q=an",
            cookie,
        )
        .await?;
    let to = found
        .split("\"id\":\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .ok_or("no colleague found to send feedback to")?
        .to_owned();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let body = format!(
        r#"{{"draft":{{"recipient":"{to}","kind":"praise","visibility":"private","situation":"In the demo",
        "behaviour":"You answered the 3 pricing questions clearly.","impact":"The client signed.","suggestion":"",
        "body":"","happened_on":"{today}","goal":null,"skill":"","ask":null,"corrects":null}}}}"#
    );
    for concurrency in [1usize, 4] {
        let per = 100;
        let wall = Instant::now();
        let tasks: Vec<_> = (0..concurrency)
            .map(|_| {
                let (client, cookie, body) = (client.clone(), cookie.to_owned(), body.clone());
                tokio::spawn(async move {
                    let mut times = Vec::with_capacity(per);
                    for _ in 0..per {
                        let t = Instant::now();
                        match client
                            .post("/api/give_feedback", "application/json", &body, &cookie)
                            .await?
                        {
                            (200, _) => times.push(t.elapsed()),
                            (s, raw) => return Err(format!("give_feedback answered {s}: {raw}")),
                        }
                    }
                    Ok::<_, String>(times)
                })
            })
            .collect();
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.map_err(|e| e.to_string())??);
        }
        let secs = wall.elapsed().as_secs_f64();
        println!(
            "give feedback over HTTP, {concurrency} client(s), sync=every: {:.0} entries/s",
            all.len() as f64 / secs
        );
        report(&format!("give feedback ({concurrency} client(s))"), &mut all);
    }
    Ok(())
}
