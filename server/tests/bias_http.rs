//! The bias report through the router (the `bias_report` server function)
//! and through `tend bias-report`, on a cycle with one planted lenient
//! manager.

mod common;

use app::bias::model::{BiasReport, BiasScope};
use app::server::repo::key_of;
use app::server::seed::planted_reviews::lenient_manager_cycle;
use common::*;

const CYCLE: &str = "2024 H2 (planted)";

async fn plant(t: &TestApp) -> String {
    let (csv, lenient) = lenient_manager_cycle(&t.db, CYCLE).await.unwrap();
    let today = app::shared::date::Day::parse("2026-11-28").unwrap();
    app::reviews::import_service::import(&t.db, &csv, today).await.unwrap();
    key_of(&lenient)
}

fn form_encode(s: &str) -> String {
    app::shared::url::percent_encode(s, b"")
}

#[tokio::test]
async fn the_server_function_checks_the_session_and_cuts_the_report_to_the_viewer() {
    let t = app().await;
    let lenient = plant(&t).await;
    let body = format!("cycle={}", form_encode(&format!("import:{CYCLE}")));

    let res = t.post("/api/bias_report", body.clone(), None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let hr = t.cookie_for("hr@tend.example").await;
    let res = t.post("/api/bias_report", body.clone(), Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let r: BiasReport = serde_json::from_str(&text(res).await).unwrap();
    assert_eq!(r.scope, BiasScope::Everyone);
    let flagged = |r: &BiasReport| {
        r.flags
            .iter()
            .any(|f| f.kind == "leniency" && f.rater.as_ref().is_some_and(|o| o.id.as_str() == lenient))
    };
    assert!(flagged(&r), "{:#?}", r.flags);

    let employee = t.cookie_for("employee@tend.example").await;
    let res = t.post("/api/bias_report", body, Some(&employee)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let r: BiasReport = serde_json::from_str(&text(res).await).unwrap();
    assert_eq!(r.scope, BiasScope::Own);
    assert!(!flagged(&r));

    let res = t.post("/api/bias_report", "cycle=nope".to_owned(), Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let long = "x".repeat(201);
    let res = t.post("/api/bias_report", format!("cycle={long}"), Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_command_prints_every_flag_and_as_someone_only_what_they_may_see() {
    let t = app().await;
    let lenient = plant(&t).await;
    let run = |json, who: Option<&'static str>| {
        let db = t.db.clone();
        async move { server::bias_report::run(&db, CYCLE, json, who).await }
    };

    let out = run(false, None).await.unwrap();
    let first = out.lines().next().unwrap();
    assert!(first.starts_with(&format!("Bias report for {CYCLE}:")), "{first}");
    assert!(first.contains("(everyone)"), "{first}");
    let line = out
        .lines()
        .find(|l| l.starts_with("leniency\t") && l.contains(&format!("({lenient})")))
        .unwrap_or_else(|| panic!("no leniency line for {lenient}:\n{out}"));
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(cols.len(), 6, "{line}");
    assert!(
        cols[2].parse::<f64>().unwrap() >= 0.5 && cols[3].parse::<f64>().unwrap() < 0.01,
        "{line}"
    );
    assert!(
        cols[5].contains("points above other raters of the same people"),
        "{line}"
    );

    let json: BiasReport = serde_json::from_str(&run(true, None).await.unwrap()).unwrap();
    assert_eq!(json.scope, BiasScope::Everyone);
    assert_eq!(
        json.flags.len() + 2,
        out.lines().count(),
        "one line per flag after the two header lines"
    );

    let own = run(false, Some("EMPLOYEE@tend.example")).await.unwrap();
    assert!(own.lines().next().unwrap().contains("(their own ratings)"), "{own}");
    assert!(!own.contains(&format!("({lenient})")), "{own}");

    assert_eq!(
        run(false, Some("nobody@tend.example")).await.unwrap_err(),
        "No one in Tend has the email \"nobody@tend.example\"."
    );
    let missing = server::bias_report::run(&t.db, "No such cycle", false, None)
        .await
        .unwrap_err();
    assert_eq!(missing, "There is no review cycle named \"No such cycle\".");
}

#[tokio::test]
async fn thresholds_are_hrs_to_tune_and_a_calibration_unit_must_be_one_the_viewer_holds() {
    use app::bias::analysis::tuning::ThresholdInput;
    use app::bias::analysis::Thresholds;
    let t = app().await;
    plant(&t).await;
    let strict = {
        let mut i = ThresholdInput::from(&Thresholds::default());
        i.leniency_min_n = "40".into();
        i
    };
    let form = |i: &ThresholdInput| {
        let v = serde_json::to_value(i).unwrap();
        v.as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("input%5B{k}%5D={}", form_encode(v.as_str().unwrap())))
            .collect::<Vec<_>>()
            .join("&")
    };

    let res = t.post("/api/tune_bias_thresholds", form(&strict), None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let employee = t.cookie_for("employee@tend.example").await;
    let res = t
        .post("/api/tune_bias_thresholds", form(&strict), Some(&employee))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = t.post("/api/bias_thresholds", String::new(), Some(&employee)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let hr = t.cookie_for("hr@tend.example").await;
    let res = t
        .post(
            "/api/tune_bias_thresholds",
            "input%5Bleniency_min_n%5D=2".to_owned(),
            Some(&hr),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body = text(res).await;
    assert!(body.contains("whole number from 3 to 500"), "{body}");
    assert!(!body.to_lowercase().contains("surreal"), "{body}");

    let res = t.post("/api/tune_bias_thresholds", form(&strict), Some(&hr)).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", text(res).await);
    let res = t.post("/api/bias_thresholds", String::new(), Some(&hr)).await;
    let shown: app::bias::model::BiasThresholds = serde_json::from_str(&text(res).await).unwrap();
    assert_eq!(shown.current, strict);
    assert!(shown.changed.is_some());

    let cycle = form_encode(&format!("import:{CYCLE}"));
    let res = t
        .post(
            "/api/calibration_view",
            format!("cycle={cycle}&unit=nowhere"),
            Some(&hr),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = t
        .get(
            &format!("/reviews/calibration.csv?cycle={cycle}&unit=nowhere"),
            Some(&hr),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = t
        .post("/api/calibration_view", format!("cycle={cycle}&unit="), Some(&employee))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = t
        .post("/api/calibration_view", format!("cycle={cycle}&unit="), None)
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = t.get(&format!("/reviews/calibration.csv?cycle={cycle}"), None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "pages send a stranger to sign in");
    assert!(location(&res).starts_with("/login"), "{}", location(&res));
    let adjust = format!("cycle={cycle}&ratee=p1&rating=3&potential=&reason=Because");
    let res = t.post("/api/adjust_rating", adjust.clone(), Some(&employee)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = t.post("/api/adjust_rating", adjust, None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
