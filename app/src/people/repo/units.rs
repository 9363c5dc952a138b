//! Org units: one by key, the units below it, and their headcounts (kept
//! by the `person_headcount` event, rebuilt from the people table).

use crate::error::AppError;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec};
use surrealdb::types::{RecordId, SurrealValue};

/// An org unit, with its parent's key.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
}

impl Unit {
    pub fn reference(&self) -> crate::people::model::OrgUnitRef {
        crate::people::model::OrgUnitRef {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: self.kind.clone(),
        }
    }
}

#[derive(SurrealValue)]
struct UnitRow {
    id: RecordId,
    name: String,
    kind: String,
    parent: Option<RecordId>,
}

impl From<UnitRow> for Unit {
    fn from(r: UnitRow) -> Self {
        Unit {
            id: crate::server::repo::key_of(&r.id),
            name: r.name,
            kind: r.kind,
            parent: r.parent.as_ref().map(crate::server::repo::key_of),
        }
    }
}

/// One org unit by key; with no key, the top of the organisation.
pub async fn unit(db: &Db, key: Option<&str>) -> Result<Option<Unit>, AppError> {
    let mut res = match key {
        Some(k) => db
            .query("SELECT id, name, kind, parent FROM ONLY $u")
            .bind(("u", RecordId::new("org_unit", k))),
        None => db.query("SELECT id, name, kind, parent FROM ONLY org_unit WHERE parent = NONE LIMIT 1"),
    }
    .await
    .map_err(db_err)?;
    let row: Option<UnitRow> = res.take(0).map_err(db_err)?;
    Ok(row.map(Unit::from))
}

/// The units directly below one, by name.
pub async fn child_units(db: &Db, key: &str) -> Result<Vec<Unit>, AppError> {
    let mut res = db
        .query("SELECT id, name, kind, parent FROM org_unit WHERE parent = $u ORDER BY name")
        .bind(("u", RecordId::new("org_unit", key)))
        .await
        .map_err(db_err)?;
    let rows: Vec<UnitRow> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().map(Unit::from).collect())
}

/// The people currently in each unit and every unit below it, kept by the
/// `person_headcount` event.
pub async fn headcounts(db: &Db, units: &[String]) -> Result<Vec<u32>, AppError> {
    let ids: Vec<RecordId> = units
        .iter()
        .map(|u| RecordId::new("unit_headcount", u.as_str()))
        .collect();
    let mut res = db
        .query("$ids.map(|$i| $i.n ?? 0)")
        .bind(("ids", ids))
        .await
        .map_err(db_err)?;
    let n: Vec<i64> = res.take(0).map_err(db_err)?;
    Ok(n.into_iter().map(|n| n.max(0) as u32).collect())
}

/// Rows written per statement by the rebuild.
const REBUILD_BATCH: usize = 2_000;

/// Replaces every unit's headcount with a count from the people table (the
/// one whole-table grouping, at migration and rebuild time only).
pub async fn rebuild_headcounts(db: &Db) -> Result<usize, AppError> {
    #[derive(SurrealValue)]
    struct Direct {
        unit: RecordId,
        n: i64,
    }
    #[derive(Clone, SurrealValue)]
    struct NewHeadcount {
        id: RecordId,
        n: i64,
    }
    let mut res = db
        .query(
            "SELECT id, name, kind, parent FROM org_unit;
             SELECT org_unit AS unit, count() AS n FROM person WHERE left_on = NONE GROUP BY org_unit;",
        )
        .await
        .map_err(db_err)?;
    let units: Vec<Unit> = res
        .take::<Vec<UnitRow>>(0)
        .map_err(db_err)?
        .into_iter()
        .map(Unit::from)
        .collect();
    let direct: Vec<Direct> = res.take(1).map_err(db_err)?;
    let parent_of: std::collections::HashMap<&str, Option<&str>> =
        units.iter().map(|u| (u.id.as_str(), u.parent.as_deref())).collect();
    let mut total: std::collections::HashMap<String, i64> = units.iter().map(|u| (u.id.clone(), 0)).collect();
    for d in direct {
        let key = crate::server::repo::key_of(&d.unit);
        let mut cur = Some(key.as_str());
        while let Some(u) = cur {
            *total.entry(u.to_owned()).or_default() += d.n;
            cur = parent_of.get(u).copied().flatten();
        }
    }
    let rows: Vec<NewHeadcount> = total
        .into_iter()
        .map(|(u, n)| NewHeadcount {
            id: RecordId::new("unit_headcount", u.as_str()),
            n,
        })
        .collect();
    let written = rows.len();
    for batch in rows.chunks(REBUILD_BATCH) {
        exec(
            db.query("INSERT INTO unit_headcount $rows ON DUPLICATE KEY UPDATE n = $input.n RETURN NONE")
                .bind(("rows", batch.to_vec())),
        )
        .await?;
    }
    Ok(written)
}
