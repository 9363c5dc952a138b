//! HTTP through the whole axum router (middleware included) on `mem://`.

mod common;

use common::*;

#[tokio::test]
async fn signed_out_pages_redirect_and_api_calls_are_refused() {
    let t = app().await;
    let res = t.get("/", None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login");
    let res = t.get("/people/p1?tab=x", None).await;
    assert_eq!(location(&res), "/login?next=/people/p1%3Ftab%3Dx");
    let res = t.post("/api/person", "id=p1", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(text(res).await.contains("Unauthorized"));
    assert_eq!(t.get("/login", None).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn sign_in_sets_a_safe_cookie_and_wrong_passwords_say_so() {
    let t = app().await;
    let res = t.login("employee@tend.example", "wrong").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(text(res).await.contains("BadCredentials"));
    let res = t.login("not-an-email", "x").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(text(res).await.contains("Enter an email address"));

    let res = t.login("Employee@Tend.Example", DEMO_PASSWORD).await;
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    let set = res
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    for attr in ["tend_session=", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(attr), "{set} lacks {attr}");
    }
    assert!(!set.contains("Secure"), "plain http in tests");
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let t = app().await;
    let req = |origin: Option<&str>| {
        let mut r = Request::post("/api/login")
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            r = r.header(header::ORIGIN, o);
        }
        r.body(Body::from(format!(
            "email=employee%40tend.example&password={DEMO_PASSWORD}"
        )))
        .unwrap()
    };
    assert_eq!(t.send(req(None)).await.status(), StatusCode::FORBIDDEN);
    let res = t.send(req(Some("http://evil.example"))).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn out_of_scope_is_403_and_unknown_is_404() {
    let t = app().await;
    let cookie = t.cookie_for("employee@tend.example").await;
    let res = t.get("/", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(text(res).await.contains("Welcome, "));

    let page = t.get("/people/p0", Some(&cookie)).await;
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    let html = text(page).await;
    assert!(html.contains("403"));
    assert!(
        !html.contains("Chief Executive Officer"),
        "nothing about the person leaks"
    );

    let api = t.post("/api/person", "id=p0", Some(&cookie)).await;
    assert_eq!(api.status(), StatusCode::FORBIDDEN);
    assert_eq!(text(api).await, "\"Forbidden\"");

    assert_eq!(
        t.get("/people/p99999", Some(&cookie)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.post("/api/person", "id=p99999", Some(&cookie)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.get("/no/such/page", Some(&cookie)).await.status(),
        StatusCode::NOT_FOUND
    );
    let own = format!("/people/p{}", t.demo.employee);
    assert_eq!(t.get(&own, Some(&cookie)).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn malformed_and_oversized_bodies_get_a_plain_4xx() {
    let t = app().await;
    let cookie = t.cookie_for("hr@tend.example").await;
    let res = t.post("/api/person", "nothing=here", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(text(res).await, r#"{"Invalid":"The request was malformed."}"#);
    let res = t.post("/api/person", "%%%", Some(&cookie)).await;
    assert!(res.status().is_client_error(), "{}", res.status());
    let huge = format!("id={}", "a".repeat(200 * 1024));
    let declared = Request::post("/api/person")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, &cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, huge.len())
        .body(Body::from(huge.clone()))
        .unwrap();
    assert_eq!(t.send(declared).await.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Without a declared length the limit trips while reading: still a plain 4xx.
    let res = t.post("/api/person", huge, Some(&cookie)).await;
    assert!(res.status().is_client_error(), "{}", res.status());
}

#[tokio::test]
async fn html_in_names_is_escaped() {
    let t = app().await;
    let target = surrealdb::types::RecordId::new("person", format!("p{}", t.demo.employee));
    t.db.query("UPDATE $id SET name = '</title><script>alert(1)</script> Eve'")
        .bind(("id", target))
        .await
        .unwrap()
        .check()
        .unwrap();
    let cookie = t.cookie_for("hr@tend.example").await;
    let html = text(t.get(&format!("/people/p{}", t.demo.employee), Some(&cookie)).await).await;
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Eve"),
        "escaped in the body"
    );
    assert!(
        html.contains("<title>&lt;/title&gt;&lt;script&gt;"),
        "escaped in the title"
    );
    assert!(!html.contains("<script>alert(1)"), "never raw");
}

#[tokio::test]
async fn repeated_failures_lock_the_account() {
    let t = app().await;
    for _ in 0..5 {
        assert_eq!(
            t.login("manager@tend.example", "guess").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let res = t.login("manager@tend.example", DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(text(res).await.contains("RateLimited"));
    // Other accounts are unaffected.
    assert!(t
        .login("employee@tend.example", DEMO_PASSWORD)
        .await
        .headers()
        .contains_key(header::SET_COOKIE));
}

#[tokio::test]
async fn a_form_post_without_javascript_comes_back_with_the_error() {
    let t = app().await;
    let req = Request::post("/api/login")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, "http://127.0.0.1:3000/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("email=employee%40tend.example&password=nope"))
        .unwrap();
    let res = t.send(req).await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(location(&res), "/login?error=401");
}

#[tokio::test]
async fn sign_out_kills_the_session() {
    let t = app().await;
    let cookie = t.cookie_for("manager@tend.example").await;
    assert_eq!(t.get("/team", Some(&cookie)).await.status(), StatusCode::OK);
    let res = t.post("/api/logout", "", Some(&cookie)).await;
    assert!(res
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let res = t.get("/team", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the old cookie no longer signs in");
}

#[tokio::test]
async fn responses_carry_security_headers() {
    let t = app().await;
    let res = t.get("/login", None).await;
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["x-frame-options"], "DENY");
}

#[tokio::test]
async fn goal_pages_render_with_their_status_codes() {
    let app = app_seeded(true).await;
    let cookie = app.cookie_for("employee@tend.example").await;
    let res = app.get("/goals", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = text(res).await;
    assert!(html.contains("How goals align"), "tree page");
    assert!(html.contains("Company"), "company goals listed");

    let mut res = app
        .db
        .query("SELECT VALUE meta::id(id) FROM goal WHERE level = 'person' AND visibility = 'chain' AND owner != $me LIMIT 1")
        .bind(("me", surrealdb::types::RecordId::new("person", format!("p{}", app.demo.employee).as_str())))
        .await
        .unwrap();
    let hidden: Vec<String> = res.take(0).unwrap();
    let hidden = hidden.first().expect("the seed has reporting-line-only goals");
    // The employee manages no one and is not HR, so anyone else's
    // reporting-line-only goal is out of reach.
    let res = app.get(&format!("/goals/{hidden}"), Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/goals/no-such-goal", Some(&cookie)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/goals/mine", None).await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn goal_writes_need_a_session_and_valid_input() {
    let app = app_seeded(false).await;
    let draft = r#"{"draft":{"level":"person","owner":null,"title":"Cut churn from 5% to 3%","description":"",
        "period":{"Quarter":"2026-Q4"},"due":null,"parent":null,"alignment_weight":"1","visibility":"org",
        "key_results":[{"id":null,"title":"Churn","kind":"metric","unit":"%","baseline":"5","target":"5","weight":"-1"}]}}"#;
    let res = post_json(&app, "/api/create_goal", draft, None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let cookie = app.cookie_for("employee@tend.example").await;
    let res = post_json(&app, "/api/create_goal", draft, Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body = text(res).await;
    assert!(body.contains("nothing to achieve"), "{body}");
    assert!(body.contains("Weights cannot be negative."), "{body}");
    assert!(!body.to_lowercase().contains("surreal"), "no internals: {body}");
    let res = post_json(&app, "/api/create_goal", "{not json", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn feedback_pages_and_writes_check_session_and_input() {
    let app = app_seeded(false).await;
    let res = app.get("/feedback", None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = app.cookie_for("employee@tend.example").await;
    for path in [
        "/feedback",
        "/feedback/new",
        "/feedback/feed",
        "/feedback/check",
        "/one-on-ones",
    ] {
        let res = app.get(path, Some(&cookie)).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
    }
    // Managers only, HR only, unknown entries.
    assert_eq!(
        app.get("/feedback/team", Some(&cookie)).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/feedback/audit", Some(&cookie)).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/feedback/fdeadbeef", Some(&cookie)).await.status(),
        StatusCode::NOT_FOUND
    );
    let manager = app.cookie_for("manager@tend.example").await;
    assert_eq!(app.get("/feedback/team", Some(&manager)).await.status(), StatusCode::OK);

    let draft = r#"{"draft":{"recipient":"p0","kind":"constructive","visibility":"public","situation":"",
        "behaviour":"<script>alert(1)</script>","impact":"","suggestion":"","body":"","happened_on":"2020-01-01",
        "goal":null,"skill":"","ask":null,"corrects":null}}"#;
    let res = post_json(&app, "/api/give_feedback", draft, None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = post_json(&app, "/api/give_feedback", draft, Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body = text(res).await;
    assert!(body.contains("plain text"), "{body}");
    assert!(body.contains("Only praise can go on the public team feed"), "{body}");
    assert!(body.contains("last 12 months"), "{body}");
    assert!(!body.to_lowercase().contains("surreal"), "no internals: {body}");
}

#[tokio::test]
async fn capture_syncs_over_http_and_answers_each_item() {
    let app = app().await;
    // The capture page needs a session; the service worker script does not.
    assert_eq!(app.get("/capture", None).await.status(), StatusCode::SEE_OTHER);
    let sw = app.get("/sw.js", None).await;
    assert_eq!(sw.status(), StatusCode::OK);
    assert!(text(sw).await.contains("tend-pages-"));

    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
        - 60_000;
    let id = app::shared::uuid7::format(now as u64, [7; 10]);
    let me = app.demo.manager;
    let about = app.demo.employee;
    let day = app::shared::date::Day::today();
    let batch = format!(
        r#"{{"items":[{{"id":"{id}","author":"p{me}","created_at":{now},"edited_at":{now},"happened_on":"{day}",
            "payload":{{"kind":"note","about":"p{about}","text":"Ran the retro well"}}}},
          {{"id":"bad","author":"p{me}","created_at":{now},"edited_at":{now},"happened_on":"{day}",
            "payload":{{"kind":"note","about":"p{about}","text":"x"}}}}]}}"#
    );
    assert_eq!(
        post_json(&app, "/api/sync_capture", &batch, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let cookie = app.cookie_for("manager@tend.example").await;
    assert_eq!(app.get("/capture", Some(&cookie)).await.status(), StatusCode::OK);
    for round in 0..2 {
        let res = post_json(&app, "/api/sync_capture", &batch, Some(&cookie)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let body: serde_json::Value = serde_json::from_str(&text(res).await).unwrap();
        assert_eq!(body[0]["Stored"]["id"], id.as_str());
        assert_eq!(
            body[0]["Stored"]["created"],
            round == 0,
            "a resend finds the stored note"
        );
        assert_eq!(body[1]["Refused"]["InvalidFields"][0]["field"], "id");
    }
    let mut res = app.db.query("RETURN count(SELECT * FROM note)").await.unwrap();
    assert_eq!(res.take::<Option<i64>>(0).unwrap(), Some(1));
    let res = post_json(&app, "/api/sync_capture", r#"{"items":[{"id":1}]}"#, Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(!text(res).await.to_lowercase().contains("line"), "no parser internals");
}

async fn give_praise(db: &Db, from: usize, to: usize) {
    db.query(
        "CREATE feedback SET giver = $a, recipient = $b, recipient_unit = $b.org_unit, kind = 'praise',
            visibility = 'private', body = 'x', happened_on = <string>time::format(time::now(), '%Y-%m-%d'), quality = 50",
    )
    .bind(("a", surrealdb::types::RecordId::new("person", format!("p{from}"))))
    .bind(("b", surrealdb::types::RecordId::new("person", format!("p{to}"))))
    .await
    .and_then(|r| r.check())
    .unwrap();
}

#[tokio::test]
async fn live_updates_reach_only_those_who_may_see_them_and_resume_after_a_drop() {
    let app = app().await;
    assert_eq!(live(&app, None, None).await.status(), StatusCode::UNAUTHORIZED);
    let (manager, employee) = (app.demo.manager, app.demo.employee);
    let cookie = app.cookie_for("manager@tend.example").await;
    let res = live(&app, Some(&cookie), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/event-stream");
    let mut body = res.into_body();
    sse_until(&mut body, "event: ready", 5).await;
    // Two people outside the manager's part of the org exchange feedback
    // first, then the manager's report gets some.
    let mut res = app
        .db
        .query("array::complement((SELECT VALUE id FROM person), array::concat([$m], $m.{1..32+collect}<-reports_to<-person))")
        .bind(("m", surrealdb::types::RecordId::new("person", format!("p{manager}"))))
        .await
        .unwrap();
    let outside: Vec<surrealdb::types::RecordId> = res.take(0).unwrap();
    let key = |r: &surrealdb::types::RecordId| match &r.key {
        surrealdb::types::RecordIdKey::String(s) => s[1..].parse::<usize>().unwrap(),
        _ => unreachable!(),
    };
    let (a, b) = (key(&outside[0]), key(&outside[1]));
    give_praise(&app.db, a, b).await;
    give_praise(&app.db, employee, manager).await;
    let got = sse_until(&mut body, &format!("\"p{employee}\""), 5).await;
    assert!(got.contains("event: change") && got.contains("id: "), "{got}");
    assert!(
        !got.contains(&format!("\"p{a}\"")) && !got.contains(&format!("\"p{b}\"")),
        "outside the team: {got}"
    );
    let last_id = got
        .lines()
        .filter_map(|l| l.strip_prefix("id: "))
        .next_back()
        .unwrap()
        .to_owned();
    drop(body);

    // While disconnected, the report gets feedback; resuming tells of it.
    give_praise(&app.db, manager, employee).await;
    let res = live(&app, Some(&cookie), Some(&last_id)).await;
    let mut body = res.into_body();
    let got = sse_until(&mut body, &format!("\"p{employee}\""), 5).await;
    assert!(
        got.contains("event: change") && !got.contains("event: ready"),
        "a resume replays: {got}"
    );
    // A nonsense id is ignored rather than trusted.
    let res = live(&app, Some(&cookie), Some("'; DROP TABLE person")).await;
    assert_eq!(res.status(), StatusCode::OK);
    sse_until(&mut res.into_body(), "event: ready", 5).await;
}

#[tokio::test]
async fn a_live_stream_ends_with_its_session() {
    let app = app().await;
    let (manager, employee) = (app.demo.manager, app.demo.employee);
    let cookie = app.cookie_for("manager@tend.example").await;
    let mut body = live(&app, Some(&cookie), None).await.into_body();
    sse_until(&mut body, "event: ready", 5).await;
    let res = app.post("/api/logout", "", Some(&cookie)).await;
    assert!(
        res.status().is_redirection() || res.status().is_success(),
        "{}",
        res.status()
    );
    // A change the manager could see arrives after the sign-out: the stream
    // ends instead of telling of it.
    give_praise(&app.db, employee, manager).await;
    loop {
        match sse_next(&mut body, 5).await {
            None => break,
            Some(text) => assert!(!text.contains("event: change"), "sent after sign-out: {text}"),
        }
    }
    // The old cookie opens no new stream either.
    assert_eq!(live(&app, Some(&cookie), None).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_last_event_id_at_the_top_of_the_range_is_harmless() {
    let app = app().await;
    let cookie = app.cookie_for("manager@tend.example").await;
    let res = live(&app, Some(&cookie), Some(&u64::MAX.to_string())).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn one_person_holds_a_bounded_number_of_streams() {
    let app = app().await;
    let cookie = app.cookie_for("hr@tend.example").await;
    let mut open = Vec::new();
    loop {
        let res = live(&app, Some(&cookie), None).await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        assert_eq!(res.status(), StatusCode::OK);
        open.push(res.into_body());
        assert!(open.len() <= 8, "more than 8 streams for one person");
    }
    assert_eq!(open.len(), 8);
    // Closing one gives its place back.
    drop(open.pop());
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(live(&app, Some(&cookie), None).await.status(), StatusCode::OK);
}
