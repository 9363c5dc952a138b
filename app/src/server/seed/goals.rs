//! Demo goals as a pure, deterministic plan: for each of the last few
//! quarters, company goals, a department goal set, a goal per team and one or
//! two personal goals per person, each aligned upwards, with key results,
//! check-ins and rolled-up progress. The current quarter is in flight; past
//! quarters are reviewed and closed.

use super::goal_names::{COMPANY, DEPARTMENT, METRICS, MILESTONES, NOTES, PERSON, TEAM};
use super::plan::OrgPlan;
use super::rng::Rng;
use crate::goals::model::{GoalDraft, KrDraft, KrKind, Level, Period, Status, Visibility};
use crate::goals::{rollup, smart as quality, status};
use crate::shared::date::{Day, Quarter};
use crate::shared::ids::PersonId;

/// Quarters of goals seeded, ending with the current one.
pub const QUARTERS: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub struct KrPlan {
    pub title: String,
    pub kind: KrKind,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
    pub done: bool,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckInPlan {
    pub day: Day,
    pub confidence: u8,
    pub progress: f64,
    pub status: Status,
    pub note: &'static str,
}

/// One planned goal; `unit`, `owner` index the org plan, `parent` this plan's goals.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalPlan {
    pub key: String,
    pub level: Level,
    pub unit: usize,
    pub owner: usize,
    pub title: String,
    pub quarter: Quarter,
    pub parent: Option<usize>,
    pub visibility: Visibility,
    pub krs: Vec<KrPlan>,
    pub checkins: Vec<CheckInPlan>,
    pub own_progress: f64,
    pub progress: f64,
    pub status: Status,
    pub suggested: Status,
    pub child_count: usize,
    pub reviewed: bool,
    pub hints: Vec<String>,
}

/// Plans goals for the `QUARTERS` quarters ending with `today`'s.
pub fn plan(org: &OrgPlan, seed: u64, today: Day) -> Vec<GoalPlan> {
    let mut rng = Rng::new(seed ^ 0x60A1_5EED);
    let current = Quarter::of(today);
    let mut quarters = vec![current];
    for _ in 1..QUARTERS {
        let q = quarters[0].prev();
        quarters.insert(0, q);
    }
    let heads = heads(org);
    let mut goals = Vec::new();
    for (qi, &q) in quarters.iter().enumerate() {
        let first = goals.len();
        let asof = if q == current { today } else { q.end() };
        let elapsed = status::elapsed(q.start(), q.end(), asof);
        let add = |goals: &mut Vec<GoalPlan>, rng: &mut Rng, level, unit, owner, title: &str, parent| {
            let key = format!("s{qi}x{}", goals.len() - first);
            goals.push(goal(
                rng,
                key,
                level,
                unit,
                owner,
                title,
                q,
                parent,
                elapsed,
                asof,
                q != current,
            ));
            goals.len() - 1
        };
        let company: Vec<usize> = (0..3)
            .map(|i| {
                add(
                    &mut goals,
                    &mut rng,
                    Level::Company,
                    0,
                    0,
                    COMPANY[(i + qi) % COMPANY.len()],
                    None,
                )
            })
            .collect();
        // unit index -> its goals this quarter
        let mut unit_goals: Vec<Vec<usize>> = vec![Vec::new(); org.units.len()];
        for (u, unit) in org.units.iter().enumerate() {
            let Some(head) = heads[u] else { continue };
            let (level, count, parents) = match unit.kind {
                "department" => (Level::Department, 2, company.clone()),
                "team" => (Level::Team, 1, unit_goals[unit.parent.unwrap_or(0)].clone()),
                _ => continue,
            };
            for _ in 0..count {
                let parent = (!parents.is_empty()).then(|| *rng.pick(&parents));
                let pool = if level == Level::Team { TEAM } else { DEPARTMENT };
                let title = rng_title(&mut rng, pool);
                let g = add(&mut goals, &mut rng, level, u, head, title, parent);
                unit_goals[u].push(g);
            }
        }
        for (p, person) in org.people.iter().enumerate().skip(1) {
            // One in ten has nothing this quarter, so "my team" has someone to nudge.
            if q == current && rng.range(0, 9) == 0 && p != org.demo.employee {
                continue;
            }
            let parents = &unit_goals[person.unit];
            // Most people carry one personal goal a quarter; some two.
            for _ in 0..if rng.range(0, 9) < 3 { 2 } else { 1 } {
                let parent = (!parents.is_empty()).then(|| *rng.pick(parents));
                let title = rng_title(&mut rng, PERSON);
                let g = add(&mut goals, &mut rng, Level::Person, person.unit, p, title, parent);
                if rng.range(0, 6) == 0 {
                    goals[g].visibility = Visibility::Chain;
                }
            }
        }
        roll_up(&mut goals[first..], first, elapsed, q != current);
    }
    goals
}

fn rng_title(rng: &mut Rng, pool: &[&'static str]) -> &'static str {
    pool[rng.range(0, pool.len() - 1)]
}

/// The head of each unit: in it, with a manager outside it.
fn heads(org: &OrgPlan) -> Vec<Option<usize>> {
    let mut heads = vec![None; org.units.len()];
    for (p, person) in org.people.iter().enumerate() {
        let outside = person.manager.is_none_or(|m| org.people[m].unit != person.unit);
        if outside && heads[person.unit].is_none() {
            heads[person.unit] = Some(p);
        }
    }
    heads
}

#[allow(clippy::too_many_arguments)]
fn goal(
    rng: &mut Rng,
    key: String,
    level: Level,
    unit: usize,
    owner: usize,
    title: &str,
    quarter: Quarter,
    parent: Option<usize>,
    elapsed: f64,
    asof: Day,
    past: bool,
) -> GoalPlan {
    // How far along this goal is: around the calendar, with real spread.
    let pace = rng.range(20, 130) as f64 / 100.0;
    let reach = (elapsed * pace).clamp(0.0, 1.0);
    let mut krs = Vec::new();
    for i in 0..rng.range(1, 2) {
        let weight = if i == 0 { 2.0 } else { 1.0 };
        if rng.range(0, 3) == 0 {
            let done = rng.range(0, 99) < (reach * 100.0) as usize;
            krs.push(KrPlan {
                title: rng_title(rng, MILESTONES).into(),
                kind: KrKind::Milestone,
                unit: String::new(),
                baseline: 0.0,
                target: 1.0,
                current: if done { 1.0 } else { 0.0 },
                done,
                weight,
            });
        } else {
            let (t, u, b, tg) = *rng.pick(METRICS);
            let current = ((b + (tg - b) * reach) * 10.0).round() / 10.0;
            krs.push(KrPlan {
                title: t.into(),
                kind: KrKind::Metric,
                unit: u.into(),
                baseline: b,
                target: tg,
                current,
                done: false,
                weight,
            });
        }
    }
    let own = rollup::weighted_mean(&krs.iter().map(kr_pair).collect::<Vec<_>>()).unwrap_or(0.0);
    // Check-ins every two to three weeks this quarter (some people stopped a
    // while ago), monthly in past quarters: enough history for the charts
    // without making the seed slow.
    let mut checkins = Vec::new();
    let start = quarter.start();
    let stops_early = !past && rng.range(0, 4) == 0;
    let last_day = if stops_early { asof.plus_days(-30) } else { asof };
    let mut day = start.plus_days(rng.range(7, 16) as i32);
    while day <= last_day {
        let share = status::elapsed(start, quarter.end(), day) / elapsed.max(0.01);
        let progress = (own * share).clamp(0.0, 1.0);
        checkins.push(CheckInPlan {
            day,
            confidence: rng.range(4, 9) as u8,
            progress,
            status: status::suggest(progress, status::elapsed(start, quarter.end(), day), None).status,
            note: rng_title(rng, NOTES),
        });
        day = day.plus_days(if past { rng.range(28, 38) } else { rng.range(14, 21) } as i32);
    }
    let draft = GoalDraft {
        level,
        owner: PersonId::parse("p0"),
        title: title.into(),
        description: String::new(),
        period: Period::Quarter(quarter),
        due: Some(quarter.end()),
        parent: parent.and_then(|_| crate::goals::model::GoalId::parse("parent")),
        alignment_weight: "1".into(),
        visibility: Visibility::Org,
        key_results: krs
            .iter()
            .map(|k| KrDraft {
                id: None,
                title: k.title.clone(),
                kind: k.kind,
                unit: k.unit.clone(),
                baseline: k.baseline.to_string(),
                target: k.target.to_string(),
                weight: k.weight.to_string(),
            })
            .collect(),
    };
    GoalPlan {
        key,
        level,
        unit,
        owner,
        title: title.into(),
        quarter,
        parent,
        visibility: Visibility::Org,
        hints: quality::check(&draft).iter().map(|h| h.message()).collect(),
        krs,
        checkins,
        own_progress: own,
        progress: own,
        status: Status::OnTrack,
        suggested: Status::OnTrack,
        child_count: 0,
        reviewed: past,
    }
}

fn kr_pair(k: &KrPlan) -> (f64, f64) {
    (
        k.weight,
        rollup::kr_progress(k.kind, k.baseline, k.target, k.current, k.done),
    )
}

/// Rolls progress up one quarter's goals. Parents come before their children
/// in the plan, so walking backwards sees every child before its parent.
fn roll_up(goals: &mut [GoalPlan], offset: usize, elapsed: f64, past: bool) {
    let mut kids: Vec<Vec<(f64, f64)>> = vec![Vec::new(); goals.len()];
    let mut counts = vec![0usize; goals.len()];
    for g in goals.iter() {
        if let Some(p) = g.parent {
            counts[p - offset] += 1;
        }
    }
    for i in (0..goals.len()).rev() {
        let krs: Vec<_> = goals[i].krs.iter().map(kr_pair).collect();
        let g = &mut goals[i];
        g.child_count = counts[i];
        g.progress = rollup::goal_progress(&krs, &kids[i]);
        let confidence = g.checkins.last().map(|c| c.confidence);
        g.suggested = status::suggest(g.progress, elapsed, confidence).status;
        g.status = match (past, g.suggested) {
            (true, _) if g.progress >= 0.7 => Status::Done,
            (true, _) => Status::Abandoned,
            (false, s) => s,
        };
        // Abandoned goals drop out of their parent's roll-up, as in `goal_rollup`.
        if let (Some(p), false) = (g.parent, g.status == Status::Abandoned) {
            kids[p - offset].push((1.0, g.progress));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::seed::plan::plan as org_plan;

    fn today() -> Day {
        Day::parse("2026-11-27").unwrap()
    }

    #[test]
    fn same_inputs_same_goals() {
        let org = org_plan(300, 42);
        assert_eq!(plan(&org, 42, today()), plan(&org, 42, today()));
    }

    #[test]
    fn goals_cascade_upwards_within_their_quarter() {
        let org = org_plan(300, 42);
        let goals = plan(&org, 42, today());
        for g in &goals {
            if let Some(p) = g.parent {
                let parent = &goals[p];
                assert!(parent.level < g.level || parent.level == Level::Person, "{g:?}");
                assert_eq!(parent.quarter, g.quarter);
            } else {
                assert!(
                    matches!(g.level, Level::Company | Level::Person),
                    "{} has no parent",
                    g.title
                );
            }
            assert!((0.0..=1.0).contains(&g.progress));
        }
        let company = goals.iter().filter(|g| g.level == Level::Company).count();
        assert_eq!(company, 3 * QUARTERS);
    }

    #[test]
    fn past_quarters_are_closed_and_the_current_one_is_live() {
        let org = org_plan(300, 42);
        let goals = plan(&org, 42, today());
        let now = Quarter::of(today());
        for g in &goals {
            if g.quarter == now {
                assert!(!g.reviewed && !g.status.is_closed() || g.status == Status::Done);
                assert!(g.checkins.iter().all(|c| c.day <= today()));
            } else {
                assert!(g.reviewed && g.status.is_closed());
            }
        }
        assert!(goals.iter().any(|g| g.quarter == now && g.owner == org.demo.employee));
    }

    #[test]
    fn child_counts_match_parents() {
        let org = org_plan(300, 42);
        let goals = plan(&org, 42, today());
        for (i, g) in goals.iter().enumerate() {
            let n = goals.iter().filter(|c| c.parent == Some(i)).count();
            assert_eq!(g.child_count, n, "{}", g.key);
        }
    }
}
