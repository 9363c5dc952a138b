//! The people import through the router (issue 23, 1 and 3): HR alone may
//! check, apply and export; a real-sized file gets past the body limit that
//! every other endpoint keeps; a stale preview is refused; a leaver set by
//! an import is signed out at once.

mod common;

use common::*;

const HEADER: &str = "employee_id,email,name,manager_employee_id,org_unit,title,start_date,end_date,is_hr,time_zone";

/// `n` new people under the demo CEO (p0), in one new department.
fn hires(n: usize) -> String {
    let mut csv = format!("{HEADER}\n");
    for i in 0..n {
        let manager = if i == 0 { "p0".to_owned() } else { "h0".to_owned() };
        csv.push_str(&format!(
            "h{i},hire{i}@import.example,New Hire {i},{manager},Tend Demo Co/Hires,Engineer,2026-03-01,,false,Europe/Lisbon\n"
        ));
    }
    csv
}

fn body(csv: &str, fingerprint: Option<&str>) -> String {
    let mut v = serde_json::json!({ "csv": csv, "options": { "demographics": false, "full": false } });
    if let Some(f) = fingerprint {
        v["fingerprint"] = f.into();
    }
    v.to_string()
}

#[tokio::test]
async fn hr_checks_and_applies_a_file_larger_than_any_form_and_others_are_refused() {
    let app = app().await;
    let hr = app.cookie_for("hr@tend.example").await;
    let employee = app.cookie_for("employee@tend.example").await;
    let csv = hires(650);
    assert!(
        csv.len() > server::router::MAX_BODY,
        "the file is bigger than any form may be"
    );

    let res = post_json(&app, "/api/check_people_import", &body(&csv, None), Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let preview: serde_json::Value = serde_json::from_str(&text(res).await).unwrap();
    assert_eq!(preview["new"]["count"], 650);
    assert_eq!(preview["new_units"], serde_json::json!(["Tend Demo Co/Hires"]));
    let fingerprint = preview["fingerprint"].as_str().unwrap().to_owned();

    // Everyone else: refused, whatever the size.
    for path in ["/api/check_people_import", "/api/apply_people_import"] {
        let res = post_json(&app, path, &body(&csv, Some(&fingerprint)), Some(&employee)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(
        app.get("/people/export.csv", Some(&employee)).await.status(),
        StatusCode::FORBIDDEN
    );
    // The larger limit is the upload's alone.
    let res = post_json(&app, "/api/person", &body(&csv, None), Some(&hr)).await;
    assert!(res.status().is_client_error(), "{}", res.status());

    // A fingerprint from another organisation is refused; the real one applies.
    let res = post_json(
        &app,
        "/api/apply_people_import",
        &body(&csv, Some("0000000000000000")),
        Some(&hr),
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(text(res).await.contains("changed since"));
    let res = post_json(
        &app,
        "/api/apply_people_import",
        &body(&csv, Some(&fingerprint)),
        Some(&hr),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", text(res).await);

    let res = app.get("/people/export.csv", Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let exported = text(res).await;
    assert!(exported.starts_with(HEADER), "the export is the import's format");
    assert!(exported.contains(
        "h649,hire649@import.example,New Hire 649,h0,Tend Demo Co/Hires,Engineer,2026-03-01,,false,Europe/Lisbon"
    ));
    assert!(!exported.contains("gender"), "demographics only when asked");
}

#[tokio::test]
async fn an_import_that_ends_someone_signs_them_out_on_the_next_request() {
    let app = app().await;
    let hr = app.cookie_for("hr@tend.example").await;
    let cookie = app.cookie_for("employee@tend.example").await;
    assert_eq!(app.post("/api/me", "", Some(&cookie)).await.status(), StatusCode::OK);
    let csv = format!(
        "{HEADER}\np{},employee@tend.example,Leaving Person,,Tend Demo Co,,,2026-01-31,,\n",
        app.demo.employee
    );
    let res = post_json(&app, "/api/check_people_import", &body(&csv, None), Some(&hr)).await;
    let preview: serde_json::Value = serde_json::from_str(&text(res).await).unwrap();
    assert_eq!(preview["leaving"]["count"], 1);
    let fingerprint = preview["fingerprint"].as_str().unwrap();
    let res = post_json(
        &app,
        "/api/apply_people_import",
        &body(&csv, Some(fingerprint)),
        Some(&hr),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.post("/api/me", "", Some(&cookie)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let res = app.login("employee@tend.example", "tend-demo").await;
    assert!(text(res).await.contains("account is closed"));
}

#[tokio::test]
async fn every_admin_endpoint_is_hr_only() {
    let app = app().await;
    let hr = app.cookie_for("hr@tend.example").await;
    let manager = app.cookie_for("manager@tend.example").await;
    let calls = [
        ("/api/admin_person", format!("id=p{}", app.demo.employee)),
        ("/api/org_units", String::new()),
        (
            "/api/change_manager",
            format!("person=p{}&manager=p{}&effective=", app.demo.employee, app.demo.leader),
        ),
        ("/api/change_unit", "action=create&unit=x&name=Lab&target=".to_owned()),
    ];
    for (path, body) in &calls {
        let res = app.post(path, body.clone(), Some(&manager)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let res = post_json(&app, "/api/save_person", r#"{"form":{"id":null,"employee_id":"","email":"x@y.io","name":"X","title":"","unit":"u","is_hr":true,"time_zone":"","start_date":"","manager":null}}"#, Some(&manager)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "nobody grants themselves HR");
    // HR reads a record; a made-up id is a plain 404.
    let res = app
        .post("/api/admin_person", format!("id=p{}", app.demo.employee), Some(&hr))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.post("/api/admin_person", "id=p999999", Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
