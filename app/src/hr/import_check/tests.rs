use super::*;

fn today() -> Day {
    Day::parse("2026-12-02").unwrap()
}

fn h(cols: &str) -> Header {
    header(&cols.split(',').map(str::to_owned).collect::<Vec<_>>(), false).unwrap()
}

const COLS: &str = "employee_id,email,name,manager_employee_id,org_unit,end_date";

/// Rows from "id,email,name,manager,unit,end" lines (line numbers from 2).
fn rows(lines: &[&str]) -> Result<Vec<PersonRow>, RowError> {
    let head = h(COLS);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| row(&head, i + 2, &l.split(',').map(str::to_owned).collect::<Vec<_>>()))
        .collect()
}

fn held(key: &str, id: Option<&str>, email: &str, name: &str, manager: Option<&str>, unit: &str) -> Existing {
    Existing {
        key: key.into(),
        employee_id: id.map(str::to_owned),
        email: email.into(),
        name: name.into(),
        manager: manager.map(str::to_owned),
        unit: unit.split('/').map(str::to_owned).collect(),
        left: false,
    }
}

fn messages(e: Vec<RowError>) -> String {
    e.iter()
        .map(|e| format!("{}: {}", e.line, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_header_needs_every_required_column_and_knows_no_others() {
    let names = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
    assert!(header(
        &names("\u{feff}Employee_ID,email,name,manager_employee_id,org_unit"),
        false
    )
    .is_ok());
    let e = header(&names("employee_id,email,name,org_unit"), false).unwrap_err();
    assert!(e.message.contains("manager_employee_id"), "{}", e.message);
    let e = header(
        &names("employee_id,email,name,manager_employee_id,org_unit,salary"),
        false,
    )
    .unwrap_err();
    assert!(e.message.contains("salary"));
    let e = header(
        &names("employee_id,email,email,name,manager_employee_id,org_unit"),
        false,
    )
    .unwrap_err();
    assert!(e.message.contains("twice"));
    // Demographics are imported only when HR opts in.
    let cols = names("employee_id,email,name,manager_employee_id,org_unit,gender");
    let off = header(&cols, false).unwrap();
    assert_eq!(off.ignored, vec!["gender"]);
    let r = row(&off, 2, &names("e1,a@x.io,A,,Co,Woman")).unwrap();
    assert!(r.demographics.is_empty());
    let on = header(&cols, true).unwrap();
    let r = row(&on, 2, &names("e1,a@x.io,A,,Co,Woman")).unwrap();
    assert_eq!(r.demographics, vec![("gender", Some("Woman".to_owned()))]);
}

#[test]
fn each_bad_cell_is_named_with_its_line() {
    let cases = [
        (",a@x.io,A,,Co,", "employee_id"),
        ("e1,not-an-email,A,,Co,", "not an email"),
        ("e1,a@x,A,,Co,", "not an email"),
        ("e1,a b@x.io,A,,Co,", "not an email"),
        ("e1,a@x..io,A,,Co,", "not an email"),
        ("e1,a@-x.io,A,,Co,", "not an email"),
        ("e1,.a@x.io,A,,Co,", "not an email"),
        ("e1,a\"b@x.io,A,,Co,", "not an email"),
        ("e1,a@x.io,,,Co,", "name"),
        ("e1,a@x.io,A,,Co//Team,", "org_unit"),
        ("e1,a@x.io,A,,Co,2026-13-01", "not a date"),
    ];
    for (line, expect) in cases {
        let e = rows(&[line]).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains(expect), "{line}: {}", e.message);
    }
    let head = h("employee_id,email,name,manager_employee_id,org_unit,start_date,end_date,is_hr,time_zone");
    let cells = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
    assert!(row(&head, 3, &cells("e1,a@x.io,A,,Co,2026-05-01,2026-04-01,,"))
        .unwrap_err()
        .message
        .contains("before"));
    assert!(row(&head, 3, &cells("e1,a@x.io,A,,Co,,,maybe,"))
        .unwrap_err()
        .message
        .contains("is_hr"));
    assert!(row(&head, 3, &cells("e1,a@x.io,A,,Co,,,,Mars"))
        .unwrap_err()
        .message
        .contains("time_zone"));
    let ok = row(
        &head,
        3,
        &cells(" e1 ,A@X.io, Ann ,,Co / Eng ,2026-01-05,,Yes,Europe/Berlin"),
    )
    .unwrap();
    assert_eq!(
        (ok.email.as_str(), ok.name.as_str(), ok.is_hr),
        ("a@x.io", "Ann", Some(true))
    );
    assert_eq!(ok.unit, vec!["Co", "Eng"]);
}

#[test]
fn a_first_import_is_all_new_with_one_top() {
    let r = rows(&[
        "e1,ceo@x.io,Cat,,Co,",
        "e2,vp@x.io,Vic,e1,Co/Eng,",
        "e3,dev@x.io,Dev,e2,Co/Eng/Platform,",
    ])
    .unwrap();
    let p = plan(r, &[], false, today()).unwrap();
    assert_eq!(p.diff.new, vec![2, 3, 4]);
    assert!(p.diff.moved.is_empty() && p.diff.leaving.is_empty());
}

#[test]
fn duplicates_unknown_managers_loops_and_two_tops_are_each_reported() {
    let r = rows(&[
        "e1,ceo@x.io,Cat,,Co,",
        "e2,vp@x.io,Vic,e1,Co/Eng,",
        "e2,other@x.io,Oth,e1,Co,",
        "e4,VP@x.io,Dup,e1,Co,",
        "e5,a@x.io,A,e9,Co,",
        "e6,b@x.io,B,e7,Co,",
        "e7,c@x.io,C,e6,Co,",
        "e8,d@x.io,D,,Co,",
    ])
    .unwrap();
    let text = messages(plan(r, &[], false, today()).unwrap_err());
    for expect in [
        "4: employee_id e2 is also on line 3",
        "5: vp@x.io is also on line 3",
        "6: manager_employee_id e9 is nobody",
        "7: This manager chain loops",
        "8: This manager chain loops",
        "More than one person has no manager (lines 2, 9)",
    ] {
        assert!(text.contains(expect), "missing {expect:?} in\n{text}");
    }
    // Someone managing themselves is a loop too.
    let r = rows(&["e1,ceo@x.io,Cat,,Co,", "e2,a@x.io,A,e2,Co,"]).unwrap();
    assert!(messages(plan(r, &[], false, today()).unwrap_err()).contains("3: This manager chain loops"));
}

#[test]
fn against_tend_rows_are_matched_by_id_then_email_and_the_diff_says_what_moves() {
    let existing = vec![
        held("p1", Some("e1"), "ceo@x.io", "Cat", None, "Co"),
        held("p2", None, "vp@x.io", "Vic", Some("p1"), "Co/Eng"),
        held("p3", Some("e3"), "dev@x.io", "Dev", Some("p2"), "Co/Eng"),
        held("p4", Some("e4"), "ops@x.io", "Ops", Some("p1"), "Co/Ops"),
    ];
    // The same organisation again: nothing changes.
    let same = rows(&[
        "e1,ceo@x.io,Cat,,Co,",
        "e2,vp@x.io,Vic,e1,Co/Eng,",
        "e3,dev@x.io,Dev,e2,Co/Eng,",
        "e4,ops@x.io,Ops,e1,Co/Ops,",
    ])
    .unwrap();
    let p = plan(same, &existing, true, today()).unwrap();
    assert_eq!(p.diff, Diff::default(), "a re-import changes nothing");
    assert_eq!(p.rows[1].1.as_deref(), Some("p2"), "matched by email without an id");

    // Dev moves under Ops, Vic is renamed, Ops leaves (so Dev cannot report
    // to them), a new hire arrives.
    let changed = rows(&[
        "e1,ceo@x.io,Cat,,Co,",
        "e2,vp@x.io,Victoria,e1,Co/Eng,",
        "e3,dev@x.io,Dev,e4,Co/Ops,",
        "e4,ops@x.io,Ops,e1,Co/Ops,2026-11-30",
        "e5,new@x.io,New,e2,Co/Eng,",
    ])
    .unwrap();
    let e = messages(plan(changed.clone(), &existing, false, today()).unwrap_err());
    assert!(e.contains("4: manager_employee_id e4 has left"), "{e}");
    let mut fixed = changed;
    fixed[2].manager = Some("e1".into());
    let d = plan(fixed, &existing, false, today()).unwrap().diff;
    assert_eq!(d.new, vec![6]);
    assert_eq!(d.moved, vec![(4, "p3".to_owned())]);
    assert_eq!(d.renamed, vec![(3, "p2".to_owned())]);
    assert_eq!(d.leaving, vec!["p4".to_owned()]);
}

#[test]
fn a_full_sync_lets_the_absent_go_and_a_returner_comes_back_not_twice() {
    let mut existing = vec![
        held("p1", Some("e1"), "ceo@x.io", "Cat", None, "Co"),
        held("p2", Some("e2"), "a@x.io", "A", Some("p1"), "Co"),
        held("p3", Some("e3"), "b@x.io", "B", Some("p1"), "Co"),
    ];
    existing[2].left = true;
    let r = rows(&["e1,ceo@x.io,Cat,,Co,", "e3,b@x.io,B,e1,Co,"]).unwrap();
    let partial = plan(r.clone(), &existing, false, today()).unwrap().diff;
    assert!(partial.leaving.is_empty(), "a partial file leaves the others alone");
    assert_eq!(partial.returning, vec![(3, "p3".to_owned())]);
    assert!(partial.new.is_empty(), "the returner is not a new person");
    let full = plan(r, &existing, true, today()).unwrap().diff;
    assert_eq!(full.leaving, vec!["p2".to_owned()]);
    // In a partial file, a manager held in Tend may be named by employee_id.
    let r = rows(&["e9,n@x.io,N,e2,Co,"]).unwrap();
    let p = plan(r, &existing, false, today()).unwrap();
    assert_eq!(p.diff.new, vec![2]);
    // An email already held by someone else is refused.
    let r = rows(&["e2,ceo@x.io,A,e1,Co,"]).unwrap();
    assert!(messages(plan(r, &existing, false, today()).unwrap_err()).contains("already belongs to Cat"));
}

#[test]
fn a_leaver_keeps_no_reports_and_nobody_is_rekeyed_or_placed_outside_the_top() {
    let existing = vec![
        held("p1", Some("e1"), "ceo@x.io", "Cat", None, "Co"),
        held("p2", Some("e2"), "a@x.io", "A", Some("p1"), "Co"),
        held("p3", Some("e3"), "b@x.io", "B", Some("p2"), "Co"),
    ];
    // A leaves, but B (held, not in the file) still reports to A.
    let r = rows(&["e2,a@x.io,A,e1,Co,2026-11-01"]).unwrap();
    let e = messages(plan(r, &existing, false, today()).unwrap_err());
    assert!(e.contains("2: A leaves but B still reports to them"), "{e}");
    // A's address under another employee id is not silently the same person.
    let r = rows(&["e9,a@x.io,A,e1,Co,"]).unwrap();
    let e = messages(plan(r, &existing, false, today()).unwrap_err());
    assert!(e.contains("a@x.io belongs to employee_id e2 in Tend, not e9"), "{e}");
    // One organisation: every path starts at Tend's top unit.
    let r = rows(&["e9,n@x.io,N,e1,Other/Eng,"]).unwrap();
    let e = messages(plan(r, &existing, false, today()).unwrap_err());
    assert!(e.contains("must start at the top unit “Co”"), "{e}");
    // Someone held without an employee id is named as a manager by key.
    let mut keyless = existing.clone();
    keyless[1].employee_id = None;
    let r = rows(&["e9,n@x.io,N,p2,Co,"]).unwrap();
    assert_eq!(plan(r, &keyless, false, today()).unwrap().diff.new, vec![2]);
    // Already left and still ending by today (an export read back the day
    // they left) is not a return.
    let mut left = existing.clone();
    left[2].left = true;
    let r = rows(&["e3,b@x.io,B,e2,Co,2026-12-02"]).unwrap();
    let d = plan(r, &left, false, today()).unwrap().diff;
    assert!(d.returning.is_empty() && d.leaving.is_empty(), "{d:?}");
}
