//! HR's organisation view: adoption, quality and outcomes per org unit and
//! per manager, and the leaver / promotion records behind the outcomes.

use super::period;
use crate::dashboards::model::{AdoptionWeek, HrDashboard, HrEventKind, HrEventLine, ManagerTrend, UnitOutcomes};
use crate::dashboards::repo as reads;
use crate::error::AppError;
use crate::people::model::{OrgUnitRef, PersonSummary};
use crate::people::repo as people;
use crate::people::repo::units;
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::CurrentUser;
use crate::shared::date::{Day, Quarter};
use crate::shared::ids::PersonId;
use crate::stats::counters::Counters;
use crate::stats::{counters as stats, repo};
use surrealdb::types::RecordId;

/// HR's view of one org unit and the units directly below it.
pub async fn hr(
    db: &Db,
    user: &CurrentUser,
    unit: Option<String>,
    from: Day,
    to: Day,
) -> Result<HrDashboard, AppError> {
    crate::server::authz::ensure_hr(user)?;
    period(from, to)?;
    let root = match unit {
        Some(u) => units::unit(db, Some(&u)).await?.ok_or_else(|| {
            AppError::Invalid("There is no org unit by that name any more. Pick one from the list.".into())
        })?,
        None => units::unit(db, None).await?.ok_or(AppError::NotFound)?,
    };
    let mut shown = vec![root.clone()];
    shown.extend(units::child_units(db, &root.id).await?);
    let groups: Vec<RecordId> = shown.iter().map(|u| RecordId::new("org_unit", u.id.as_str())).collect();
    let keys: Vec<String> = shown.iter().map(|u| u.id.clone()).collect();
    // Every read below needs only the shown units, so they go together.
    let (weeks, quarters, events, heads, (in_unit, team_weeks), parent) = futures::try_join!(
        repo::group_weeks(db, &groups, stats::week_of(from), to),
        repo::group_goals(db, &groups, Quarter::of(from), Quarter::of(to)),
        reads::hr_events(db, from, to),
        units::headcounts(db, &keys),
        manager_weeks(db, &groups[0], from, to),
        parent_ref(db, root.parent.as_deref()),
    )?;
    let leavers: Vec<RecordId> = events
        .iter()
        .filter(|e| e.kind != HrEventKind::Promoted)
        .map(|e| e.who.clone())
        .collect();
    let scores = crate::reviews::repo::last_manager_scores(db, &leavers).await?;
    let top = |e: &reads::HrEvent| {
        e.kind == HrEventKind::LeftVoluntary
            && scores
                .get(&key_of(&e.who))
                .is_some_and(|s| *s >= crate::reviews::import_check::TOP_PERFORMER)
    };
    let mut units = Vec::new();
    for ((u, g), headcount) in shown.iter().zip(&groups).zip(heads) {
        let (series, total) = adoption(&weeks, g, from, to);
        let q = quarters
            .iter()
            .find(|(who, _)| who == g)
            .map(|(_, q)| *q)
            .unwrap_or_default();
        let of_unit = |kind: HrEventKind| {
            events
                .iter()
                .filter(|e| e.kind == kind && e.units.contains(&u.id))
                .count() as u32
        };
        units.push(UnitOutcomes {
            unit: u.reference(),
            weeks: series,
            mean_quality: total.mean_quality(),
            bare_share: total.bare_share(),
            smart_share: q.smart_share(),
            achievement: q.achievement(),
            goals: q.goals,
            headcount,
            voluntary_leavers: of_unit(HrEventKind::LeftVoluntary),
            top_performer_leavers: events.iter().filter(|e| top(e) && e.units.contains(&u.id)).count() as u32,
            promotions: of_unit(HrEventKind::Promoted),
        });
    }
    let managers = in_unit
        .into_iter()
        .map(|manager| {
            let (weeks, total) = adoption(&team_weeks, &person_rid(&manager.id), from, to);
            ManagerTrend {
                manager,
                weeks,
                mean_quality: total.mean_quality(),
                bare_share: total.bare_share(),
            }
        })
        .collect();
    Ok(HrDashboard {
        unit: root.reference(),
        parent,
        from,
        to,
        units,
        managers,
        events: events
            .into_iter()
            .filter(|e| e.units.contains(&root.id))
            .map(|e| HrEventLine {
                last_review: (e.kind != HrEventKind::Promoted)
                    .then(|| scores.get(&key_of(&e.who)).copied())
                    .flatten(),
                person: e.person,
                kind: e.kind,
                day: e.day,
                reason: e.reason,
            })
            .collect(),
    })
}

/// The managers placed in `unit` and their teams' weeks over the period.
async fn manager_weeks(
    db: &Db,
    unit: &RecordId,
    from: Day,
    to: Day,
) -> Result<(Vec<PersonSummary>, Vec<repo::Row>), AppError> {
    let in_unit = people::managers_in_unit(db, unit).await?;
    let teams: Vec<RecordId> = in_unit.iter().map(|m| person_rid(&m.id)).collect();
    let weeks = repo::group_weeks(db, &teams, stats::week_of(from), to).await?;
    Ok((in_unit, weeks))
}

async fn parent_ref(db: &Db, parent: Option<&str>) -> Result<Option<OrgUnitRef>, AppError> {
    match parent {
        Some(p) => Ok(units::unit(db, Some(p)).await?.map(|p| p.reference())),
        None => Ok(None),
    }
}

/// One group's weekly adoption over the period, and its totals.
fn adoption(rows: &[repo::Row], group: &RecordId, from: Day, to: Day) -> (Vec<AdoptionWeek>, Counters) {
    let mine: Vec<(Day, Counters)> = rows
        .iter()
        .filter(|(who, _, _)| who == group)
        .map(|(_, d, c)| (*d, *c))
        .collect();
    let span = (stats::week_of(from).days_until(stats::week_of(to)) / 7 + 1) as usize;
    let mut total = Counters::default();
    let weeks = stats::weekly(&mine, to, span)
        .into_iter()
        .map(|(week, c)| {
            total.add(&c);
            AdoptionWeek {
                week,
                feedback: c.fb_given,
                checkins: c.checkins,
                coaching: c.coaching,
                one_on_ones: c.one_on_ones,
            }
        })
        .collect();
    (weeks, total)
}

/// Records a leaver or a promotion. A leaver is marked as left that day.
pub async fn record_event(
    db: &Db,
    user: &CurrentUser,
    person: &PersonId,
    kind: HrEventKind,
    day: Day,
    reason: &str,
    today: Day,
) -> Result<(), AppError> {
    crate::server::authz::ensure_hr(user)?;
    if day > today {
        return Err(AppError::Invalid(
            "That day is in the future: record it once it has happened.".into(),
        ));
    }
    if today.days_until(day) < -3650 {
        return Err(AppError::Invalid("That day is more than ten years ago.".into()));
    }
    let reason = reason.trim();
    if reason.chars().count() > 500 {
        return Err(AppError::Invalid("Keep the reason under 500 characters.".into()));
    }
    if !people::exists(db, person).await? {
        return Err(AppError::Invalid(
            "There is no such person. Pick someone from the list.".into(),
        ));
    }
    reads::record_hr_event(
        db,
        &person_rid(person),
        kind.as_str(),
        &day.to_string(),
        reason,
        &person_rid(&user.id),
    )
    .await?;
    // A leaver's access ends now: sessions, live streams and sign-in.
    if kind.is_leaver() {
        crate::auth::service::close_account(db, person).await?;
    }
    Ok(())
}
