//! Calibration against an in-memory database, on the planted cycle
//! (`seed::planted_reviews`): the view, adjustments that keep the original,
//! the export, bad input and who may do what.

use super::*;
use crate::bias::model::BiasFlag;
use crate::reviews::import_service::import;
use crate::server::seed::planted_reviews::lenient_manager_cycle;
use crate::server::testing::{fresh_db, seeded_db, user, TEST_PEOPLE};
use crate::shared::date::Day;
use surrealdb::types::RecordId;

const CYCLE: &str = "2024 H2 (calibration)";
const KEY: &str = "import:2024 H2 (calibration)";

async fn plant(db: &Db) -> RecordId {
    let (csv, lenient) = lenient_manager_cycle(db, CYCLE).await.unwrap();
    import(db, &csv, Day::parse("2026-11-28").unwrap()).await.unwrap();
    lenient
}

async fn history_len(db: &Db, ratee: &str) -> usize {
    let mut res = db
        .query("SELECT VALUE array::len(history) FROM calibration WHERE ratee = type::record('person', $k)")
        .bind(("k", ratee.to_owned()))
        .await
        .unwrap();
    let n: Vec<i64> = res.take(0).unwrap();
    n.first().copied().unwrap_or(0) as usize
}

#[tokio::test]
async fn hr_sees_every_manager_rating_and_the_flag_beside_the_lenient_manager() {
    let (db, demo) = seeded_db().await;
    let lenient = plant(&db).await;
    let hr = user(&db, demo.hr).await;
    let v = view(&db, &hr, KEY, "").await.unwrap();
    assert_eq!(v.cycle_name, CYCLE);
    assert_eq!(
        v.rows.len(),
        TEST_PEOPLE - 1,
        "everyone but the CEO has a manager review"
    );
    assert!(v.rows.iter().all(|r| r.original.is_some() && r.calibrated.is_none()));
    let total: u32 = v.managers.iter().flat_map(|m| m.counts).sum();
    assert_eq!(total as usize, v.rows.len());
    let lenient_key = key_of(&lenient);
    let theirs = v
        .managers
        .iter()
        .find(|m| m.manager.id.as_str() == lenient_key)
        .unwrap();
    assert!(
        theirs.counts[3] + theirs.counts[4] >= theirs.counts.iter().sum::<u32>() * 3 / 4,
        "{:?}",
        theirs.counts
    );
    assert!(v
        .bias
        .flags
        .iter()
        .any(|f| f.kind == "leniency" && f.rater.as_ref().is_some_and(|o| o.id.as_str() == lenient_key)));
}

#[tokio::test]
async fn an_adjustment_keeps_the_original_with_who_when_and_why_and_is_exported_with_it() {
    let (db, demo) = seeded_db().await;
    let lenient = plant(&db).await;
    let hr = user(&db, demo.hr).await;
    let v = view(&db, &hr, KEY, "").await.unwrap();
    let target = v
        .rows
        .iter()
        .find(|r| r.manager.id.as_str() == key_of(&lenient))
        .unwrap()
        .clone();
    let original = target.original.unwrap();
    let id = target.ratee.id.to_string();

    adjust(&db, &hr, KEY, &id, "3", "2", "  Peers and evidence put this at 3  ")
        .await
        .unwrap();
    adjust(&db, &hr, KEY, &id, "2", "", "Second look at the goals")
        .await
        .unwrap();
    let v = view(&db, &hr, KEY, "").await.unwrap();
    let row = v.rows.iter().find(|r| r.ratee.id.as_str() == id).unwrap();
    assert_eq!(row.original, Some(original), "the original stays");
    assert_eq!((row.calibrated, row.potential), (Some(2), None));
    assert_eq!(row.reason, "Second look at the goals");
    assert_eq!(row.by.as_deref(), Some(hr.name.as_str()));
    assert!(row.at.as_deref().is_some_and(|a| a.len() == 16), "{:?}", row.at);
    assert_eq!(history_len(&db, &id).await, 2);

    let (name, csv) = export(&db, &hr, KEY, "").await.unwrap();
    assert_eq!(name, CYCLE);
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), EXPORT_COLUMNS.join(","));
    let line = csv
        .lines()
        .find(|l| l.contains(&format!(",{},", target.ratee.name)))
        .unwrap();
    assert!(
        line.contains(&format!(",{original},2,,,Second look at the goals,{},", hr.name)),
        "{line}"
    );
    assert_eq!(csv.lines().count(), v.rows.len() + 1);
}

#[tokio::test]
async fn bad_adjustments_say_what_to_fix_and_store_nothing() {
    let (db, demo) = seeded_db().await;
    plant(&db).await;
    let hr = user(&db, demo.hr).await;
    let someone = view(&db, &hr, KEY, "").await.unwrap().rows[0].ratee.id.to_string();
    let field = |r: Result<(), AppError>| match r {
        Err(e @ AppError::InvalidFields(_)) => {
            let AppError::InvalidFields(errs) = &e else {
                unreachable!()
            };
            errs.iter().map(|e| e.field.clone()).collect::<Vec<_>>()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(field(adjust(&db, &hr, KEY, &someone, "7", "", "why").await), ["rating"]);
    assert_eq!(
        field(adjust(&db, &hr, KEY, &someone, "3", "5", "why").await),
        ["potential"]
    );
    assert_eq!(field(adjust(&db, &hr, KEY, &someone, "3", "", " ").await), ["reason"]);
    // The CEO has no manager review to calibrate.
    let ceo = user(&db, demo.ceo).await;
    assert_eq!(
        field(adjust(&db, &hr, KEY, ceo.id.as_str(), "3", "", "why").await),
        ["rating"]
    );
    assert_eq!(history_len(&db, &someone).await, 0);
    assert!(matches!(
        adjust(&db, &hr, KEY, "not a person!", "3", "", "why").await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        adjust(&db, &hr, "import:nope", &someone, "3", "", "why").await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        view(&db, &hr, &"x".repeat(201), "").await,
        Err(AppError::NotFound)
    ));
}

#[tokio::test]
async fn only_hr_and_skip_levels_calibrate_and_a_skip_level_only_below_them() {
    // Big enough for skip-level leaders below the CEO.
    const PEOPLE: usize = 300;
    let db = fresh_db().await;
    crate::server::seed::run(&db, PEOPLE, 42, false, |_, _, _| {})
        .await
        .unwrap();
    let demo = crate::server::seed::plan::plan(PEOPLE, 42).demo;
    plant(&db).await;
    let hr = user(&db, demo.hr).await;
    let everyone = view(&db, &hr, KEY, "").await.unwrap().rows;
    for who in [demo.employee, demo.manager] {
        let u = user(&db, who).await;
        assert!(matches!(view(&db, &u, KEY, "").await, Err(AppError::Forbidden)));
        assert!(cycles(&db, &u).await.unwrap().is_empty(), "no calibration to offer");
        assert!(matches!(export(&db, &u, KEY, "").await, Err(AppError::Forbidden)));
        let other = everyone
            .iter()
            .find(|r| r.ratee.id != u.id)
            .unwrap()
            .ratee
            .id
            .to_string();
        assert!(matches!(
            adjust(&db, &u, KEY, &other, "3", "", "why").await,
            Err(AppError::Forbidden)
        ));
    }
    // A skip-level leader who has a manager of their own (not the CEO).
    let mut leader = None;
    for i in 0..PEOPLE {
        let u = user(&db, i).await;
        if u.role == Role::SkipLevel && !u.is_hr && everyone.iter().any(|r| r.ratee.id == u.id) {
            leader = Some(u);
            break;
        }
    }
    let leader = leader.expect("a skip-level leader below the CEO");
    assert!(cycles(&db, &leader)
        .await
        .unwrap()
        .contains(&(KEY.to_owned(), CYCLE.to_owned())));
    let mine = view(&db, &leader, KEY, "").await.unwrap().rows;
    assert!(
        !mine.is_empty() && mine.len() < everyone.len(),
        "{} of {} ({:?})",
        mine.len(),
        everyone.len(),
        leader.role
    );
    for r in &mine {
        assert!(people::is_above(&db, &leader.id, &r.ratee.id).await.unwrap());
    }
    let outside = everyone
        .iter()
        .find(|r| !mine.contains(r) && r.ratee.id != leader.id)
        .unwrap();
    let res = adjust(&db, &leader, KEY, outside.ratee.id.as_str(), "3", "", "why").await;
    assert!(matches!(res, Err(AppError::Forbidden)));
    let res = adjust(&db, &leader, KEY, leader.id.as_str(), "5", "", "I deserve it").await;
    assert!(matches!(res, Err(AppError::Forbidden)), "nobody calibrates themselves");
    adjust(
        &db,
        &leader,
        KEY,
        mine[0].ratee.id.as_str(),
        "3",
        "3",
        "Calibrated with peers",
    )
    .await
    .unwrap();
}

#[test]
fn export_cells_never_start_a_formula() {
    assert_eq!(crate::server::csv::guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(crate::server::csv::guard("-1"), "'-1");
    assert_eq!(crate::server::csv::guard("Peers agree"), "Peers agree");
}

#[tokio::test]
async fn a_unit_cuts_the_view_and_the_export_to_the_people_in_it_and_below() {
    let (db, demo) = seeded_db().await;
    let lenient = plant(&db).await;
    let hr = user(&db, demo.hr).await;
    let all = view(&db, &hr, KEY, "").await.unwrap();
    assert!(all.unit.is_none());
    assert_eq!(all.units[0].kind, "company", "widest first: {:?}", all.units);
    let company = view(&db, &hr, KEY, &all.units[0].id).await.unwrap();
    assert_eq!(company.rows, all.rows, "the company holds everyone");

    // The lenient manager's reports sit in the manager's team.
    let mut res = db
        .query("SELECT VALUE org_unit FROM ONLY $m")
        .bind(("m", lenient.clone()))
        .await
        .unwrap();
    let team: Option<RecordId> = res.take(0).unwrap();
    let team = key_of(&team.unwrap());
    let v = view(&db, &hr, KEY, &team).await.unwrap();
    assert_eq!(v.unit.as_ref().map(|u| u.id.as_str()), Some(team.as_str()));
    assert!(!v.rows.is_empty() && v.rows.len() < all.rows.len());
    for r in &v.rows {
        let mut res = db
            .query("SELECT VALUE [org_unit, org_unit.parent] FROM ONLY type::record('person', $k)")
            .bind(("k", r.ratee.id.to_string()))
            .await
            .unwrap();
        let chain: Vec<Option<RecordId>> = res.take(0).unwrap();
        assert!(
            chain.iter().flatten().any(|u| key_of(u) == team),
            "{} is not in the team",
            r.ratee.name
        );
    }
    let total: u32 = v.managers.iter().flat_map(|m| m.counts).sum();
    assert_eq!(total as usize, v.rows.len(), "distributions follow the cut");
    assert!(
        v.bias
            .flags
            .iter()
            .any(|f| f.kind == "leniency" && f.rater.as_ref().is_some_and(|o| o.id.as_str() == key_of(&lenient))),
        "the flag of the manager of the people shown stays"
    );
    for f in &v.bias.flags {
        let who = f.rater.as_ref().expect("no group gaps in a team");
        assert!(
            v.rows.iter().any(|r| r.manager.id == who.id || r.ratee.id == who.id),
            "{} is flagged but manages nobody shown",
            who.name
        );
    }
    let (_, csv) = export(&db, &hr, KEY, &team).await.unwrap();
    assert_eq!(csv.lines().count(), v.rows.len() + 1);

    for bad in ["org_unit:nope", "nope", "'; DELETE calibration; --"] {
        match view(&db, &hr, KEY, bad).await {
            Err(AppError::InvalidFields(f)) => assert_eq!(f[0].field, "unit", "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
        assert!(matches!(
            export(&db, &hr, KEY, bad).await,
            Err(AppError::InvalidFields(_))
        ));
    }
}

fn entry(ratee: &str, manager: &str, units: &[&str]) -> Entry {
    let who = |k: &str| OwnerRef {
        id: PersonId::parse(k).unwrap(),
        name: k.to_owned(),
    };
    Entry {
        email: format!("{ratee}@x"),
        units: units.iter().map(|u| (*u).to_owned()).collect(),
        row: CalibrationRow {
            ratee: who(ratee),
            manager: who(manager),
            original: Some(3),
            calibrated: None,
            potential: None,
            reason: String::new(),
            by: None,
            at: None,
        },
    }
}

#[test]
fn a_unit_keeps_the_flags_of_its_people_and_the_gaps_at_or_below_it() {
    let unit = |id: &str, name: &str, kind: &str| OrgUnitRef {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
    };
    let units = [
        unit("co", "Acme", "company"),
        unit("eng", "Engineering", "department"),
        unit("sales", "Sales", "department"),
        unit("web", "Web", "team"),
    ];
    let flag = |rater: Option<&str>, gap_in: Option<&str>| BiasFlag {
        kind: "x".into(),
        rater: rater.map(|k| OwnerRef {
            id: PersonId::parse(k).unwrap(),
            name: k.into(),
        }),
        group: gap_in.map(|u| format!("{u}: gender F")),
        unit: gap_in.map(str::to_owned),
        effect: 1.0,
        p_value: 0.001,
        n: 10,
        min_n: 5,
        explanation: String::new(),
    };
    let mut bias = BiasReport {
        cycle: "c".into(),
        scope: crate::bias::model::BiasScope::Everyone,
        not_enough_data: None,
        raters: 4,
        flags: vec![
            flag(Some("boss"), None),
            flag(Some("ann"), None),
            flag(Some("elsewhere"), None),
            flag(None, Some("Engineering")),
            flag(None, Some("Sales")),
            flag(None, Some("Acme")),
        ],
    };
    let shown = [entry("ann", "boss", &["web", "eng", "co"])];
    flags_within(&mut bias, &shown, &units, "eng");
    let kept: Vec<String> = bias
        .flags
        .iter()
        .map(|f| f.rater.as_ref().map(|r| r.name.clone()).or(f.unit.clone()).unwrap())
        .collect();
    assert_eq!(kept, ["boss", "ann", "Engineering"]);

    let held = held_units(units.to_vec(), &shown);
    let names: Vec<&str> = held.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["Acme", "Engineering", "Web"], "Sales holds nobody shown");
}

#[test]
fn a_whole_company_lists_only_the_calibrated_and_counts_the_rest() {
    let mut rows: Vec<CalibrationRow> = (0..5).map(|i| entry(&format!("p{i}"), "boss", &[]).row).collect();
    rows[3].calibrated = Some(4);
    let (kept, left) = listed(rows.clone(), 5);
    assert_eq!((kept.len(), left), (5, 0), "up to the limit everyone is listed");
    let (kept, left) = listed(rows, 4);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].ratee.name, "p3");
    assert_eq!(left, 4);
}
