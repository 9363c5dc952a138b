//! HR's one-at-a-time changes: who already holds an email or employee id,
//! a person's audited history, and org units (list, create, rename, move,
//! merge), each unit change audited in `unit_change`.

use crate::error::AppError;
use crate::hr::model::ChangeLine;
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of, short_time};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

fn unit(key: &str) -> RecordId {
    RecordId::new("org_unit", key)
}

/// The name of someone other than `except` who holds this email or employee id.
pub async fn holder(
    db: &Db,
    email: &str,
    employee_id: Option<&str>,
    except: Option<&str>,
) -> Result<Option<String>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        name: String,
    }
    let mut res = db
        .query(
            "SELECT id, name FROM person WHERE email = $email;
             IF $eid != NONE { RETURN SELECT id, name FROM person WHERE employee_id = $eid } ELSE { RETURN [] };",
        )
        .bind(("email", email.to_owned()))
        .bind(("eid", employee_id.map(str::to_owned)))
        .await
        .map_err(db_err)?;
    let mut rows: Vec<Row> = res.take(0).map_err(db_err)?;
    rows.extend(res.take::<Vec<Row>>(1).map_err(db_err)?);
    Ok(rows
        .into_iter()
        .find(|r| Some(key_of(&r.id).as_str()) != except)
        .map(|r| r.name))
}

/// A person's audited changes, newest first (at most `limit`).
pub async fn history(db: &Db, person: &str, limit: u32) -> Result<Vec<ChangeLine>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        at: Datetime,
        effective: String,
        what: String,
        was: Option<String>,
        became: Option<String>,
        by_name: Option<String>,
        source: String,
    }
    let mut res = db
        .query(
            "SELECT at, effective, what, was, became, by.name AS by_name, source FROM people_change
             WHERE person = $p ORDER BY at DESC LIMIT $limit",
        )
        .bind(("p", RecordId::new("person", person)))
        .bind(("limit", limit as i64))
        .await
        .map_err(db_err)?;
    let rows: Vec<Row> = res.take(0).map_err(db_err)?;
    Ok(rows
        .into_iter()
        .map(|r| ChangeLine {
            at: short_time(&r.at),
            effective: r.effective,
            what: r.what,
            was: r.was,
            became: r.became,
            by: r
                .by_name
                .unwrap_or_else(|| "an import from the command line".to_owned()),
            source: r.source,
        })
        .collect())
}

/// Creates a unit under `parent`, audited.
pub async fn create_unit(
    db: &Db,
    key: &str,
    name: &str,
    kind: &str,
    parent: &str,
    by: &RecordId,
) -> Result<(), AppError> {
    exec(
        db.query(
            "BEGIN TRANSACTION;
             CREATE $u SET name = $name, kind = $kind, parent = $parent RETURN NONE;
             CREATE unit_change SET unit = $u, what = 'created', became = $name, by = $by RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("u", unit(key)))
        .bind(("name", name.to_owned()))
        .bind(("kind", kind.to_owned()))
        .bind(("parent", unit(parent)))
        .bind(("by", by.clone())),
    )
    .await
}

/// Renames a unit, audited.
pub async fn rename_unit(db: &Db, key: &str, was: &str, name: &str, by: &RecordId) -> Result<(), AppError> {
    exec(
        db.query(
            "BEGIN TRANSACTION;
             UPDATE $u SET name = $name RETURN NONE;
             CREATE unit_change SET unit = $u, what = 'renamed', was = $was, became = $name, by = $by RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("u", unit(key)))
        .bind(("name", name.to_owned()))
        .bind(("was", was.to_owned()))
        .bind(("by", by.clone())),
    )
    .await
}

/// A unit's new kind, for a moved unit and everything below it.
#[derive(Clone, SurrealValue)]
pub struct KindRow {
    pub id: RecordId,
    pub kind: String,
}

/// Moves a unit under another (paths as text for the audit); `kinds` gives
/// the moved unit and its descendants their kind at their new depth.
pub async fn move_unit(
    db: &Db,
    key: &str,
    parent: &str,
    paths: (String, String),
    kinds: Vec<KindRow>,
    by: &RecordId,
) -> Result<(), AppError> {
    exec(
        db.query(
            "BEGIN TRANSACTION;
             UPDATE $u SET parent = $parent RETURN NONE;
             FOR $k IN $kinds { UPDATE $k.id SET kind = $k.kind RETURN NONE; };
             CREATE unit_change SET unit = $u, what = 'moved', was = $was, became = $became, by = $by RETURN NONE;
             COMMIT TRANSACTION;",
        )
        .bind(("u", unit(key)))
        .bind(("parent", unit(parent)))
        .bind(("kinds", kinds))
        .bind(("was", paths.0))
        .bind(("became", paths.1))
        .bind(("by", by.clone())),
    )
    .await
}

/// Merges `from` into `into`: its people, sub-units and every record that
/// names it move to `into`, and `from` is deleted. One transaction.
pub async fn merge_units(
    db: &Db,
    from: &str,
    into: &str,
    paths: (String, String),
    kinds: Vec<KindRow>,
    by: &RecordId,
) -> Result<(), AppError> {
    exec(
        db.query(
            "BEGIN TRANSACTION;
             UPDATE person SET org_unit = $into WHERE org_unit = $from RETURN NONE;
             UPDATE org_unit SET parent = $into WHERE parent = $from RETURN NONE;
             FOR $k IN $kinds { UPDATE $k.id SET kind = $k.kind RETURN NONE; };
             UPDATE goal SET unit = $into WHERE unit = $from RETURN NONE;
             UPDATE feedback SET recipient_unit = $into WHERE recipient_unit = $from RETURN NONE;
             UPDATE hr_event SET unit = $into WHERE unit = $from RETURN NONE;
             UPDATE review_cycle SET unit = $into WHERE unit = $from RETURN NONE;
             UPDATE review SET ratee_unit = $into WHERE ratee_unit = $from RETURN NONE;
             CREATE unit_change SET unit = $into, what = 'merged', was = $was, became = $became, by = $by RETURN NONE;
             DELETE $from;
             DELETE type::record('unit_headcount', record::id($from));
             COMMIT TRANSACTION;",
        )
        .bind(("from", unit(from)))
        .bind(("into", unit(into)))
        .bind(("kinds", kinds))
        .bind(("was", paths.0))
        .bind(("became", paths.1))
        .bind(("by", by.clone())),
    )
    .await
}
