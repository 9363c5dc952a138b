//! A review cycle run in Tend at full size: the whole company, each person
//! with a self review, a manager review and three approved peers. Times the
//! start and the peer approvals on the store, then, through the served app,
//! the review form with its evidence panel and HR's progress views.

use super::client::Client;
use super::feedback::timed;
use super::report;
use app::reviews::model::form::CycleDraft;
use app::reviews::model::ReviewKind;
use app::reviews::repo::cycles as review_cycles;
use app::server::db::Db;
use app::server::repo::key_of;
use app::server::seed::DEMO_PASSWORD;
use app::shared::date::Day;
use app::shared::ids::PersonId;
use std::time::{Duration, Instant};
use surrealdb::types::{RecordId, SurrealValue};

const NAME: &str = "Benchmark: whole company";

/// What the served part measures: the cycle and the reviews the demo manager writes.
pub struct Cycle {
    key: String,
    manager: String,
    /// (ratee key, kind as the API spells it)
    reviews: Vec<(String, &'static str)>,
}

#[derive(SurrealValue)]
struct Ratee {
    id: RecordId,
    manager: Option<RecordId>,
}

/// Starts the cycle once (a reused store keeps it) and approves three peers
/// for everyone.
pub async fn prepare(db: &Db) -> Result<Cycle, String> {
    let mut res = db
        .query("SELECT VALUE id FROM review_cycle WHERE name = $n")
        .bind(("n", NAME))
        .await
        .map_err(|e| e.to_string())?;
    let existing: Option<RecordId> = res.take(0).map_err(|e| e.to_string())?;
    let key = match existing {
        Some(id) => {
            println!("reusing the review cycle from an earlier run");
            key_of(&id)
        }
        None => start(db).await?,
    };
    let manager = user(db, "manager@tend.example").await?;
    let mut res = db
        .query("SELECT ratee, kind FROM review WHERE cycle = $c AND reviewer = $m ORDER BY kind, ratee")
        .bind(("c", review_cycles::cycle_rid(&key)))
        .bind(("m", RecordId::new("person", manager.id.as_str())))
        .await
        .map_err(|e| e.to_string())?;
    #[derive(SurrealValue)]
    struct Mine {
        ratee: RecordId,
        kind: String,
    }
    let mine: Vec<Mine> = res.take(0).map_err(|e| e.to_string())?;
    let reviews = mine
        .into_iter()
        .filter_map(|m| Some((key_of(&m.ratee), api_kind(ReviewKind::parse(&m.kind)?))))
        .collect::<Vec<_>>();
    if reviews.is_empty() {
        return Err("the demo manager writes no review in the benchmark cycle".into());
    }
    Ok(Cycle {
        key,
        manager: manager.id.as_str().to_owned(),
        reviews,
    })
}

async fn user(db: &Db, email: &str) -> Result<app::server::CurrentUser, String> {
    let id = app::people::repo::credentials(db, email)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no {email} in the store"))?
        .id;
    app::people::repo::viewer(db, &id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no {email} in the store"))
}

/// How a review kind is spelt in a server function's form body.
fn api_kind(k: ReviewKind) -> &'static str {
    match k {
        ReviewKind::SelfReview => "SelfReview",
        ReviewKind::Manager => "Manager",
        ReviewKind::Peer => "Peer",
        ReviewKind::Upward => "Upward",
    }
}

async fn start(db: &Db) -> Result<String, String> {
    let hr = user(db, "hr@tend.example").await?;
    let today = Day::today();
    let draft = CycleDraft {
        name: NAME.into(),
        period_from: today.plus_days(-182).to_string(),
        period_to: today.to_string(),
        unit: String::new(),
        self_review: true,
        manager_review: true,
        peer_review: true,
        upward_review: false,
        write_due: today.plus_days(28).to_string(),
        anonymity: String::new(),
        audience: String::new(),
        template: String::new(),
        nominate_due: today.plus_days(7).to_string(),
        share_due: String::new(),
        calibration: false,
    };
    let t = Instant::now();
    let key = app::reviews::service::create_cycle(db, &hr, &draft, today)
        .await
        .map_err(|e| format!("starting the cycle: {e}"))?;
    let mut res = db
        .query("RETURN count(SELECT id FROM review WHERE cycle = $c)")
        .bind(("c", review_cycles::cycle_rid(&key)))
        .await
        .map_err(|e| e.to_string())?;
    let started: Option<i64> = res.take(0).map_err(|e| e.to_string())?;
    println!(
        "start a cycle for the whole company: {} self and manager reviews: {:>8.1} s",
        started.unwrap_or(0),
        t.elapsed().as_secs_f64()
    );

    // Three peers each: the next people in manager order, mostly teammates;
    // everyone is then a peer for exactly three others (the load limit is 5).
    let mut res = db
        .query("SELECT id, (->reports_to->person)[0] AS manager FROM person")
        .await
        .map_err(|e| e.to_string())?;
    let mut people: Vec<Ratee> = res.take(0).map_err(|e| e.to_string())?;
    people.sort_by_key(|p| (p.manager.as_ref().map(key_of), key_of(&p.id)));
    let n = people.len();
    // Each ratee's manager approves, through the same checks as on screen.
    let mut managers: std::collections::HashMap<String, app::server::CurrentUser> = std::collections::HashMap::new();
    let t = Instant::now();
    let mut approved = 0;
    for (i, p) in people.iter().enumerate() {
        let Some(m) = &p.manager else { continue };
        let manager = match managers.get(&key_of(m)) {
            Some(u) => u.clone(),
            None => {
                let id = PersonId::parse(&key_of(m)).ok_or("a manager without a person key")?;
                let u = app::people::repo::viewer(db, &id)
                    .await
                    .map_err(|e| e.to_string())?
                    .ok_or("a manager who is not in the store")?;
                managers.insert(key_of(m), u.clone());
                u
            }
        };
        let ratee = PersonId::parse(&key_of(&p.id)).ok_or("a ratee without a person key")?;
        let peers: Vec<String> = (1..=3)
            .map(|k| key_of(&people[(i + k) % n].id))
            .filter(|k| *k != key_of(&p.id))
            .collect();
        app::reviews::peers_service::approve(db, &manager, &key, &ratee, &peers, today)
            .await
            .map_err(|e| format!("approving peers: {e}"))?;
        approved += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "managers approve 3 peers for each of {approved} people, one call each: {secs:>8.1} s ({:.1} ms per call)",
        secs * 1e3 / approved.max(1) as f64
    );
    Ok(key)
}

/// The form and evidence of each review the demo manager writes, opened
/// together as the page does; then HR's views of the cycle's progress.
pub async fn measure(addr: &str, cycle: &Cycle, n: usize) -> Result<(), String> {
    let client = Client::new(addr);
    let manager = client.login("manager@tend.example", DEMO_PASSWORD).await?;
    let mut both = Vec::with_capacity(n);
    let mut forms = Vec::with_capacity(n);
    let mut panels = Vec::with_capacity(n);
    for i in 0..n {
        let (ratee, kind) = &cycle.reviews[i % cycle.reviews.len()];
        let body = format!("review[cycle]={}&review[ratee]={ratee}&review[kind]={kind}", cycle.key);
        let t = Instant::now();
        let (form, panel) = futures::join!(
            ok(&client, &manager, "/api/open_review", &body),
            ok(&client, &manager, "/api/review_evidence", &body)
        );
        both.push(t.elapsed());
        forms.push(form?);
        panels.push(panel?);
    }
    println!(
        "review form: the demo manager's {} reviews in the whole-company cycle, in turn",
        cycle.reviews.len()
    );
    report("review form + evidence panel, opened together", &mut both);
    report("  form alone (/api/open_review)", &mut forms);
    report("  evidence panel alone (/api/review_evidence)", &mut panels);

    let hr = client.login("hr@tend.example", DEMO_PASSWORD).await?;
    let body = format!("cycle={}", cycle.key);
    let mut overview = timed(&client, &hr, "/api/cycle_overview", &body, n).await?;
    report("HR progress by unit and manager (/api/cycle_overview)", &mut overview);
    let mut table = timed(&client, &hr, "/api/cycles_progress", "", n).await?;
    report("HR cycle table (/api/cycles_progress)", &mut table);
    let body = format!("cycle={}&manager={}", cycle.key, cycle.manager);
    let mut team = timed(&client, &hr, "/api/team_reviews", &body, n).await?;
    report("HR: who is missing what, one manager (/api/team_reviews)", &mut team);
    Ok(())
}

async fn ok(client: &Client, cookie: &str, path: &str, body: &str) -> Result<Duration, String> {
    let t = Instant::now();
    match client
        .post(path, "application/x-www-form-urlencoded", body, cookie)
        .await?
    {
        (200, _) => Ok(t.elapsed()),
        (status, raw) => Err(format!(
            "{path} answered {status}: {}",
            raw.chars()
                .rev()
                .take(300)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<String>()
        )),
    }
}
