//! The perception check and the manager's team feedback figures.

use super::repo::perception;
use crate::anonymity::MIN_GROUP;
use crate::error::AppError;
use crate::feedback::model::perception::{CheckQuestions, GapRow, TeamGap};
use crate::feedback::model::{ReportFeedback, TeamFeedback};
use crate::feedback::perception::{gap_views, Fortnight};
use crate::feedback::repo::figures as feedback_stats;
use crate::people::model::{OwnerRef, PersonSummary};
use crate::people::repo as people;
use crate::people::repo::org_chart;
use crate::server::db::Db;
use crate::server::repo::person_rid;
use crate::server::CurrentUser;
use crate::shared::date::{Day, Quarter};
use crate::shared::ids::PersonId;
use surrealdb::types::RecordId;

fn owner(p: &crate::people::model::PersonSummary) -> OwnerRef {
    OwnerRef {
        id: p.id.clone(),
        name: p.name.clone(),
    }
}

/// What the check asks the viewer this fortnight.
pub async fn questions(db: &Db, user: &CurrentUser, today: Day) -> Result<CheckQuestions, AppError> {
    let f = Fortnight::of(today);
    let me = person_rid(&user.id);
    let claims = perception::claims(db, &me, f).await?;
    let reports = people::direct_reports(db, &user.id)
        .await?
        .iter()
        .map(|p| {
            let said = claims.iter().find(|(r, _)| *r == person_rid(&p.id)).map(|(_, g)| *g);
            (owner(p), said)
        })
        .collect();
    let has_manager = !org_chart::managers(db, &me).await?.is_empty();
    Ok(CheckQuestions {
        fortnight: f,
        label: f.label(),
        reports,
        has_manager,
        answered: perception::responded(db, &me, f).await?,
    })
}

/// A manager's answers for their direct reports this fortnight.
pub async fn claim(db: &Db, user: &CurrentUser, today: Day, answers: Vec<(PersonId, bool)>) -> Result<(), AppError> {
    let reports = people::direct_reports(db, &user.id).await?;
    if reports.is_empty() {
        return Err(AppError::Forbidden);
    }
    if answers.is_empty() || answers.len() > reports.len() {
        return Err(AppError::field("reports", "Answer for each of your direct reports."));
    }
    if answers.iter().any(|(p, _)| !reports.iter().any(|r| r.id == *p)) {
        return Err(AppError::field(
            "reports",
            "You can only answer for your own direct reports.",
        ));
    }
    let rows: Vec<(RecordId, bool)> = answers.iter().map(|(p, g)| (person_rid(p), *g)).collect();
    perception::claim(db, &person_rid(&user.id), Fortnight::of(today), &rows).await
}

/// A report's anonymous answer about their manager's feedback.
pub async fn answer(db: &Db, user: &CurrentUser, today: Day, helped: bool) -> Result<(), AppError> {
    let me = person_rid(&user.id);
    let manager = org_chart::managers(db, &me)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::Invalid("You have no manager to answer about.".into()))?;
    if perception::answer(db, &me, &manager, Fortnight::of(today), helped).await? {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "You've already answered for this fortnight. Thank you!".into(),
        ))
    }
}

/// The gap for the last completed fortnight: the viewer's own team and the
/// teams of managers reporting to them, with their total.
pub(crate) async fn gap(
    db: &Db,
    user: &CurrentUser,
    reports: &[PersonSummary],
    today: Day,
) -> Result<TeamGap, AppError> {
    let f = Fortnight::of(today).prev();
    let mut managers: Vec<OwnerRef> = Vec::new();
    let mut counts = Vec::new();
    if !reports.is_empty() {
        let rids: Vec<RecordId> = reports.iter().map(|r| person_rid(&r.id)).collect();
        counts.push(perception::team_counts(db, &person_rid(&user.id), &rids, f).await?);
        managers.push(OwnerRef {
            id: user.id.clone(),
            name: user.name.clone(),
        });
    }
    for r in reports.iter().filter(|r| r.direct_reports > 0) {
        let theirs = people::direct_reports(db, &r.id).await?;
        let rids: Vec<RecordId> = theirs.iter().map(|p| person_rid(&p.id)).collect();
        counts.push(perception::team_counts(db, &person_rid(&r.id), &rids, f).await?);
        managers.push(owner(r));
    }
    let (rows, total) = gap_views(&counts, MIN_GROUP);
    let own = (!reports.is_empty()).then(|| rows[0].clone());
    let teams: Vec<GapRow> = managers
        .into_iter()
        .zip(rows)
        .map(|(manager, view)| GapRow { manager, view })
        .collect();
    let several = teams.len() > 1;
    Ok(TeamGap {
        fortnight: f,
        label: f.label(),
        own,
        teams: if several { teams } else { Vec::new() },
        total: several.then_some(total),
    })
}

/// Feedback figures for each direct report, the manager's acknowledgement
/// rate and usefulness (three ratings or more), and the perception gap.
pub async fn team(db: &Db, user: &CurrentUser, today: Day) -> Result<TeamFeedback, AppError> {
    let reports = people::direct_reports(db, &user.id).await?;
    if reports.is_empty() {
        return Err(AppError::Forbidden);
    }
    let me = person_rid(&user.id);
    let rids: Vec<RecordId> = reports.iter().map(|r| person_rid(&r.id)).collect();
    let since = today.plus_days(-90);
    let cut30 = today.plus_days(-30);
    let counts = feedback_stats::received_counts(db, &rids, &me, since, cut30).await?;
    let day_of = |at: &surrealdb::types::Datetime| crate::server::repo::short_time(at).get(..10).and_then(Day::parse);
    let lines = reports
        .iter()
        .zip(&rids)
        .map(|(r, rid)| {
            let c = counts.iter().find(|c| c.recipient == *rid);
            let n = |f: fn(&feedback_stats::ReceivedCounts) -> i64| c.map(f).unwrap_or(0).max(0) as u32;
            let last = c.and_then(|c| c.last.as_ref()).and_then(day_of);
            ReportFeedback {
                person: owner(r),
                received_30: n(|c| c.received_30),
                received_90: n(|c| c.received_90),
                from_me_30: n(|c| c.from_me_30),
                from_me_90: n(|c| c.from_me_90),
                last_received: last,
                needs_feedback: last.is_none_or(|d| d < cut30),
            }
        })
        .collect();
    let mine = feedback_stats::given_counts(db, &me, since).await?;
    // Usefulness over the last quarter that ended, kept once read: a new
    // rating or a deleted entry cannot move a figure the manager has seen.
    let quarter = Quarter::of(today).prev();
    let useful = feedback_stats::usefulness(db, &me, quarter).await?;
    let shown = useful.rated >= MIN_GROUP as i64;
    let share = |part: i64, whole: i64| (whole > 0).then(|| part as f64 / whole as f64);
    let team_received: i64 = counts.iter().map(|c| c.received_90).sum();
    let team_acked: i64 = counts.iter().map(|c| c.acknowledged).sum();
    Ok(TeamFeedback {
        reports: lines,
        my_ack_rate: share(mine.acknowledged, mine.given),
        usefulness_quarter: quarter,
        my_usefulness: shown.then(|| useful.rating_sum as f64 / useful.rated as f64),
        my_ratings: shown.then_some(useful.rated as u32),
        team_ack_rate: share(team_acked, team_received),
        gap: gap(db, user, &reports, today).await?,
    })
}
