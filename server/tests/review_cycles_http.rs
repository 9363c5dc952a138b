//! Review cycles over HTTP: the evidence, progress and extension endpoints
//! through the whole router — session, role and input checked, and no
//! internals in what a refusal says.

mod common;

use common::*;

fn cycle_form() -> String {
    [
        "draft[name]=HTTP%20cycle",
        "draft[period_from]=2026-07-01",
        "draft[period_to]=2026-12-31",
        "draft[self_review]=true",
        "draft[manager_review]=true",
        &format!("draft[write_due]={}", app::shared::date::Day::today().plus_days(14)),
    ]
    .join("&")
}

#[tokio::test]
async fn evidence_progress_and_extensions_check_session_role_and_input() {
    let t = app().await;
    let hr = t.cookie_for("hr@tend.example").await;
    let employee = t.cookie_for("employee@tend.example").await;
    let res = t.post("/api/start_cycle", cycle_form(), Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let key = text(res).await.trim_matches('"').to_owned();
    let me = format!("p{}", t.demo.employee);
    let review = format!("review[cycle]={key}&review[ratee]={me}&review[kind]=SelfReview");

    // Signed out: 401 everywhere.
    for (path, body) in [
        ("/api/review_evidence", review.clone()),
        ("/api/cycle_overview", format!("cycle={key}")),
        ("/api/request_extension", format!("{review}&until=2027-01-01&reason=x")),
    ] {
        assert_eq!(
            t.post(path, body, None).await.status(),
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }

    // The reviewer reaches their own review's evidence; HR's overview is HR's.
    let res = t.post("/api/review_evidence", review.clone(), Some(&employee)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(text(res).await.contains("\"period_from\":\"2026-07-01\""));
    let theirs = format!(
        "review[cycle]={key}&review[ratee]=p{}&review[kind]=Manager",
        t.demo.employee
    );
    assert_eq!(
        t.post("/api/review_evidence", theirs, Some(&employee)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.post("/api/cycle_overview", format!("cycle={key}"), Some(&employee))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let res = t.post("/api/cycle_overview", format!("cycle={key}"), Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(text(res).await.contains("\"requests\":[]"));
    // A name search is optional; an over-long one is a 400 in words.
    let res = t
        .post(
            "/api/cycle_overview",
            format!("cycle={key}&find=zzz%20nobody"),
            Some(&hr),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(text(res).await.contains("\"managers\":[],\"managers_matched\":0"));
    let res = t
        .post(
            "/api/cycle_overview",
            format!("cycle={key}&find={}", "x".repeat(101)),
            Some(&hr),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(text(res).await.contains("at most 100 characters"));

    // A bad date and a bad reason are 400 with the reason in words.
    let res = t
        .post(
            "/api/request_extension",
            format!("{review}&until=soon&reason=Away"),
            Some(&employee),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(text(res).await.contains("YYYY-MM-DD"));
    let later = app::shared::date::Day::today().plus_days(20);
    let res = t
        .post(
            "/api/request_extension",
            format!("{review}&until={later}&reason=%20"),
            Some(&employee),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let said = text(res).await;
    assert!(said.contains("Say why") && !said.contains("surreal"), "{said}");
    let res = t
        .post(
            "/api/request_extension",
            format!("{review}&until={later}&reason=On%20leave"),
            Some(&employee),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = t.post("/api/cycle_overview", format!("cycle={key}"), Some(&hr)).await;
    let overview = text(res).await;
    assert!(overview.contains("On leave"));
    let handle = overview
        .split("\"handle\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the request's handle")
        .to_owned();

    // Only HR declines, by the request's handle; a made-up handle is refused.
    let decline = format!("request={handle}");
    assert_eq!(
        t.post("/api/decline_extension", "request=x%27%3B".to_owned(), Some(&hr))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.post("/api/decline_extension", decline.clone(), Some(&employee))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.post("/api/decline_extension", decline, Some(&hr)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn template_editing_is_for_hr_and_a_bad_template_says_what_to_fix() {
    let t = app().await;
    let hr = t.cookie_for("hr@tend.example").await;
    let manager = t.cookie_for("manager@tend.example").await;
    assert_eq!(
        t.post("/api/template_draft", "template=", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.post("/api/template_draft", "template=", Some(&manager))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let res = t.post("/api/template_draft", "template=", Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let draft: serde_json::Value = serde_json::from_str(&text(res).await).unwrap();
    assert_eq!(draft["name"], "Standard");
    let body = serde_json::json!({ "draft": draft }).to_string();
    assert_eq!(
        post_json(&t, "/api/save_template", &body, Some(&manager))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    let mut bad = draft.clone();
    bad["competencies"][0]["anchors"][1] = serde_json::json!("");
    let res = post_json(
        &t,
        "/api/save_template",
        &serde_json::json!({ "draft": bad }).to_string(),
        Some(&hr),
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let said = text(res).await;
    assert!(
        said.contains("needs a description for rating 2") && !said.contains("surreal"),
        "{said}"
    );

    let res = post_json(&t, "/api/save_template", &body, Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(text(res).await, "\"Standard|3\"");
    let res = t.post("/api/cycle_templates", "", Some(&hr)).await;
    assert!(text(res).await.contains("Standard v3"));
}
