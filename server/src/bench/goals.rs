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
    metric_goal(db, demo.manager)
        .await?
        .ok_or_else(|| "the demo manager has no goal with a metric key result".into())
}

/// One of this quarter's goals of the person at `index` with a metric key
/// result to check in on, if they have one.
pub async fn metric_goal(db: &Db, index: usize) -> Result<Option<Target>, String> {
    let q = Quarter::of(Day::today());
    let id = app::shared::ids::PersonId::parse(&format!("p{index}")).ok_or("bad id")?;
    let owned = goals::owned_by(db, vec![person_rid(&id)], q.start(), q.end())
        .await
        .map_err(|e| e.to_string())?;
    for g in owned {
        let krs = goal_detail::key_results(db, &g.id).await.map_err(|e| e.to_string())?;
        if let Some(kr) = krs.iter().find(|k| k.kind == "metric") {
            return Ok(Some(Target {
                goal: key_of(&g.id),
                kr: key_of(&kr.id),
            }));
        }
    }
    Ok(None)
}

impl Target {
    /// The body of `/api/check_in` setting the key result to `value`.
    pub fn check_in(&self, value: usize) -> String {
        format!(
            r#"{{"goal":"{}","checkin":{{"updates":[{{"kr":"{}","value":"{value}","done":false}}],"note":"bench","confidence":7,"status":null}}}}"#,
            self.goal, self.kr
        )
    }
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
    let body = |i: usize| target.check_in(100 + i);
    let mut checkins = timed(client, cookie, "/api/check_in", "application/json", body, n.min(200)).await?;
    report("check-in with roll-up (/api/check_in)", &mut checkins);
    Ok(())
}
