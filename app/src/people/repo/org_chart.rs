//! Where people sit in the org chart, as goal rules need it: their unit and
//! its head, the units above, and the managers above.

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::db_err;
use surrealdb::types::{RecordId, SurrealValue};

/// Where a person sits: their unit, its kind, and their manager's unit.
#[derive(Debug, Clone, SurrealValue)]
pub struct Placement {
    pub unit: RecordId,
    pub unit_kind: String,
    pub manager: Option<RecordId>,
    pub manager_unit: Option<RecordId>,
}

impl Placement {
    /// Heads lead their unit: they are in it and their manager is not.
    pub fn is_head(&self) -> bool {
        self.manager_unit.as_ref() != Some(&self.unit)
    }
}

pub async fn placement(db: &Db, person: &RecordId) -> Result<Option<Placement>, AppError> {
    let mut res = db
        .query(
            "SELECT org_unit AS unit, org_unit.kind AS unit_kind, (->reports_to->person)[0] AS manager,
                    (->reports_to->person.org_unit)[0] AS manager_unit FROM ONLY $p",
        )
        .bind(("p", person.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// A unit and the units above it (org units are at most five deep: the
/// people import's limit).
pub async fn unit_chain(db: &Db, unit: &RecordId) -> Result<Vec<RecordId>, AppError> {
    let mut res = db
        .query("RETURN [$u, $u.parent, $u.parent.parent, $u.parent.parent.parent, $u.parent.parent.parent.parent]")
        .bind(("u", unit.clone()))
        .await
        .map_err(db_err)?;
    let chain: Vec<Option<RecordId>> = res.take(0).map_err(db_err)?;
    Ok(chain.into_iter().flatten().collect())
}

/// A person's managers, nearest first.
pub async fn managers(db: &Db, person: &RecordId) -> Result<Vec<RecordId>, AppError> {
    let mut res = db
        .query("RETURN $p.{1..32+collect}->reports_to->person")
        .bind(("p", person.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

#[derive(SurrealValue)]
struct UnitRow {
    id: RecordId,
    name: String,
    kind: String,
}

/// A unit's id, name and kind.
pub async fn unit_ref(db: &Db, unit: &RecordId) -> Result<Option<crate::people::model::OrgUnitRef>, AppError> {
    let mut res = db
        .query("SELECT id, name, kind FROM ONLY $u")
        .bind(("u", unit.clone()))
        .await
        .map_err(db_err)?;
    let row: Option<UnitRow> = res.take(0).map_err(db_err)?;
    Ok(row.map(|r| crate::people::model::OrgUnitRef {
        id: crate::server::repo::key_of(&r.id),
        name: r.name,
        kind: r.kind,
    }))
}
