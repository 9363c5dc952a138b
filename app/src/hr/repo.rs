//! The people import's reads and its one write: everyone and every org unit
//! as the import compares them, and an import's writes in one transaction.

use crate::error::AppError;
use crate::hr::import_apply::{Fields, Stored, UnitNode, Writes};
use crate::server::db::Db;
use crate::server::repo::{db_err, exec, key_of};
use surrealdb::types::{RecordId, SurrealValue};

#[derive(SurrealValue)]
struct UnitRow {
    id: RecordId,
    name: String,
    kind: String,
    parent: Option<RecordId>,
}

impl From<UnitRow> for UnitNode {
    fn from(u: UnitRow) -> Self {
        UnitNode {
            key: key_of(&u.id),
            name: u.name,
            kind: u.kind,
            parent: u.parent.as_ref().map(key_of),
        }
    }
}

#[derive(SurrealValue)]
struct PersonRow {
    id: RecordId,
    employee_id: Option<String>,
    email: String,
    name: String,
    title: String,
    org_unit: RecordId,
    is_hr: bool,
    time_zone: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    gender: Option<String>,
    ethnicity: Option<String>,
    age_band: Option<String>,
    location: Option<String>,
    manager: Option<RecordId>,
    left_on: Option<String>,
}

pub mod admin;

/// A person's fields as the import compares them, for `FROM person` or `FROM ONLY $p`.
macro_rules! person_fields {
    () => {
        "SELECT id, employee_id, email, name, title, org_unit, is_hr, time_zone, start_date, end_date,
            gender, ethnicity, age_band, location, (->reports_to->person)[0] AS manager, left_on"
    };
}

const LOAD: &str = concat!(
    "SELECT id, name, kind, parent FROM org_unit;",
    person_fields!(),
    " FROM person;"
);

const LOAD_ONE: &str = concat!(person_fields!(), " FROM ONLY $p");

/// Every org unit and everyone Tend holds, leavers included.
pub async fn load(db: &Db) -> Result<(Vec<UnitNode>, Vec<Stored>), AppError> {
    let mut res = db.query(LOAD).await.map_err(db_err)?;
    let units: Vec<UnitRow> = res.take(0).map_err(db_err)?;
    let people: Vec<PersonRow> = res.take(1).map_err(db_err)?;
    let units = units.into_iter().map(UnitNode::from).collect();
    Ok((units, people.into_iter().map(Stored::from).collect()))
}

/// Every org unit.
pub async fn units(db: &Db) -> Result<Vec<UnitNode>, AppError> {
    let mut res = db
        .query("SELECT id, name, kind, parent FROM org_unit")
        .await
        .map_err(db_err)?;
    let rows: Vec<UnitRow> = res.take(0).map_err(db_err)?;
    Ok(rows.into_iter().map(UnitNode::from).collect())
}

/// One person as the import compares them, leavers included.
pub async fn stored(db: &Db, key: &str) -> Result<Option<Stored>, AppError> {
    let mut res = db.query(LOAD_ONE).bind(("p", person(key))).await.map_err(db_err)?;
    let row: Option<PersonRow> = res.take(0).map_err(db_err)?;
    Ok(row.map(Stored::from))
}

impl From<PersonRow> for Stored {
    fn from(p: PersonRow) -> Self {
        Stored {
            key: key_of(&p.id),
            manager: p.manager.as_ref().map(key_of),
            left_on: p.left_on,
            fields: Fields {
                employee_id: p.employee_id,
                email: p.email,
                name: p.name,
                title: p.title,
                unit: key_of(&p.org_unit),
                is_hr: p.is_hr,
                time_zone: p.time_zone,
                start_date: p.start_date,
                end_date: p.end_date,
                demographics: [p.gender, p.ethnicity, p.age_band, p.location],
            },
        }
    }
}

#[derive(Clone, SurrealValue)]
struct NewUnit {
    id: RecordId,
    name: String,
    kind: String,
    parent: Option<RecordId>,
}

/// A person's fields as written. The password hash is written only for new
/// people, and empty: no password matches it (they sign in once invited);
/// updates name their fields and leave it alone.
#[derive(Clone, SurrealValue)]
struct FieldsRow {
    id: RecordId,
    employee_id: Option<String>,
    email: String,
    name: String,
    title: String,
    org_unit: RecordId,
    is_hr: bool,
    time_zone: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    gender: Option<String>,
    ethnicity: Option<String>,
    age_band: Option<String>,
    location: Option<String>,
    password_hash: String,
}

#[derive(Clone, SurrealValue)]
struct Edge {
    r#in: RecordId,
    out: RecordId,
}

#[derive(Clone, SurrealValue)]
struct Leaving {
    id: RecordId,
    day: String,
}

#[derive(Clone, SurrealValue)]
struct ChangeRow {
    person: RecordId,
    what: String,
    was: Option<String>,
    became: Option<String>,
    effective: String,
    by: Option<RecordId>,
    source: String,
    import: Option<RecordId>,
}

/// What an import records about itself.
pub struct ImportRecord {
    pub full: bool,
    pub rows: usize,
    /// new, moved, renamed, leaving, returning, updated.
    pub counts: [usize; 6],
}

/// Who made a set of writes, how, and from which day they count.
pub struct Made {
    pub by: Option<RecordId>,
    /// An import's own record, or `None` for HR's one-at-a-time changes.
    pub import: Option<ImportRecord>,
    pub effective: String,
}

fn person(key: &str) -> RecordId {
    RecordId::new("person", key)
}

fn fields_row(key: &str, f: &Fields) -> FieldsRow {
    let [gender, ethnicity, age_band, location] = f.demographics.clone();
    FieldsRow {
        id: person(key),
        employee_id: f.employee_id.clone(),
        email: f.email.clone(),
        name: f.name.clone(),
        title: f.title.clone(),
        org_unit: RecordId::new("org_unit", f.unit.as_str()),
        is_hr: f.is_hr,
        time_zone: f.time_zone.clone(),
        start_date: f.start_date.clone(),
        end_date: f.end_date.clone(),
        gender,
        ethnicity,
        age_band,
        location,
        password_hash: String::new(),
    }
}

// Updates run before inserts, so a new row never meets an address that
// someone else gives up in the same file; edges are removed before they are
// drawn again, as a person has one manager edge at a time.
//
// Headcounts: the `person_headcount` event stands aside inside this
// transaction (`stats_meta:headcount_aside`, migration 0028). The people
// this changes are counted per unit before the writes (those who had not
// left) and after (with the new people); each unit and the units above it
// take the difference, a few upserts per unit rather than ten per person.
// One flat loop: a loop nested in a loop ran deep enough in SurrealDB's
// executor to overflow a 2 MiB stack in the debug build.
// Grouping first also keeps every array small: SurrealDB refuses an array
// function whose output passes 1 MiB, which a per-person list did at
// 10,000 people.
const APPLY: &str = "
    BEGIN TRANSACTION;
    CREATE stats_meta:headcount_aside RETURN NONE;
    IF $import != NONE {
        CREATE $import SET by = $by, full = $full, rows = $rows, new = $c[0], moved = $c[1], renamed = $c[2],
            leaving = $c[3], returning = $c[4], updated = $c[5] RETURN NONE;
    };
    LET $was = SELECT org_unit, count() AS n FROM $touched WHERE left_on = NONE GROUP BY org_unit;
    INSERT INTO org_unit $units RETURN NONE;
    FOR $u IN $updated {
        UPDATE $u.id SET employee_id = $u.employee_id, email = $u.email, name = $u.name, title = $u.title,
            org_unit = $u.org_unit, is_hr = $u.is_hr, time_zone = $u.time_zone, start_date = $u.start_date,
            end_date = $u.end_date, gender = $u.gender, ethnicity = $u.ethnicity, age_band = $u.age_band,
            location = $u.location RETURN NONE;
    };
    INSERT INTO person $new RETURN NONE;
    FOR $p IN $unlink { DELETE reports_to WHERE in = $p RETURN NONE; };
    INSERT RELATION INTO reports_to $edges RETURN NONE;
    FOR $l IN $leaving { UPDATE $l.id SET left_on = $l.day RETURN NONE; };
    FOR $p IN $returning { UPDATE $p SET left_on = NONE RETURN NONE; };
    INSERT INTO people_change $changes RETURN NONE;
    LET $now = array::concat(
        (SELECT org_unit, count() AS n FROM $touched WHERE left_on = NONE GROUP BY org_unit),
        (SELECT org_unit, count() AS n FROM $new.id WHERE left_on = NONE GROUP BY org_unit));
    LET $diff = array::concat(
        array::flatten($was.map(|$g| fn::unit_chain($g.org_unit).map(|$a| { u: $a, n: 0 - $g.n }))),
        array::flatten($now.map(|$g| fn::unit_chain($g.org_unit).map(|$a| { u: $a, n: $g.n }))));
    FOR $d IN $diff {
        UPSERT type::record('unit_headcount', record::id($d.u)) SET n = (n ?? 0) + $d.n RETURN NONE;
    };
    DELETE stats_meta:headcount_aside RETURN NONE;
    COMMIT TRANSACTION;
";

/// Writes one import (or one HR change), all of it or nothing, and records it.
pub async fn apply(db: &Db, w: &Writes, made: Made) -> Result<(), AppError> {
    let import = made
        .import
        .as_ref()
        .map(|_| RecordId::new("people_import", crate::server::repo::new_key("i").as_str()));
    let source = if made.import.is_some() { "import" } else { "admin" };
    let units: Vec<NewUnit> = w
        .units
        .iter()
        .map(|u| NewUnit {
            id: RecordId::new("org_unit", u.key.as_str()),
            name: u.name.clone(),
            kind: u.kind.clone(),
            parent: u.parent.as_deref().map(|p| RecordId::new("org_unit", p)),
        })
        .collect();
    let new: Vec<FieldsRow> = w.new_people.iter().map(|(k, f)| fields_row(k, f)).collect();
    let updated: Vec<FieldsRow> = w.updated.iter().map(|(k, f)| fields_row(k, f)).collect();
    let unlink: Vec<RecordId> = w.unlink.iter().map(|k| person(k)).collect();
    let edges: Vec<Edge> = w
        .edges
        .iter()
        .map(|(a, b)| Edge {
            r#in: person(a),
            out: person(b),
        })
        .collect();
    let leaving: Vec<Leaving> = w
        .leaving
        .iter()
        .map(|(k, d)| Leaving {
            id: person(k),
            day: d.clone(),
        })
        .collect();
    let returning: Vec<RecordId> = w.returning.iter().map(|k| person(k)).collect();
    // Everyone already in Tend whose count may change, once each.
    let mut touched: Vec<&str> = (w.updated.iter().map(|(k, _)| k.as_str()))
        .chain(w.leaving.iter().map(|(k, _)| k.as_str()))
        .chain(w.returning.iter().map(String::as_str))
        .collect();
    touched.sort_unstable();
    touched.dedup();
    let touched: Vec<RecordId> = touched.into_iter().map(person).collect();
    let changes: Vec<ChangeRow> = w
        .changes
        .iter()
        .map(|c| ChangeRow {
            person: person(&c.person),
            what: c.what.to_owned(),
            was: c.from.clone(),
            became: c.to.clone(),
            effective: made.effective.clone(),
            by: made.by.clone(),
            source: source.into(),
            import: import.clone(),
        })
        .collect();
    let (full, rows, counts) = match &made.import {
        Some(r) => (r.full, r.rows as i64, r.counts.iter().map(|&n| n as i64).collect()),
        None => (false, 0, Vec::new()),
    };
    // The transaction runs as a task of its own: the embedded engine executes
    // it inside whoever polls it, and under the router, the server function
    // and the test harness, its deep futures overflowed a 2 MiB stack in the
    // debug build. A fresh task starts from the bottom of a worker's stack.
    let db = db.clone();
    let run = tokio::spawn(async move {
        exec(
            db.query(APPLY)
                .bind(("import", import))
                .bind(("by", made.by))
                .bind(("full", full))
                .bind(("rows", rows))
                .bind(("c", counts))
                .bind(("units", units))
                .bind(("updated", updated))
                .bind(("new", new))
                .bind(("touched", touched))
                .bind(("unlink", unlink))
                .bind(("edges", edges))
                .bind(("leaving", leaving))
                .bind(("returning", returning))
                .bind(("changes", changes)),
        )
        .await
    });
    run.await.map_err(AppError::internal)?
}
