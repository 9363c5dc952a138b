//! The bias analysis of one review cycle, and who sees which of its flags:
//! HR every flag; a skip-level leader the raters in their part of the
//! organisation; anyone else only their own patterns, as private coaching.
//! Group gaps are for HR only, in aggregate, for groups of at least
//! `MIN_SHOWN_GROUP` people. Flags are decision support; nothing here
//! changes a rating.

mod load;
#[cfg(test)]
mod tests;
pub mod tuning;

use crate::bias::analysis::coaching::coaching;
use crate::bias::analysis::{analyse, Dataset, Flag, Outcome, Report, Subject, Thresholds};
use crate::bias::model::{BiasFlag, BiasReport, BiasScope};
use crate::bias::repo;
use crate::bias::repo::CycleRef;
use crate::error::AppError;
use crate::people::model::{OwnerRef, Role};
use crate::people::repo as people;
use crate::reviews::repo::cycles::cycle_rid;
use crate::server::db::Db;
use crate::server::repo::{key_of, person_rid};
use crate::server::CurrentUser;
use crate::shared::ids::PersonId;
use std::collections::HashSet;
use surrealdb::types::RecordId;

/// Smallest group HR is ever shown a gap for, whatever the thresholds say.
pub const MIN_SHOWN_GROUP: usize = 5;

/// A cycle's data and the detectors' answers over it.
pub struct Analysis {
    pub cycle: CycleRef,
    /// Record id of each `data.people` entry.
    pub ids: Vec<RecordId>,
    pub data: Dataset,
    pub report: Report,
}

/// The thresholds a cycle is analysed with; group sizes never go below
/// `MIN_SHOWN_GROUP`.
pub fn effective(mut t: Thresholds) -> Thresholds {
    t.group_gap.min_n = t.group_gap.min_n.max(MIN_SHOWN_GROUP);
    t
}

/// Loads the cycle's data and runs every detector over it.
pub async fn analyse_cycle(db: &Db, cycle: CycleRef, t: &Thresholds) -> Result<Analysis, AppError> {
    let (ids, data) = load::dataset(db, &cycle).await?;
    let report = analyse(&data, &effective(*t));
    Ok(Analysis {
        cycle,
        ids,
        data,
        report,
    })
}

/// Whose flags a viewer sees, and the people that covers.
enum Reach {
    Everyone,
    /// Record keys of everyone below the viewer.
    Subtree(HashSet<String>),
    Own,
}

async fn reach(db: &Db, user: &CurrentUser) -> Result<Reach, AppError> {
    Ok(if user.is_hr {
        Reach::Everyone
    } else if user.role == Role::SkipLevel {
        Reach::Subtree(people::subtree_ids(db, &user.id).await?.iter().map(key_of).collect())
    } else {
        Reach::Own
    })
}

/// A cycle by the key the app uses: a Tend cycle's id, or "import:" and an
/// imported cycle's name (at most 120 characters). Anything else is no cycle.
pub async fn cycle_by_key(db: &Db, cycle: &str) -> Result<CycleRef, AppError> {
    if cycle.is_empty() || cycle.len() > 200 || cycle.chars().any(char::is_control) {
        return Err(AppError::NotFound);
    }
    repo::cycle(db, &cycle_rid(cycle)).await?.ok_or(AppError::NotFound)
}

/// The cycle's flags the signed-in viewer may see (cycle by key).
pub async fn report(db: &Db, user: &CurrentUser, cycle: &str) -> Result<BiasReport, AppError> {
    let cycle = cycle_by_key(db, cycle).await?;
    report_for(db, Some(user), cycle).await
}

/// The same by cycle name, for `tend bias-report`: as `user` when given,
/// else as the operator, who sees everything.
pub async fn report_named(db: &Db, user: Option<&CurrentUser>, cycle: &str) -> Result<BiasReport, AppError> {
    let cycle = repo::cycle_named(db, cycle).await?.ok_or(AppError::NotFound)?;
    report_for(db, user, cycle).await
}

async fn report_for(db: &Db, user: Option<&CurrentUser>, cycle: CycleRef) -> Result<BiasReport, AppError> {
    let reach = match user {
        Some(u) => reach(db, u).await?,
        None => Reach::Everyone,
    };
    analysed(db, user, cycle, &reach).await
}

/// The same for a viewer whose reach the caller has already read: `None`
/// for everyone (HR), else the record keys of the people below them. Saves
/// calibration a second read of the viewer's subtree.
pub(crate) async fn report_within(
    db: &Db,
    user: &CurrentUser,
    cycle: CycleRef,
    below: Option<HashSet<String>>,
) -> Result<BiasReport, AppError> {
    let reach = below.map_or(Reach::Everyone, Reach::Subtree);
    analysed(db, Some(user), cycle, &reach).await
}

/// Plain viewers (their own patterns only) run one analysis at a time. Any
/// employee may ask, and each report costs the whole cycle's analysis, so
/// a flood of such requests takes one core at most (issue 22).
static OWN_ANALYSES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

async fn analysed(db: &Db, user: Option<&CurrentUser>, cycle: CycleRef, reach: &Reach) -> Result<BiasReport, AppError> {
    let me = user.map(|u| person_rid(&u.id));
    let _turn = match (reach, &me) {
        (Reach::Own, Some(me)) => {
            // Someone who rated nobody in the cycle has no patterns: no analysis.
            if !repo::rated_in(db, &cycle.id, me).await? {
                return Ok(BiasReport {
                    cycle: cycle.name,
                    scope: BiasScope::Own,
                    not_enough_data: None,
                    raters: 0,
                    flags: Vec::new(),
                });
            }
            Some(OWN_ANALYSES.acquire().await.map_err(AppError::internal)?)
        }
        _ => None,
    };
    let a = analyse_cycle(db, cycle, &tuning::thresholds(db).await?).await?;
    Ok(visible(&a, reach, me.as_ref()))
}

fn rater_ref(a: &Analysis, person: usize) -> Option<OwnerRef> {
    Some(OwnerRef {
        id: PersonId::parse(&key_of(a.ids.get(person)?))?,
        name: a.data.people.get(person)?.name.clone(),
    })
}

fn wire(a: &Analysis, f: &Flag, explanation: String) -> BiasFlag {
    let (rater, group, unit) = match &f.subject {
        Subject::Rater { person, .. } => (rater_ref(a, *person), None, None),
        Subject::Group { unit, attribute, value } => {
            (None, Some(format!("{unit}: {attribute} {value}")), Some(unit.clone()))
        }
    };
    BiasFlag {
        kind: f.kind.as_str().to_owned(),
        rater,
        group,
        unit,
        effect: f.effect,
        p_value: f.p_value,
        n: f.n as u32,
        min_n: f.min_n as u32,
        explanation,
    }
}

/// Cuts the analysis to what `reach` covers. The viewer's own flags are
/// always theirs to see, and always worded as coaching unless they are HR.
fn visible(a: &Analysis, reach: &Reach, me: Option<&RecordId>) -> BiasReport {
    let mine = |p: usize| me.is_some_and(|m| a.ids.get(p) == Some(m));
    let covers = |p: usize| match reach {
        Reach::Everyone => true,
        Reach::Subtree(keys) => mine(p) || a.ids.get(p).is_some_and(|id| keys.contains(&key_of(id))),
        Reach::Own => mine(p),
    };
    let mut flags = Vec::new();
    let mut raters = 0;
    for r in a.report.raters.iter().filter(|r| covers(r.person)) {
        raters += 1;
        for (_, o) in &r.outcomes {
            if let Outcome::Flag(f) = o {
                let own_coaching = mine(r.person) && !matches!(reach, Reach::Everyone);
                let text = if own_coaching {
                    coaching(f)
                } else {
                    f.explanation.clone()
                };
                flags.push(wire(a, f, text));
            }
        }
    }
    if matches!(reach, Reach::Everyone) {
        flags.extend(a.report.group_gaps.iter().map(|f| wire(a, f, f.explanation.clone())));
    }
    BiasReport {
        cycle: a.cycle.name.clone(),
        scope: match reach {
            Reach::Everyone => BiasScope::Everyone,
            Reach::Subtree(_) => BiasScope::Subtree,
            Reach::Own => BiasScope::Own,
        },
        not_enough_data: a.report.not_enough_data.clone(),
        raters,
        flags,
    }
}
