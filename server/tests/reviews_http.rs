//! Review history over HTTP: the CSV export route and the import server
//! function, through the whole router.

mod common;

use common::*;

async fn email(db: &Db, key: &str) -> String {
    let mut res = db
        .query("SELECT VALUE email FROM ONLY type::record('person', $k)")
        .bind(("k", key.to_owned()))
        .await
        .unwrap();
    let e: Option<String> = res.take(0).unwrap();
    e.unwrap()
}

fn form_encode(s: &str) -> String {
    app::shared::url::percent_encode(s, b"")
}

#[tokio::test]
async fn hr_imports_by_form_and_downloads_the_cycle_as_csv_others_are_refused() {
    let t = app().await;
    let (ratee, manager) = (email(&t.db, "p2").await, email(&t.db, "p1").await);
    let csv = format!(
        "cycle,period_start,period_end,ratee_email,reviewer_email,kind,competency,rating,comment,submitted_on\n\
         2025 H2,2025-07-01,2025-12-31,{ratee},{manager},manager,Delivery,4,\"Calm, thorough\",2026-01-12\n"
    );
    let hr = t.cookie_for("hr@tend.example").await;
    let employee = t.cookie_for("employee@tend.example").await;

    let body = format!("csv={}", form_encode(&csv));
    let res = t.post("/api/import_reviews", body.clone(), Some(&employee)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = t.post("/api/import_reviews", body.clone(), None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let bad = format!("csv={}", form_encode(&csv.replace(",4,", ",0,")));
    let res = t.post("/api/import_reviews", bad, Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let said = text(res).await;
    assert!(
        said.contains("Line 2: rating \\\"0\\\" is not a whole number"),
        "{said}"
    );

    let res = t.post("/api/import_reviews", body, Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(text(res).await.contains("\"reviews\":1"));

    let res = t.get("/reviews/export.csv?cycle=2025%20H2", Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(
        res.headers()[header::CONTENT_DISPOSITION],
        "attachment; filename=\"tend-reviews-2025_H2.csv\""
    );
    let out = text(res).await;
    assert!(out.contains("\"Calm, thorough\""), "{out}");

    let res = t.get("/reviews/export.csv?cycle=2025%20H2", Some(&employee)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(!text(res).await.contains("Calm"));
    let res = t.get("/reviews/export.csv?cycle=2025%20H2", None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = t.get("/reviews/export.csv?cycle=nope", Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = t.get("/reviews/export.csv", Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}
