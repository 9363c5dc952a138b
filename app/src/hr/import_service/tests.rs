//! The people import on `mem://`: a first load, a re-import that is a
//! no-op, moves that carry reach and counters, leavers and returners, and
//! bad files that change nothing.

use super::*;
use crate::auth::service::{hash_token, new_token, resolve_session};
use crate::hr::model::ImportOptions;
use crate::people::repo as people;
use crate::server::testing::{fresh_db, pid, seeded_db};
use surrealdb::types::{RecordId, SurrealValue};

fn today() -> Day {
    Day::parse("2026-12-02").unwrap()
}

const HEADER: &str = "employee_id,email,name,manager_employee_id,org_unit,title,end_date";

fn file(rows: &[&str]) -> String {
    let mut s = format!("{HEADER}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

const ORG: [&str; 5] = [
    "e1,ceo@acme.io,Cat Lee,,Acme,Chief,",
    "e2,vp@acme.io,Vic Poe,e1,Acme/Eng,VP,",
    "e3,dev@acme.io,Dev Roe,e2,Acme/Eng/Platform,Engineer,",
    "e4,ops@acme.io,Oz Lee,e1,Acme/Ops,Lead,",
    "e5,sre@acme.io,Sam Ray,e4,Acme/Ops,SRE,",
];

async fn import(db: &Db, rows: &[&str], full: bool) -> Result<ImportPreview, AppError> {
    let opts = ImportOptions {
        demographics: false,
        full,
        invite: false,
    };
    apply(db, None, &file(rows), opts, today(), None, None).await
}

async fn key_of_email(db: &Db, email: &str) -> PersonId {
    people::credentials(db, email).await.unwrap().expect("imported").id
}

async fn headcount(db: &Db, unit_name: &str) -> u32 {
    let mut res = db
        .query("SELECT VALUE record::id(id) FROM org_unit WHERE name = $n")
        .bind(("n", unit_name.to_owned()))
        .await
        .unwrap();
    let keys: Vec<String> = res.take(0).unwrap();
    people::units::headcounts(db, &keys).await.unwrap()[0]
}

#[tokio::test]
async fn a_first_import_builds_the_org_and_a_second_changes_nothing() {
    let db = fresh_db().await;
    let first = import(&db, &ORG, false).await.unwrap();
    assert_eq!((first.rows, first.new.count), (5, 5));
    assert_eq!(first.new_units, ["Acme", "Acme/Eng", "Acme/Eng/Platform", "Acme/Ops"]);
    let (cat, dev) = (
        key_of_email(&db, "ceo@acme.io").await,
        key_of_email(&db, "dev@acme.io").await,
    );
    assert!(people::is_above(&db, &cat, &dev).await.unwrap());
    assert_eq!((headcount(&db, "Acme").await, headcount(&db, "Eng").await), (5, 2));
    let top = people::units::unit(&db, None).await.unwrap().unwrap();
    assert_eq!((top.name.as_str(), top.kind.as_str()), ("Acme", "company"));
    let viewer = people::viewer(&db, &key_of_email(&db, "vp@acme.io").await)
        .await
        .unwrap()
        .unwrap();
    assert!(viewer.role.manages(), "the reporting edges give roles");

    let again = import(&db, &ORG, true).await.unwrap();
    assert!(again.nothing_to_do(), "{again:?}");
    let mut res = db
        .query("RETURN count(SELECT VALUE id FROM people_import)")
        .await
        .unwrap();
    let n: Option<i64> = res.take(0).unwrap();
    assert_eq!(n, Some(1), "a no-op import is not even recorded");
}

#[tokio::test]
async fn a_move_carries_reach_and_the_counters_match_a_rebuild() {
    let db = fresh_db().await;
    import(&db, &ORG, false).await.unwrap();
    let (vic, oz, dev) = (
        key_of_email(&db, "vp@acme.io").await,
        key_of_email(&db, "ops@acme.io").await,
        key_of_email(&db, "dev@acme.io").await,
    );
    let mut moved = ORG.to_vec();
    moved[2] = "e3,dev@acme.io,Dev Roe,e4,Acme/Ops,Engineer,";
    let p = import(&db, &moved, false).await.unwrap();
    assert_eq!(p.moved.count, 1);
    assert_eq!(
        p.moved.examples,
        ["Dev Roe: manager Vic Poe → Oz Lee; org unit Acme/Eng/Platform → Acme/Ops"]
    );
    assert!(
        !people::is_above(&db, &vic, &dev).await.unwrap(),
        "reach goes with the edge"
    );
    assert!(people::is_above(&db, &oz, &dev).await.unwrap());
    assert_eq!((headcount(&db, "Platform").await, headcount(&db, "Ops").await), (0, 3));
    // Feedback Dev gives now counts for Oz's team; a rebuild agrees.
    let dev_user = people::viewer(&db, &dev).await.unwrap().unwrap();
    let mut d = crate::feedback::model::FeedbackDraft::blank(oz.as_str(), Day::today());
    d.situation = "Tuesday's release review".into();
    d.behaviour = "You walked the team through the rollback plan step by step.".into();
    d.impact = "Nobody had to ask a follow-up question.".into();
    crate::feedback::service::give(&db, &dev_user, d, Day::today())
        .await
        .unwrap();
    crate::stats::fold::fold_all(&db).await.unwrap();
    let incremental = crate::stats::repo::all_counters(&db, "group_week").await.unwrap();
    assert!(
        incremental
            .iter()
            .any(|(g, _, c)| *g == RecordId::new("person", oz.as_str()) && c.fb_given == 1),
        "Oz's team counts Dev's feedback"
    );
    crate::stats::rebuild::run(&db).await.unwrap();
    let mut rebuilt = crate::stats::repo::all_counters(&db, "group_week").await.unwrap();
    let mut incremental = incremental;
    let key = |r: &crate::stats::repo::Row| format!("{:?}{}", r.0, r.1);
    incremental.sort_by_key(key);
    rebuilt.sort_by_key(key);
    assert_eq!(incremental, rebuilt);
    // The change is audited with who and from/to.
    let mut res = db
        .query("SELECT what, was, became, source FROM people_change WHERE person = $p AND what = 'manager'")
        .bind(("p", RecordId::new("person", dev.as_str())))
        .await
        .unwrap();
    #[derive(SurrealValue)]
    struct Line {
        what: String,
        was: Option<String>,
        became: Option<String>,
        source: String,
    }
    let rows: Vec<(String, Option<String>, Option<String>, String)> = res
        .take::<Vec<Line>>(0)
        .unwrap()
        .into_iter()
        .map(|l| (l.what, l.was, l.became, l.source))
        .collect();
    assert_eq!(
        rows,
        [(
            "manager".into(),
            Some("Vic Poe".into()),
            Some("Oz Lee".into()),
            "import".into()
        )]
    );
}

#[tokio::test]
async fn a_leaver_is_signed_out_at_once_and_a_returner_is_not_duplicated() {
    let db = fresh_db().await;
    import(&db, &ORG, false).await.unwrap();
    let sam = key_of_email(&db, "sre@acme.io").await;
    let (token, hash) = new_token().unwrap();
    crate::auth::repo::create(&db, &sam, &hash).await.unwrap();
    assert!(resolve_session(&db, &token).await.unwrap().is_some());
    let mut leaving = ORG.to_vec();
    leaving[4] = "e5,sre@acme.io,Sam Ray,e4,Acme/Ops,SRE,2026-11-30";
    let p = import(&db, &leaving, false).await.unwrap();
    assert_eq!(p.leaving.examples, ["Sam Ray, leaving on 2026-11-30"]);
    assert!(resolve_session(&db, &token).await.unwrap().is_none());
    assert_eq!(
        crate::auth::repo::person_for(&db, &hash_token(&token)).await.unwrap(),
        None
    );
    assert!(people::credentials(&db, "sre@acme.io").await.unwrap().unwrap().left);
    assert_eq!(headcount(&db, "Ops").await, 1);
    // The same file again is a no-op; without the end date Sam returns.
    assert!(import(&db, &leaving, false).await.unwrap().nothing_to_do());
    let back = import(&db, &ORG, false).await.unwrap();
    assert_eq!((back.returning.count, back.new.count), (1, 0));
    assert_eq!(key_of_email(&db, "sre@acme.io").await, sam);
    assert!(people::viewer(&db, &sam).await.unwrap().is_some());
    assert_eq!(people::count_all(&db).await.unwrap(), 5);
}

#[tokio::test]
async fn a_seeded_org_exports_and_reimports_to_itself() {
    let (db, d) = seeded_db().await;
    let csv = export(&db, true).await.unwrap();
    let opts = ImportOptions {
        demographics: true,
        full: true,
        invite: false,
    };
    let first = apply(&db, None, &csv, opts, Day::today(), None, None).await.unwrap();
    // The demo people had no employee ids; the export gave them their keys.
    assert_eq!(first.updated.count, first.rows);
    assert_eq!(
        first.new.count + first.moved.count + first.leaving.count,
        0,
        "{first:?}"
    );
    let again = apply(
        &db,
        None,
        &export(&db, true).await.unwrap(),
        opts,
        Day::today(),
        None,
        None,
    )
    .await
    .unwrap();
    assert!(again.nothing_to_do(), "{again:?}");
    assert!(people::is_above(&db, &pid(d.manager), &pid(d.employee)).await.unwrap());
}

#[tokio::test]
async fn bad_files_are_refused_line_by_line_and_change_nothing() {
    let db = fresh_db().await;
    import(&db, &ORG, false).await.unwrap();
    let before = export(&db, false).await.unwrap();
    let cases: [(String, &str); 7] = [
        (
            file(&["e9,x@acme.io,X,e8,Acme,,", "e8,y@acme.io,Y,e9,Acme,,"]),
            "Line 2: This manager chain loops",
        ),
        (
            file(&["e9,x@acme.io,X,e77,Acme,,"]),
            "Line 2: manager_employee_id e77 is nobody",
        ),
        (
            file(&["e9,vp@acme.io,X,e1,Acme,,"]),
            "vp@acme.io belongs to employee_id e2",
        ),
        (file(&["e9,x@acme.io,X,,Acme,,"]), "More than one person has no manager"),
        // An unclosed quote swallows the rest of the file into one cell.
        (
            format!("{HEADER}\ne9,\"x@acme.io,X,e1,Acme,,\n"),
            "Line 2: “x@acme.io,X,e1,Acme,,",
        ),
        (file(&["e9,x@acme.io;y@acme.io,X,e1,Acme,,"]), "is not an email address"),
        (
            "employee_id,email,name\n".into(),
            "Missing column(s): manager_employee_id, org_unit",
        ),
    ];
    for (text, expect) in cases {
        let e = apply(&db, None, &text, ImportOptions::default(), today(), None, None)
            .await
            .unwrap_err();
        assert!(e.to_string().contains(expect), "{expect:?} not in {e:?}");
        assert!(e.to_string().starts_with("Nothing was imported"), "{e}");
    }
    let latin1 = file(&["e9,x@acme.io,Jos\u{fffd},e1,Acme,,"]);
    let e = apply(&db, None, &latin1, ImportOptions::default(), today(), None, None)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("UTF-8"), "{e}");
    let big = "x".repeat(MAX_BYTES + 1);
    assert!(apply(&db, None, &big, ImportOptions::default(), today(), None, None)
        .await
        .is_err());
    assert_eq!(export(&db, false).await.unwrap(), before, "nothing changed");
}

#[tokio::test]
async fn a_preview_is_applied_only_to_the_organisation_it_was_read_from() {
    let db = fresh_db().await;
    import(&db, &ORG, false).await.unwrap();
    let mut moved = ORG.to_vec();
    moved[2] = "e3,dev@acme.io,Dev Roe,e4,Acme/Ops,Engineer,";
    let text = file(&moved);
    let seen = check(&db, &text, ImportOptions::default(), today())
        .await
        .unwrap()
        .preview;
    let again = check(&db, &text, ImportOptions::default(), today())
        .await
        .unwrap()
        .preview;
    assert_eq!(
        seen.fingerprint, again.fingerprint,
        "the same file gives the same print"
    );
    // Someone else changes the organisation in between.
    import(&db, &["e4,ops@acme.io,Oz Lee-Ray,e1,Acme/Ops,Lead,"], false)
        .await
        .unwrap();
    let e = apply(
        &db,
        None,
        &text,
        ImportOptions::default(),
        today(),
        Some(&seen.fingerprint),
        None,
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("changed since"), "{e}");
    let fresh = check(&db, &text, ImportOptions::default(), today())
        .await
        .unwrap()
        .preview;
    apply(
        &db,
        None,
        &text,
        ImportOptions::default(),
        today(),
        Some(&fresh.fingerprint),
        None,
    )
    .await
    .unwrap();
}

/// Every unit's headcount as kept, by unit key.
async fn all_headcounts(db: &Db) -> Vec<(String, i64)> {
    let mut res = db
        .query("SELECT record::id(id) AS u, n FROM unit_headcount WHERE n != 0 ORDER BY u")
        .await
        .unwrap();
    #[derive(SurrealValue)]
    struct H {
        u: String,
        n: i64,
    }
    res.take::<Vec<H>>(0).unwrap().into_iter().map(|h| (h.u, h.n)).collect()
}

#[tokio::test]
async fn headcounts_kept_by_imports_and_single_changes_equal_a_recount() {
    let db = fresh_db().await;
    import(&db, &ORG, false).await.unwrap();
    // Joiners into a new deep unit, a move across departments, a leaver.
    let mut next = ORG.to_vec();
    next[2] = "e3,dev@acme.io,Dev Roe,e4,Acme/Ops/Night/Pager,Engineer,";
    next[4] = "e5,sre@acme.io,Sam Ray,e4,Acme/Ops,SRE,2026-11-30";
    next.push("e6,new@acme.io,Nia Wu,e2,Acme/Eng/Platform/Core,Engineer,");
    next.push("e7,two@acme.io,Tom Ng,e2,Acme/Eng,Engineer,");
    import(&db, &next, false).await.unwrap();
    let kept = all_headcounts(&db).await;
    assert_eq!(headcount(&db, "Acme").await, 6, "7 people, one left");
    assert_eq!((headcount(&db, "Ops").await, headcount(&db, "Night").await), (2, 1));
    // The marker that set the event aside never outlives the import.
    let mut res = db
        .query("SELECT VALUE id FROM stats_meta:headcount_aside")
        .await
        .unwrap();
    assert!(res.take::<Vec<RecordId>>(0).unwrap().is_empty());
    // Sam returns; then a one-person write outside an import still counts
    // through the event.
    import(&db, &[ORG.as_slice(), &next[5..]].concat(), false)
        .await
        .unwrap();
    db.query("UPDATE person SET left_on = '2026-12-01' WHERE email = 'two@acme.io'")
        .await
        .unwrap();
    let kept_after = all_headcounts(&db).await;
    assert_eq!(headcount(&db, "Acme").await, 6);
    people::units::rebuild_headcounts(&db).await.unwrap();
    assert_eq!(all_headcounts(&db).await, kept_after, "incremental equals a recount");
    assert_ne!(kept, kept_after);
}

#[tokio::test]
async fn an_import_with_invitations_mails_each_new_person_once() {
    let db = fresh_db().await;
    let mail = crate::email::transport::Mail::folder(std::env::temp_dir().join("tend-import-invites"), "http://t");
    let opts = ImportOptions {
        invite: true,
        ..Default::default()
    };
    let p = apply(&db, None, &file(&ORG), opts, today(), None, Some(&mail))
        .await
        .unwrap();
    assert_eq!(p.invited, 5);
    let mut grown = ORG.to_vec();
    grown.push("e6,new@acme.io,Nia Wu,e2,Acme/Eng,Engineer,");
    let p = apply(&db, None, &file(&grown), opts, today(), None, Some(&mail))
        .await
        .unwrap();
    assert_eq!(p.invited, 1, "only the new person");
    let mut res = db
        .query("SELECT VALUE to FROM email WHERE kind = 'invitation' ORDER BY to")
        .await
        .unwrap();
    let to: Vec<String> = res.take(0).unwrap();
    assert_eq!(to.len(), 6);
    assert_eq!(to.iter().filter(|t| *t == "new@acme.io").count(), 1);
}
