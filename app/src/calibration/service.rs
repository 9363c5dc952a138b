//! Calibration of one cycle, for calibrators: HR for everyone, a skip-level
//! leader for the people below them. Nobody calibrates their own rating.
//! The view carries no demographic data; the bias flags beside it are cut
//! to the viewer as everywhere (`bias_service`).

#[cfg(test)]
mod tests;

use crate::bias::model::BiasReport;
use crate::bias::repo as stored;
use crate::bias::service::{cycle_by_key, report_within};
use crate::calibration::model::{CalibrationRow, CalibrationView, ManagerDistribution};
use crate::calibration::repo;
use crate::calibration::repo::{Adjust, Calibrated, Line};
use crate::calibration::rules::{check_adjustment, distribution, nine_box, performance};
use crate::error::AppError;
use crate::people::model::{OrgUnitRef, OwnerRef, Role};
use crate::people::repo as people;
use crate::reviews::repo::cycles as review_cycles;
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::CurrentUser;
use crate::shared::ids::PersonId;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Whose ratings the viewer calibrates: `None` for everyone (HR).
async fn calibrates(db: &Db, user: &CurrentUser) -> Result<Option<HashSet<String>>, AppError> {
    if user.is_hr {
        Ok(None)
    } else if user.role == Role::SkipLevel {
        Ok(Some(
            people::subtree_ids(db, &user.id).await?.iter().map(key_of).collect(),
        ))
    } else {
        Err(AppError::Forbidden)
    }
}

fn owner(id: &surrealdb::types::RecordId, name: &str) -> OwnerRef {
    OwnerRef {
        id: PersonId::parse(&key_of(id)).unwrap_or_else(|| PersonId::parse("unknown").expect("valid")),
        name: name.to_owned(),
    }
}

fn row(l: &Line, c: Option<&Calibrated>) -> CalibrationRow {
    let competencies = stored::competencies(&l.ratings);
    CalibrationRow {
        ratee: owner(&l.ratee, &l.ratee_name),
        manager: owner(&l.manager, &l.manager_name),
        original: c
            .and_then(|c| c.original.and_then(stored::rating))
            .or_else(|| performance(l.overall.and_then(stored::rating), &competencies)),
        calibrated: c.and_then(|c| stored::rating(c.rating)),
        potential: c.and_then(|c| c.potential.and_then(stored::rating)),
        reason: c.map(|c| c.reason.clone()).unwrap_or_default(),
        by: c.map(|c| c.by.clone()),
        at: c.map(|c| c.at.clone()),
    }
}

/// One person being calibrated, with what the view and the export need
/// beyond the row.
struct Entry {
    email: String,
    /// Keys of the person's unit and the units above it, nearest first.
    units: Vec<String>,
    row: CalibrationRow,
}

/// The people in `scope` (`None`: everyone).
async fn entries(
    db: &Db,
    scope: Option<&HashSet<String>>,
    cycle: &surrealdb::types::RecordId,
) -> Result<Vec<Entry>, AppError> {
    let (lines, calibrated) = repo::lines(db, cycle).await?;
    let by_ratee: HashMap<String, &Calibrated> = calibrated.iter().map(|c| (key_of(&c.ratee), c)).collect();
    Ok(lines
        .iter()
        .filter(|l| scope.is_none_or(|s| s.contains(&key_of(&l.ratee))))
        .map(|l| Entry {
            email: l.ratee_email.clone(),
            units: l.units.iter().map(key_of).collect(),
            row: row(l, by_ratee.get(&key_of(&l.ratee)).copied()),
        })
        .collect())
}

/// The units holding someone in `entries`, widest first, then by name.
fn held_units(all: Vec<OrgUnitRef>, entries: &[Entry]) -> Vec<OrgUnitRef> {
    let held: HashSet<&str> = entries
        .iter()
        .flat_map(|e| e.units.iter().map(String::as_str))
        .collect();
    let rank = |kind: &str| match kind {
        "company" => 0,
        "department" => 1,
        _ => 2,
    };
    let mut units: Vec<OrgUnitRef> = all.into_iter().filter(|u| held.contains(u.id.as_str())).collect();
    units.sort_by(|a, b| rank(&a.kind).cmp(&rank(&b.kind)).then_with(|| a.name.cmp(&b.name)));
    units
}

/// Cuts `entries` to `unit` (empty: no cut). A unit the viewer holds nobody
/// in is an error that says so, not an empty page.
fn cut(entries: Vec<Entry>, units: &[OrgUnitRef], unit: &str) -> Result<(Option<OrgUnitRef>, Vec<Entry>), AppError> {
    if unit.is_empty() {
        return Ok((None, entries));
    }
    let Some(chosen) = units.iter().find(|u| u.id == unit) else {
        return Err(AppError::field(
            "unit",
            "Nobody you calibrate in this cycle sits in that unit. Choose one from the list.",
        ));
    };
    let inside = entries
        .into_iter()
        .filter(|e| e.units.iter().any(|u| u == unit))
        .collect();
    Ok((Some(chosen.clone()), inside))
}

/// The people in `scope` cut to `unit` (empty: no cut), with the units the
/// viewer can cut to and the one chosen: what the view and the export share.
async fn shown(
    db: &Db,
    scope: Option<&HashSet<String>>,
    cycle: &surrealdb::types::RecordId,
    unit: &str,
) -> Result<(Vec<OrgUnitRef>, Option<OrgUnitRef>, Vec<Entry>), AppError> {
    let all = entries(db, scope, cycle).await?;
    let units = held_units(review_cycles::units(db).await?, &all);
    let (chosen, inside) = cut(all, &units, unit)?;
    Ok((units, chosen, inside))
}

/// Keeps the flags that concern the people shown: raters who manage or are
/// among them, and group gaps in the chosen unit or a unit below it.
fn flags_within(bias: &mut BiasReport, entries: &[Entry], units: &[OrgUnitRef], unit: &str) {
    let people: HashSet<&PersonId> = entries
        .iter()
        .flat_map(|e| [&e.row.ratee.id, &e.row.manager.id])
        .collect();
    let below: HashSet<&str> = entries
        .iter()
        .flat_map(|e| {
            let depth = e.units.iter().position(|u| u == unit).map_or(0, |i| i + 1);
            e.units[..depth].iter()
        })
        .filter_map(|k| units.iter().find(|u| &u.id == k).map(|u| u.name.as_str()))
        .collect();
    bias.flags.retain(|f| match (&f.rater, &f.unit) {
        (Some(r), _) => people.contains(&r.id),
        (None, Some(u)) => below.contains(u.as_str()),
        (None, None) => false,
    });
}

/// The cycles a calibrator may open, latest first, as (key, name); none
/// for anyone who calibrates nobody, so every reviews page can ask.
pub async fn cycles(db: &Db, user: &CurrentUser) -> Result<Vec<(String, String)>, AppError> {
    if !user.is_hr && user.role != Role::SkipLevel {
        return Ok(Vec::new());
    }
    Ok(stored::cycles(db)
        .await?
        .into_iter()
        .map(|c| (key_of(&c.id), c.name))
        .collect())
}

/// Most people the view lists without a unit. A whole company of
/// thousands is cut to a unit to adjust; the distributions still count
/// everyone.
pub const LIST_MAX: usize = 500;

/// The rows to list: all of them up to `max`, else only those already
/// calibrated (they hold the 9-box, since potential comes with an
/// adjustment), with the number left out.
fn listed(rows: Vec<CalibrationRow>, max: usize) -> (Vec<CalibrationRow>, u32) {
    if rows.len() <= max {
        return (rows, 0);
    }
    let total = rows.len();
    let kept: Vec<CalibrationRow> = rows.into_iter().filter(|r| r.calibrated.is_some()).collect();
    let left = u32::try_from(total - kept.len()).unwrap_or(u32::MAX);
    (kept, left)
}

pub async fn view(db: &Db, user: &CurrentUser, cycle: &str, unit: &str) -> Result<CalibrationView, AppError> {
    // Who may calibrate is decided before whether the cycle exists.
    let scope = calibrates(db, user).await?;
    let cycle = cycle_by_key(db, cycle).await?;
    let (units, chosen, shown) = shown(db, scope.as_ref(), &cycle.id, unit).await?;
    let mut bias = report_within(db, user, cycle.clone(), scope).await?;
    if chosen.is_some() {
        flags_within(&mut bias, &shown, &units, unit);
    }
    let rows: Vec<CalibrationRow> = shown.into_iter().map(|e| e.row).collect();
    let mut by_manager: BTreeMap<(String, String), (OwnerRef, Vec<u8>)> = BTreeMap::new();
    for r in &rows {
        let e = by_manager
            .entry((r.manager.name.clone(), r.manager.id.to_string()))
            .or_insert_with(|| (r.manager.clone(), Vec::new()));
        e.1.extend(r.original);
    }
    let managers = by_manager
        .into_values()
        .map(|(manager, ratings)| ManagerDistribution {
            manager,
            counts: distribution(ratings),
        })
        .collect();
    let (rows, unlisted) = if chosen.is_some() {
        (rows, 0)
    } else {
        listed(rows, LIST_MAX)
    };
    Ok(CalibrationView {
        cycle: key_of(&cycle.id),
        cycle_name: cycle.name,
        unit: chosen,
        units,
        rows,
        unlisted,
        managers,
        bias,
    })
}

/// Adjusts one person's rating (and potential) with a reason.
pub async fn adjust(
    db: &Db,
    user: &CurrentUser,
    cycle: &str,
    ratee: &str,
    rating: &str,
    potential: &str,
    reason: &str,
) -> Result<(), AppError> {
    let scope = calibrates(db, user).await?;
    let cycle = cycle_by_key(db, cycle).await?;
    let ratee = PersonId::parse(ratee).ok_or(AppError::NotFound)?;
    if ratee == user.id {
        return Err(AppError::Forbidden);
    }
    if scope.is_some_and(|s| !s.contains(ratee.as_str())) {
        return Err(AppError::Forbidden);
    }
    let (rating, potential, reason) = check_adjustment(rating, potential, reason).map_err(AppError::InvalidFields)?;
    let ratee = person_rid(&ratee);
    let Some((overall, ratings)) = repo::manager_review(db, &cycle.id, &ratee).await? else {
        return Err(AppError::field(
            "rating",
            "This person has no submitted manager review in this cycle to calibrate.",
        ));
    };
    let competencies = stored::competencies(&ratings);
    repo::adjust(
        db,
        &cycle.id,
        &ratee,
        Adjust {
            original: performance(overall.and_then(stored::rating), &competencies),
            rating,
            potential,
            reason,
            by: person_rid(&user.id),
        },
    )
    .await?;
    tell_manager(db, user, &cycle.id, &cycle.name, &ratee).await;
    Ok(())
}

/// Tells the ratee's manager (unless they made the change) that a report's
/// calibrated rating changed; the figures stay on the calibration page.
async fn tell_manager(
    db: &Db,
    user: &CurrentUser,
    cycle: &surrealdb::types::RecordId,
    cycle_name: &str,
    ratee: &surrealdb::types::RecordId,
) {
    let Ok(managers) = crate::people::repo::org_chart::managers(db, ratee).await else {
        return;
    };
    let Some(id) = PersonId::parse(&key_of(ratee)) else {
        return;
    };
    let (Some(manager), Ok(Some(who))) = (managers.first(), people::summary(db, &id).await) else {
        return;
    };
    if *manager == person_rid(&user.id) {
        return;
    }
    let note = crate::notify::service::Note {
        to: manager.clone(),
        kind: crate::notify::model::Kind::Calibration,
        occasion: format!(
            "calibration:{}:{}:{}",
            key_of(cycle),
            key_of(ratee),
            crate::server::repo::new_key("x")
        ),
        text: format!("{} calibrated {}'s rating in {cycle_name}", user.name, who.name),
        link: "/reviews".into(),
        subject: format!("results:{}", key_of(cycle)),
    };
    crate::notify::service::tell(db, vec![note]).await;
}

pub const EXPORT_COLUMNS: [&str; 10] = [
    "ratee_email",
    "ratee",
    "manager",
    "original_rating",
    "calibrated_rating",
    "potential",
    "nine_box",
    "reason",
    "calibrated_by",
    "calibrated_at",
];

/// The calibration as CSV: the original and calibrated ratings side by
/// side, with who, when and why.
pub async fn export(db: &Db, user: &CurrentUser, cycle: &str, unit: &str) -> Result<(String, String), AppError> {
    let scope = calibrates(db, user).await?;
    let cycle = cycle_by_key(db, cycle).await?;
    let (_, _, shown) = shown(db, scope.as_ref(), &cycle.id, unit).await?;
    let mut w = crate::server::csv::CsvFile::new(&EXPORT_COLUMNS)?;
    let n = |x: Option<u8>| x.map(|x| x.to_string()).unwrap_or_default();
    for Entry { email, row: r, .. } in shown {
        let rating = r.calibrated.or(r.original);
        let grid = match (rating, r.potential) {
            (Some(p), Some(q)) => nine_box(p, q),
            _ => "",
        };
        w.row(&[
            email.as_str(),
            &r.ratee.name,
            &r.manager.name,
            &n(r.original),
            &n(r.calibrated),
            &n(r.potential),
            grid,
            &r.reason,
            r.by.as_deref().unwrap_or(""),
            r.at.as_deref().unwrap_or(""),
        ])?;
    }
    Ok((cycle.name, w.finish()?))
}
