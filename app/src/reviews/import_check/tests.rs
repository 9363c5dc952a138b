use super::*;

fn today() -> Day {
    Day::parse("2026-11-28").unwrap()
}

fn people(email: &str) -> Option<String> {
    match email {
        "ana@x.test" => Some("ana".into()),
        "ben@x.test" => Some("ben".into()),
        "cy@x.test" => Some("cy".into()),
        _ => None,
    }
}

fn head() -> Vec<String> {
    COLUMNS.iter().map(|c| c.to_string()).collect()
}

fn line(s: &str) -> Vec<String> {
    s.split(',').map(str::to_owned).collect()
}

fn rows(lines: &[&str]) -> Vec<(usize, Vec<String>)> {
    lines.iter().enumerate().map(|(i, l)| (i + 2, line(l))).collect()
}

fn run(lines: &[&str]) -> Result<ImportPlan, Vec<RowError>> {
    plan(&head(), &rows(lines), &people, today())
}

const GOOD: [&str; 4] = [
    "2025 H1,2025-01-01,2025-06-30,ana@x.test,ben@x.test,manager,Delivery,4,Shipped the billing rewrite,2025-07-10",
    "2025 H1,2025-01-01,2025-06-30,ana@x.test,ben@x.test,manager,Collaboration,5,Mentored two new hires,2025-07-10",
    "2025 H1,2025-01-01,2025-06-30,ana@x.test,ben@x.test,manager,Overall,4,,2025-07-10",
    "2025 H1,2025-01-01,2025-06-30,ana@x.test,ana@x.test,self,Delivery,3,,2025-07-01",
];

#[test]
fn good_rows_become_one_cycle_with_its_reviews() {
    let p = run(&GOOD).unwrap();
    assert_eq!(p.cycles.len(), 1);
    assert_eq!(p.cycles[0].kinds, [ReviewKind::Manager, ReviewKind::SelfReview]);
    assert_eq!(p.reviews.len(), 2);
    let m = &p.reviews[0];
    assert_eq!((m.ratee.as_str(), m.reviewer.as_str()), ("ana", "ben"));
    assert_eq!(m.ratings.len(), 2);
    assert_eq!(m.overall, Some(4));
    assert_eq!(p.ratings(), 4);
}

#[test]
fn columns_may_come_in_any_order_but_all_must_be_there() {
    let mut h = head();
    h.swap(0, 9);
    let mut r = line(GOOD[0]);
    r.swap(0, 9);
    assert!(plan(&h, &[(2, r)], &people, today()).is_ok());

    let mut h = head();
    h[7] = "score".into();
    let e = plan(&h, &rows(&GOOD), &people, today()).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].line, 1);
    assert!(e[0].message.contains("missing column(s): rating"), "{}", e[0].message);
    assert!(e[0].message.contains("unexpected column(s): score"), "{}", e[0].message);
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_reason() {
    let e = run(&[
        GOOD[0],
        "2025 H1,2025-01-01,2025-06-30,ana@x.test,ben@x.test,manager,Craft,7,,2025-07-10",
        "2025 H1,2025-13-01,2025-06-30,ana@x.test,ben@x.test,manager,Craft,3,,2025-07-10",
        "2025 H1,2025-01-01,2025-06-30,zed@x.test,ben@x.test,manager,Craft,3,,2025-07-10",
        "2025 H1,2025-01-01,2025-06-30,ana@x.test,ben@x.test,boss,Craft,3,,2025-07-10",
        "2025 H1,2025-01-01,2025-06-30,ana@x.test,ana@x.test,peer,Craft,3,,2025-07-10",
        "2025 H1,2025-01-01,2025-06-30,ana@x.test,ben@x.test,manager,Delivery,3,,2025-07-10",
        "2025 H1,2025-01-01,2025-06-30,ana@x.test,ben@x.test,manager,Craft,3,,2027-01-01",
        "2025 H1,2025-01-01,2025-06-30,ana@x.test,ben@x.test",
    ])
    .unwrap_err();
    let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7, 8, 9, 10]);
    let says = |i: usize, what: &str| assert!(e[i].message.contains(what), "{}", e[i].message);
    says(0, "rating \"7\" is not a whole number from 1 to 5");
    says(1, "period_start \"2025-13-01\" is not a date");
    says(2, "zed@x.test is not anyone in Tend");
    says(3, "kind \"boss\"");
    says(4, "cannot be written about oneself");
    says(5, "already on line 2");
    says(6, "in the future");
    says(7, "has 5 fields; the header has 10");
}

#[test]
fn a_cycle_with_two_periods_and_a_review_with_two_dates_are_refused() {
    let e = run(&[
        GOOD[0],
        "2025 H1,2025-01-01,2025-07-31,cy@x.test,ben@x.test,manager,Craft,3,,2025-07-10",
        "2025 H1,2025-01-01,2025-06-30,ana@x.test,ben@x.test,manager,Craft,3,,2025-07-11",
    ])
    .unwrap_err();
    assert!(
        e[0].message.contains("runs 2025-01-01 to 2025-06-30 on line 2"),
        "{}",
        e[0].message
    );
    assert!(
        e[1].message.contains("submitted on 2025-07-10 according to line 2"),
        "{}",
        e[1].message
    );
}

#[test]
fn a_header_alone_is_not_an_import() {
    let e = run(&[]).unwrap_err();
    assert!(e[0].message.contains("no rows"));
}

#[test]
fn a_score_is_the_overall_rating_or_the_mean() {
    assert_eq!(score(Some(2), &[5, 5]), Some(2.0));
    assert_eq!(score(None, &[4, 5]), Some(4.5));
    assert_eq!(score(None, &[]), None);
}
