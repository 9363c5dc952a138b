//! Review cycles run in Tend: the reviews they assign, each reviewer's list
//! and HR's cycle table. Templates are in `review_templates`, drafts in
//! `review_drafts`.

use super::cycle_info::NewCycle;
use crate::error::AppError;
use crate::reviews::model::ReviewKind;
use crate::reviews::rules::CyclePlan;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of};
use crate::shared::date::Day;
use surrealdb::types::{Array, RecordId, SurrealValue, Value};

/// Reviews written per statement when a cycle starts.
const BATCH: usize = 2_000;

pub fn cycle_rid(key: &str) -> RecordId {
    RecordId::new("review_cycle", key)
}

pub fn review_rid(cycle: &RecordId, ratee: &RecordId, reviewer: &RecordId, kind: ReviewKind) -> RecordId {
    RecordId::new(
        "review",
        Array::from(vec![
            Value::RecordId(cycle.clone()),
            Value::RecordId(ratee.clone()),
            Value::RecordId(reviewer.clone()),
            Value::String(kind.as_str().to_owned()),
        ]),
    )
}

/// A person with the unit and manager their reviews are counted under.
#[derive(Debug, Clone, SurrealValue)]
pub struct Placed {
    pub id: RecordId,
    pub unit: RecordId,
    pub manager: Option<RecordId>,
    /// Whether they have reports of their own.
    pub manages: bool,
}

/// People taking part: everyone not yet left in `unit` and the units below
/// it (the whole organisation without a unit), each with their unit and manager.
pub async fn participants(db: &Db, unit: Option<&RecordId>) -> Result<Vec<Placed>, AppError> {
    let mut res = match unit {
        None => db.query(
            "SELECT id, org_unit AS unit, (->reports_to->person)[0] AS manager, array::len(<-reports_to) > 0 AS manages
             FROM person WHERE left_on = NONE",
        ),
        Some(u) => db
            .query(
                "LET $units = SELECT VALUE id FROM org_unit
                    WHERE $u IN [id, parent, parent.parent, parent.parent.parent, parent.parent.parent.parent];
                 SELECT id, org_unit AS unit, (->reports_to->person)[0] AS manager, array::len(<-reports_to) > 0 AS manages
                    FROM person WHERE left_on = NONE AND org_unit IN $units;",
            )
            .bind(("u", u.clone())),
    }
    .await
    .map_err(db_err)?;
    res.take(if unit.is_some() { 1 } else { 0 }).map_err(db_err)
}

/// The unit and manager of each of `people`.
pub async fn placed(db: &Db, people: Vec<RecordId>) -> Result<Vec<Placed>, AppError> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut res = db
        .query("SELECT id, org_unit AS unit, (->reports_to->person)[0] AS manager, array::len(<-reports_to) > 0 AS manages FROM $people")
        .bind(("people", people))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// A review a new cycle assigns, with where its ratee stands.
pub struct PlannedReview {
    pub ratee: Placed,
    pub reviewer: RecordId,
    pub kind: ReviewKind,
}

#[derive(SurrealValue)]
struct NewReview {
    id: RecordId,
    cycle: RecordId,
    ratee: RecordId,
    reviewer: RecordId,
    kind: String,
    status: String,
    period_to: String,
    due: String,
    ratee_unit: RecordId,
    ratee_manager: Option<RecordId>,
}

/// Creates a cycle and a draft review for each (ratee, reviewer, kind).
/// The cycle is created first, so a second cycle of the same name is refused
/// before any review is written; the reviews follow in batches.
pub async fn create_cycle(
    db: &Db,
    key: &str,
    plan: &CyclePlan,
    template: RecordId,
    unit: Option<RecordId>,
    reviews: &[PlannedReview],
) -> Result<(), AppError> {
    let cycle = cycle_rid(key);
    let row = NewCycle {
        id: cycle.clone(),
        name: plan.name.clone(),
        period_from: plan.from.to_string(),
        period_to: plan.to.to_string(),
        kinds: plan.kinds.iter().map(|k| k.as_str().to_owned()).collect(),
        source: "tend".into(),
        template: Some(template),
        write_due: Some(plan.write_due.to_string()),
        unit,
        anonymity: Some(i64::from(plan.anonymity)),
        nominate_due: Some(plan.nominate_due.to_string()),
        share_due: plan.share_due.map(|d| d.to_string()),
        calibration: Some(plan.calibration),
    };
    if name_taken(db, &plan.name).await? {
        return Err(AppError::Invalid(format!(
            "There is already a cycle called “{}”. Pick another name.",
            plan.name
        )));
    }
    // The unique name index still refuses a cycle started at the same moment.
    exec(db.query("CREATE review_cycle CONTENT $c RETURN NONE").bind(("c", row))).await?;
    for chunk in reviews.chunks(BATCH) {
        let rows: Vec<NewReview> = chunk
            .iter()
            .map(|r| NewReview {
                id: review_rid(&cycle, &r.ratee.id, &r.reviewer, r.kind),
                cycle: cycle.clone(),
                ratee: r.ratee.id.clone(),
                reviewer: r.reviewer.clone(),
                kind: r.kind.as_str().to_owned(),
                status: "draft".into(),
                period_to: plan.to.to_string(),
                due: plan.write_due.to_string(),
                ratee_unit: r.ratee.unit.clone(),
                ratee_manager: r.ratee.manager.clone(),
            })
            .collect();
        exec(db.query("INSERT INTO review $rows RETURN NONE").bind(("rows", rows))).await?;
    }
    // The reviews' tallies (see 0012_review_progress.surql), counted here.
    let mut tallies: Vec<NewTally> = Vec::new();
    // RecordId is not a map key; (table:key, kind) text is.
    let mut at: std::collections::HashMap<(String, &str), usize> = std::collections::HashMap::new();
    for r in reviews {
        let owners = [
            ("unit", Some(&r.ratee.unit)),
            ("manager", r.ratee.manager.as_ref()),
            ("cycle", Some(&cycle)),
        ];
        for (by, owner) in owners {
            let Some(owner) = owner else { continue };
            // Units and managers also have a summary row over every kind (0018).
            let summary = (by != "cycle").then_some("all");
            for kind in std::iter::once(r.kind.as_str()).chain(summary) {
                let slot = (format!("{}:{}", owner.table.as_str(), key_of(owner)), kind);
                match at.get(&slot) {
                    Some(&i) => tallies[i].count_one(),
                    None => {
                        at.insert(slot, tallies.len());
                        tallies.push(NewTally {
                            id: RecordId::new(
                                "review_tally",
                                Array::from(vec![
                                    Value::RecordId(cycle.clone()),
                                    Value::RecordId(owner.clone()),
                                    Value::String(kind.to_owned()),
                                ]),
                            ),
                            cycle: cycle.clone(),
                            by: by.to_owned(),
                            owner: owner.clone(),
                            kind: kind.to_owned(),
                            expected: 1,
                            submitted: 0,
                            rank: -1,
                        });
                    }
                }
            }
        }
    }
    for chunk in tallies.chunks(BATCH) {
        exec(
            db.query("INSERT INTO review_tally $rows RETURN NONE")
                .bind(("rows", chunk.to_vec())),
        )
        .await?;
    }
    // Names kept on the rows (0016), so the progress view looks none up.
    exec(
        db.query("UPDATE review_tally SET owner_name = owner.name ?? '' WHERE cycle = $c RETURN NONE")
            .bind(("c", cycle.clone())),
    )
    .await?;
    Ok(())
}

#[derive(Clone, SurrealValue)]
struct NewTally {
    id: RecordId,
    cycle: RecordId,
    by: String,
    owner: RecordId,
    kind: String,
    expected: i64,
    submitted: i64,
    /// Minus the missing count: the progress view's order (0018).
    rank: i64,
}

impl NewTally {
    fn count_one(&mut self) {
        self.expected += 1;
        self.rank -= 1;
    }
}

async fn name_taken(db: &Db, name: &str) -> Result<bool, AppError> {
    let mut res = db
        .query("RETURN count(SELECT id FROM review_cycle WHERE name = $n) > 0")
        .bind(("n", name.to_owned()))
        .await
        .map_err(db_err)?;
    Ok(res.take::<Option<bool>>(0).map_err(db_err)?.unwrap_or(false))
}

/// The reviews a person is to write in cycles run in Tend, newest first.
pub async fn tasks(db: &Db, reviewer: &RecordId) -> Result<Vec<crate::reviews::model::form::ReviewTask>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        cycle: RecordId,
        cycle_name: String,
        ratee: RecordId,
        ratee_name: String,
        kind: String,
        status: String,
        due: Option<String>,
        peers: bool,
    }
    let mut res = db
        .query(
            "SELECT cycle, cycle.name AS cycle_name, ratee, ratee.name AS ratee_name, kind, status, due,
                    'peer' IN cycle.kinds AS peers
             FROM review WHERE reviewer = $p AND cycle.source = 'tend' ORDER BY period_to DESC, kind, ratee_name",
        )
        .bind(("p", reviewer.clone()))
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(crate::reviews::model::form::ReviewTask {
                review: crate::reviews::model::ReviewRef {
                    cycle: key_of(&r.cycle),
                    ratee: key_of(&r.ratee),
                    kind: ReviewKind::parse(&r.kind)?,
                },
                cycle_name: r.cycle_name,
                ratee: r.ratee_name,
                submitted: r.status == "submitted",
                due: r.due.as_deref().and_then(Day::parse)?,
                peers: r.peers,
            })
        })
        .collect())
}

/// A cycle's last day, as stored.
pub async fn period_to(db: &Db, cycle: &RecordId) -> Result<String, AppError> {
    let mut res = db
        .query("RETURN $c.period_to")
        .bind(("c", cycle.clone()))
        .await
        .map_err(db_err)?;
    res.take::<Option<String>>(0).map_err(db_err)?.ok_or(AppError::NotFound)
}

/// Every org unit by name, for choosing who takes part in a cycle.
pub async fn units(db: &Db) -> Result<Vec<crate::people::model::OrgUnitRef>, AppError> {
    #[derive(SurrealValue)]
    struct R {
        id: RecordId,
        name: String,
        kind: String,
    }
    let mut res = db
        .query("SELECT id, name, kind FROM org_unit ORDER BY name")
        .await
        .map_err(db_err)?;
    let rows: Vec<R> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|r| crate::people::model::OrgUnitRef {
            id: key_of(&r.id),
            name: r.name,
            kind: r.kind,
        })
        .collect())
}
