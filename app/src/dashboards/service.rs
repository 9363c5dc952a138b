//! The three dashboards, read from the counters the database keeps
//! (`stats::repo`) plus small indexed reads, never from whole-table groupings.

use crate::dashboards::model::{
    AttentionLine, AuditView, ManagerDashboard, ReportLine, StatusMix, TeamAudit, WeekFlow,
};
use crate::dashboards::needs_attention::{GoalFacts, ReportFacts};
use crate::dashboards::{needs_attention, repo as reads};
use crate::error::AppError;
use crate::goals::model::Status;
use crate::goals::repo as goals;
use crate::people::model::{OrgUnitRef, PersonSummary, Role};
use crate::people::repo as people;
use crate::people::repo::org_chart;
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::CurrentUser;
use crate::shared::date::{Day, Quarter};
use crate::shared::ids::PersonId;
use crate::stats::counters::{Counters, GoalCounts};
use crate::stats::{counters as stats, repo};
use surrealdb::types::RecordId;

mod hr;
pub use hr::{hr, record_event};

/// The longest period a dashboard reads, so one request cannot ask for decades.
pub const MAX_PERIOD_DAYS: i32 = 732;

/// Checks a reporting period.
pub fn period(from: Day, to: Day) -> Result<(), AppError> {
    if from > to {
        return Err(AppError::Invalid(
            "The period ends before it starts: pick an end date after the start.".into(),
        ));
    }
    if from.days_until(to) > MAX_PERIOD_DAYS {
        return Err(AppError::Invalid(
            "That period is longer than two years. Pick a shorter one, or compare two periods side by side.".into(),
        ));
    }
    Ok(())
}

fn worst(a: Status, b: Status) -> Status {
    let rank = |s: Status| match s {
        Status::OffTrack => 0,
        Status::AtRisk => 1,
        Status::OnTrack => 2,
        Status::Done => 3,
        Status::Abandoned => 4,
    };
    if rank(a) <= rank(b) {
        a
    } else {
        b
    }
}

/// What the manager dashboard and the home page's "Your team" both read
/// about a manager's direct reports. The reads after the report list are
/// independent, so they go to the database together.
struct TeamReads {
    reports: Vec<PersonSummary>,
    rids: Vec<RecordId>,
    goals: Vec<goals::GoalRow>,
    days: Vec<(RecordId, Day, Counters)>,
    actions: Vec<(RecordId, Day)>,
}

async fn team_reads(db: &Db, user: &CurrentUser, today: Day) -> Result<TeamReads, AppError> {
    let reports = people::direct_reports(db, &user.id).await?;
    if reports.is_empty() {
        return Err(AppError::Forbidden);
    }
    let rids: Vec<RecordId> = reports.iter().map(|r| person_rid(&r.id)).collect();
    let from = today.plus_days(-needs_attention::WINDOW_DAYS);
    let (goals, days, actions) = futures::try_join!(
        goals::owned_by(db, rids.clone(), today, today),
        repo::person_days(db, &rids, from, today),
        reads::open_actions(db, &rids),
    )?;
    Ok(TeamReads {
        reports,
        rids,
        goals,
        days,
        actions,
    })
}

/// One report's slice of the team reads.
struct Report<'a> {
    days: Vec<(Day, Counters)>,
    goals: Vec<&'a goals::GoalRow>,
    open_actions: u32,
    overdue_actions: u32,
}

impl TeamReads {
    fn report(&self, rid: &RecordId, today: Day) -> Report<'_> {
        let (open_actions, overdue_actions) = self
            .actions
            .iter()
            .filter(|(o, _)| o == rid)
            .fold((0, 0), |(n, late), (_, due)| (n + 1, late + (*due < today) as u32));
        Report {
            days: self
                .days
                .iter()
                .filter(|(w, _, _)| w == rid)
                .map(|(_, d, c)| (*d, *c))
                .collect(),
            goals: self
                .goals
                .iter()
                .filter(|g| g.owner == *rid && g.status != "abandoned")
                .collect(),
            open_actions,
            overdue_actions,
        }
    }
}

impl Report<'_> {
    fn facts(&self, today: Day) -> ReportFacts {
        ReportFacts {
            goals: self
                .goals
                .iter()
                .map(|g| GoalFacts {
                    title: g.title.clone(),
                    status: g.status_today(today),
                    start: g.start(),
                    end: g.end(),
                    due: g.due.as_deref().and_then(Day::parse),
                    created: crate::server::repo::short_time(&g.created_at)
                        .get(..10)
                        .and_then(Day::parse)
                        .unwrap_or_else(|| g.start()),
                    last_checkin: g.last_checkin.as_deref().and_then(Day::parse),
                })
                .collect(),
            last_feedback_received: stats::last_day(&self.days, today, |c| c.fb_received),
            last_talk: stats::last_day(&self.days, today, |c| c.talks),
            overdue_actions: self.overdue_actions,
            since: None,
        }
    }
}

fn attention_line(person: &PersonSummary, facts: &ReportFacts, today: Day) -> Option<AttentionLine> {
    let concerns = needs_attention::concerns(facts, today);
    concerns.first().map(|top| AttentionLine {
        person: person.clone(),
        urgency: top.urgency,
        reasons: concerns.iter().map(|c| c.reason.clone()).collect(),
    })
}

/// Most urgent first, then by name.
fn sort_attention(attention: &mut [AttentionLine]) {
    attention.sort_by(|a, b| {
        b.urgency
            .cmp(&a.urgency)
            .then_with(|| a.person.name.cmp(&b.person.name))
    });
}

/// Only the reports who need attention, and why: the home page's "Your team",
/// without the dashboard's weekly flow and perception reads.
pub async fn attention(db: &Db, user: &CurrentUser, today: Day) -> Result<Vec<AttentionLine>, AppError> {
    let team = match team_reads(db, user, today).await {
        // A manager whose reports have all moved on has nobody to list.
        Err(AppError::Forbidden) => return Ok(Vec::new()),
        team => team?,
    };
    let mut attention: Vec<AttentionLine> = team
        .reports
        .iter()
        .zip(&team.rids)
        .filter_map(|(r, rid)| attention_line(r, &team.report(rid, today).facts(today), today))
        .collect();
    sort_attention(&mut attention);
    Ok(attention)
}

/// The manager dashboard: one line per direct report, who needs attention
/// and why, the team's goal status mix and its weekly feedback flow.
pub async fn manager(db: &Db, user: &CurrentUser, today: Day) -> Result<ManagerDashboard, AppError> {
    let me = person_rid(&user.id);
    let flow_from = stats::week_of(today).plus_days(-7 * 11);
    let (team, team_weeks) = futures::try_join!(
        team_reads(db, user, today),
        repo::group_weeks(db, std::slice::from_ref(&me), flow_from, today),
    )?;

    let mut mix = StatusMix::default();
    let mut lines = Vec::new();
    let mut attention = Vec::new();
    for (r, rid) in team.reports.iter().zip(&team.rids) {
        let report = team.report(rid, today);
        let mut status = None;
        for g in &report.goals {
            let s = g.status_today(today);
            match s {
                Status::OnTrack => mix.on_track += 1,
                Status::AtRisk => mix.at_risk += 1,
                Status::OffTrack => mix.off_track += 1,
                Status::Done => mix.done += 1,
                Status::Abandoned => {}
            }
            status = Some(status.map_or(s, |w| worst(w, s)));
        }
        if report.goals.is_empty() {
            mix.without_goal += 1;
        }
        let last_checkin = report
            .goals
            .iter()
            .filter_map(|g| g.last_checkin.as_deref().and_then(Day::parse))
            .max();
        let facts = report.facts(today);
        attention.extend(attention_line(r, &facts, today));
        let c30 = stats::within(&report.days, today, 30);
        let c90 = stats::within(&report.days, today, 91);
        let goals = &report.goals;
        let progress = (!goals.is_empty()).then(|| goals.iter().map(|g| g.progress).sum::<f64>() / goals.len() as f64);
        lines.push(ReportLine {
            person: r.clone(),
            goals: goals.len() as u32,
            progress,
            status,
            days_since_checkin: last_checkin.map(|d| d.days_until(today)),
            given_30: c30.fb_given,
            received_30: c30.fb_received,
            given_90: c90.fb_given,
            received_90: c90.fb_received,
            days_since_talk: facts.last_talk.map(|d| d.days_until(today)),
            open_actions: report.open_actions,
            overdue_actions: report.overdue_actions,
        });
    }
    sort_attention(&mut attention);
    let weekly: Vec<(Day, Counters)> = team_weeks.iter().map(|(_, d, c)| (*d, *c)).collect();
    let flow = stats::weekly(&weekly, today, 12)
        .into_iter()
        .map(|(week, c)| WeekFlow {
            week,
            given: c.fb_given,
            received: c.fb_received,
        })
        .collect();
    let gap = crate::feedback::perception_service::gap(db, user, &team.reports, today).await?;
    let perception = gap.own.map(|g| format!("{}: {}", gap.label, g.summary()));
    Ok(ManagerDashboard {
        today,
        reports: lines,
        attention,
        mix,
        flow,
        perception,
    })
}

/// May `user` audit the part of the organisation under `manager`?
async fn ensure_may_audit(db: &Db, user: &CurrentUser, manager: &PersonId) -> Result<(), AppError> {
    if !people::exists(db, manager).await? {
        return Err(AppError::NotFound);
    }
    let allowed = user.is_hr
        || (user.role == Role::SkipLevel && (user.id == *manager || people::is_above(db, &user.id, manager).await?));
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn audit_row(manager: PersonSummary, size: u32, c: &Counters, g: &GoalCounts) -> TeamAudit {
    let mut gaps = Vec::new();
    if g.goals == 0 {
        gaps.push("no goals".to_owned());
    }
    if c.fb_given + c.fb_received == 0 {
        gaps.push("no feedback".to_owned());
    }
    if c.one_on_ones == 0 {
        gaps.push("no 1:1s".to_owned());
    }
    if c.checkins == 0 {
        gaps.push("no check-ins".to_owned());
    }
    TeamAudit {
        manager,
        size,
        goals: g.goals,
        smart_share: g.smart_share(),
        feedback: c.fb_given,
        mean_quality: c.mean_quality(),
        bare_share: c.bare_share(),
        praise: c.praise,
        constructive: c.constructive,
        checkins: c.checkins,
        one_on_ones: c.one_on_ones,
        coaching: c.coaching,
        median_delay: c.median_delay(),
        gaps,
    }
}

/// The skip-level audit of `manager`'s team and each team run by a manager
/// reporting to them. Quality figures only: no entry's text is read.
pub async fn audit(db: &Db, user: &CurrentUser, manager: &PersonId, from: Day, to: Day) -> Result<AuditView, AppError> {
    period(from, to)?;
    ensure_may_audit(db, user, manager).await?;
    let (head, reports) = futures::try_join!(people::summary(db, manager), people::direct_reports(db, manager))?;
    let head = head.ok_or(AppError::NotFound)?;
    let mut teams = vec![head.clone()];
    teams.extend(reports.iter().filter(|r| r.direct_reports > 0).cloned());
    let groups: Vec<RecordId> = teams.iter().map(|t| person_rid(&t.id)).collect();
    let mut owners = vec![person_rid(manager)];
    owners.extend(reports.iter().map(|r| person_rid(&r.id)));
    // Each read needs only the team list, so they go to the database together.
    let (weeks, quarters, vague, trail, unit) = futures::try_join!(
        repo::group_weeks(db, &groups, stats::week_of(from), to),
        repo::group_goals(db, &groups, Quarter::of(from), Quarter::of(to)),
        reads::vague_goals(db, &owners, from, to),
        audit_trail(db, user, &head),
        manager_unit(db, manager),
    )?;
    let rows = teams
        .into_iter()
        .zip(&groups)
        .map(|(t, g)| {
            let mut c = Counters::default();
            for (_, _, w) in weeks.iter().filter(|(who, _, _)| who == g) {
                c.add(w);
            }
            let q = quarters
                .iter()
                .find(|(who, _)| who == g)
                .map(|(_, q)| *q)
                .unwrap_or_default();
            let size = t.direct_reports + 1;
            audit_row(t, size, &c, &q)
        })
        .collect();
    Ok(AuditView {
        trail,
        unit,
        from,
        to,
        teams: rows,
        vague,
    })
}

/// The managers from the viewer (or, for HR, the top) down to `head`.
async fn audit_trail(db: &Db, user: &CurrentUser, head: &PersonSummary) -> Result<Vec<PersonSummary>, AppError> {
    let mut trail = vec![head.clone()];
    let mut cursor = person_rid(&head.id);
    while key_of(&cursor) != user.id.as_str() && !user.is_hr {
        match org_chart::managers(db, &cursor).await?.first() {
            Some(up) => {
                cursor = up.clone();
                let id = PersonId::parse(&key_of(up)).ok_or(AppError::NotFound)?;
                if let Some(s) = people::summary(db, &id).await? {
                    trail.insert(0, s);
                }
            }
            None => break,
        }
    }
    Ok(trail)
}

/// The org unit `manager` is placed in, if any.
async fn manager_unit(db: &Db, manager: &PersonId) -> Result<Option<OrgUnitRef>, AppError> {
    match org_chart::placement(db, &person_rid(manager)).await? {
        Some(p) => org_chart::unit_ref(db, &p.unit).await,
        None => Ok(None),
    }
}
