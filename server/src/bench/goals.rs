//! Goal figures: roll-up after one check-in (in process, on the seeded
//! database), then "my team's goals", the tree's first two levels and a
//! check-in through the real server, signed in as the demo manager.

use super::client::Client;
use super::report;
use app::goals::repo as goals;
use app::goals::repo::{detail as goal_detail, rollup as goal_rollup};
use app::server::db::Db;
use app::server::repo::{key_of, person_rid};
use app::server::seed::plan::plan;
use app::shared::date::{Day, Quarter};
use std::time::{Duration, Instant};

/// The manager's goal and key result the check-in benchmark updates.
pub struct Target {
    goal: String,
    kr: String,
}

/// Times recomputing progress up the alignment chain from one of the demo
/// employee's current goals, and picks the goal the HTTP check-ins will use.
pub async fn rollup(db: &Db) -> Result<Target, String> {
    let people = app::people::repo::count_all(db).await.map_err(|e| e.to_string())? as usize;
    let demo = plan(people, 42).demo;
    let today = Day::today();
    let q = Quarter::of(today);
    let owned = |i: usize| async move {
        let id = app::shared::ids::PersonId::parse(&format!("p{i}")).ok_or("bad id")?;
        goals::owned_by(db, vec![person_rid(&id)], q.start(), q.end())
            .await
            .map_err(|e| e.to_string())
    };
    let start = owned(demo.employee)
        .await?
        .into_iter()
        .find(|g| g.parent.is_some())
        .ok_or("the demo employee has no aligned goal")?;
    let mut depth = 0;
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        depth = goal_rollup::recompute_up(db, Some(start.id.clone()), today)
            .await
            .map_err(|e| e.to_string())?;
        times.push(t.elapsed());
    }
    report(
        &format!("roll-up after a check-in ({depth} goals up the chain)"),
        &mut times,
    );
    for g in owned(demo.manager).await? {
        let krs = goal_detail::key_results(db, &g.id).await.map_err(|e| e.to_string())?;
        if let Some(kr) = krs.iter().find(|k| k.kind == "metric") {
            return Ok(Target {
                goal: key_of(&g.id),
                kr: key_of(&kr.id),
            });
        }
    }
    Err("the demo manager has no goal with a metric key result".into())
}

async fn timed(
    client: &Client,
    cookie: &str,
    path: &str,
    content_type: &str,
    body: impl Fn(usize) -> String,
    n: usize,
) -> Result<Vec<Duration>, String> {
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        match client.post(path, content_type, &body(i), cookie).await? {
            (200, _) => times.push(t.elapsed()),
            (status, raw) => {
                let tail: String = raw
                    .chars()
                    .rev()
                    .take(300)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                return Err(format!("{path} answered {status}: {tail}"));
            }
        }
    }
    Ok(times)
}

/// Sequential requests, one at a time, so each figure is one request's latency.
pub async fn measure(client: &Client, cookie: &str, target: &Target, n: usize) -> Result<(), String> {
    let form = "application/x-www-form-urlencoded";
    let mut team = timed(client, cookie, "/api/team_goals", form, |_| String::new(), n).await?;
    report("my team's goals (/api/team_goals)", &mut team);
    let mut tree = timed(client, cookie, "/api/goal_tree", form, |_| String::new(), n).await?;
    report("alignment tree, first two levels (/api/goal_tree)", &mut tree);
    let mut search = timed(
        client,
        cookie,
        "/api/search_goals",
        form,
        |_| "query=cycle+time".into(),
        n.min(100),
    )
    .await?;
    report("goal search by title (/api/search_goals)", &mut search);
    let body = |i: usize| {
        format!(
            r#"{{"goal":"{}","checkin":{{"updates":[{{"kr":"{}","value":"{}","done":false}}],"note":"bench","confidence":7,"status":null}}}}"#,
            target.goal,
            target.kr,
            100 + i
        )
    };
    let mut checkins = timed(client, cookie, "/api/check_in", "application/json", body, n.min(200)).await?;
    report("check-in with roll-up (/api/check_in)", &mut checkins);
    Ok(())
}
