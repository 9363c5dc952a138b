//! Review cycles against an in-memory database: who may reach which review,
//! drafts that survive, submission rules and HR's reopen.

use super::*;
use crate::reviews::model::form::RatingDraft;
use crate::server::testing::{seeded_db, user};

fn today() -> Day {
    Day::parse("2026-11-28").unwrap()
}

fn cycle(name: &str) -> CycleDraft {
    CycleDraft {
        name: name.into(),
        period_from: "2026-07-01".into(),
        period_to: "2026-12-31".into(),
        unit: String::new(),
        self_review: true,
        manager_review: true,
        peer_review: false,
        upward_review: false,
        write_due: "2026-12-15".into(),
        ..Default::default()
    }
}

fn complete(form: &ReviewForm) -> ReviewDraft {
    ReviewDraft {
        ratings: form
            .template
            .competencies
            .iter()
            .map(|c| RatingDraft {
                competency: c.key.clone(),
                rating: Some(3),
                comment: String::new(),
            })
            .collect(),
        answers: vec!["Ran the Q3 migration.".into()],
        overall: Some(3),
        ..Default::default()
    }
}

#[tokio::test]
async fn hr_starts_a_cycle_and_each_person_gets_self_and_manager_reviews() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let employee = user(&db, demo.employee).await;
    assert!(matches!(
        create_cycle(&db, &employee, &cycle("2026 H2"), today()).await,
        Err(AppError::Forbidden)
    ));
    create_cycle(&db, &hr, &cycle("2026 H2"), today()).await.unwrap();
    let again = create_cycle(&db, &hr, &cycle("2026 H2"), today()).await.unwrap_err();
    assert!(
        again.to_string().contains("already a cycle called “2026 H2”"),
        "{again}"
    );

    let mine = tasks(&db, &employee).await.unwrap();
    assert_eq!(
        mine.len(),
        1,
        "an employee without reports writes only their self review"
    );
    assert_eq!(mine[0].review.kind, ReviewKind::SelfReview);
    let manager = user(&db, demo.manager).await;
    let theirs = tasks(&db, &manager).await.unwrap();
    let reports = people::direct_reports(&db, &manager.id).await.unwrap();
    assert_eq!(theirs.len(), 1 + reports.len());

    let progress = progress(&db, &hr, today()).await.unwrap();
    assert_eq!(progress.len(), 1);
    assert_eq!(
        progress[0].template, "Standard v2",
        "the newest version: v1 with a goal-achievement section"
    );
    let expected_self = crate::server::testing::TEST_PEOPLE as u32;
    assert!(progress[0].kinds.contains(&(ReviewKind::SelfReview, 0, expected_self)));
    assert!(matches!(progress_of(&db, &employee).await, Err(AppError::Forbidden)));

    // Upward: each report reviews their manager.
    let mut up = cycle("Upward only");
    up.self_review = false;
    up.manager_review = false;
    up.upward_review = true;
    create_cycle(&db, &hr, &up, today()).await.unwrap();
    let mine = tasks(&db, &employee).await.unwrap();
    let upward: Vec<_> = mine.iter().filter(|t| t.review.kind == ReviewKind::Upward).collect();
    assert_eq!(upward.len(), 1);
    assert_eq!(upward[0].ratee, manager.name);
}

async fn progress_of(db: &Db, u: &CurrentUser) -> Result<Vec<CycleProgress>, AppError> {
    progress(db, u, today()).await
}

#[tokio::test]
async fn a_draft_survives_and_only_its_reviewer_can_reach_it() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let key = create_cycle(&db, &hr, &cycle("2026 H2"), today()).await.unwrap();
    let employee = user(&db, demo.employee).await;
    let r = ReviewRef {
        cycle: key.clone(),
        ratee: employee.id.as_str().into(),
        kind: ReviewKind::SelfReview,
    };
    let form0 = form(&db, &employee, &r).await.unwrap();
    assert_eq!(form0.template.competencies.len(), 4);
    assert!(form0.draft.ratings.is_empty() && !form0.submitted);
    let mut draft = complete(&form0);
    draft.ratings[0].rating = None;
    draft.ratings[1].comment = "Paired with Sam on the billing fix every week.".into();
    assert!(
        form0.template.goals,
        "the newest Standard template has a goal-achievement section"
    );
    draft.goal_rating = Some(4);
    draft.goal_comment = "Met three of four goals; the fourth moved to Q1.".into();
    save(&db, &employee, &r, &draft).await.unwrap();
    let reread = form(&db, &employee, &r).await.unwrap();
    assert_eq!(reread.draft, draft);
    assert!(reread.saved_at.is_some());

    // Someone else asking for the same review reaches their own (absent) one.
    let manager = user(&db, demo.manager).await;
    assert!(matches!(form(&db, &manager, &r).await, Err(AppError::NotFound)));
    assert!(matches!(save(&db, &manager, &r, &draft).await, Err(AppError::NotFound)));
    let bad_cycle = ReviewRef {
        cycle: "x:1".into(),
        ..r.clone()
    };
    assert!(matches!(
        form(&db, &employee, &bad_cycle).await,
        Err(AppError::NotFound)
    ));
}

#[tokio::test]
async fn submission_needs_every_rating_comments_on_extremes_and_the_deadline() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let key = create_cycle(&db, &hr, &cycle("2026 H2"), today()).await.unwrap();
    let employee = user(&db, demo.employee).await;
    let r = ReviewRef {
        cycle: key,
        ratee: employee.id.as_str().into(),
        kind: ReviewKind::SelfReview,
    };
    let f = form(&db, &employee, &r).await.unwrap();
    let mut draft = complete(&f);
    draft.ratings[0].rating = Some(7);
    let off = submit(&db, &employee, &r, &draft, today()).await.unwrap_err();
    assert!(off.to_string().contains("7 is off the scale"), "{off}");

    draft.ratings[0].rating = Some(5);
    let extreme = submit(&db, &employee, &r, &draft, today()).await.unwrap_err();
    assert!(extreme.to_string().contains("rated 5: say why"), "{extreme}");
    assert_eq!(
        form(&db, &employee, &r).await.unwrap().draft,
        draft,
        "a refused submission still keeps the draft"
    );

    draft.ratings[0].comment = "Shipped the Q3 migration two weeks early.".into();
    let late = submit(&db, &employee, &r, &draft, Day::parse("2026-12-16").unwrap())
        .await
        .unwrap_err();
    assert!(late.to_string().contains("ask HR for an extension"), "{late}");
    extend(&db, &hr, &r, &employee.id, Day::parse("2026-12-20").unwrap(), today())
        .await
        .unwrap();
    let told = crate::notify::service::inbox(&db, &employee).await.unwrap().notices;
    assert!(
        told.iter()
            .any(|n| n.kind == crate::notify::model::Kind::ReviewExtended && n.text.ends_with("2026-12-20")),
        "the writer is told their new deadline: {told:?}"
    );
    submit(&db, &employee, &r, &draft, Day::parse("2026-12-16").unwrap())
        .await
        .unwrap();

    let locked = form(&db, &employee, &r).await.unwrap();
    assert!(locked.submitted);
    let edit = save(&db, &employee, &r, &draft).await.unwrap_err();
    assert!(edit.to_string().contains("locked"), "{edit}");

    let employee_reopens = reopen(&db, &employee, &r, &employee.id, "typo").await;
    assert!(matches!(employee_reopens, Err(AppError::Forbidden)));
    assert!(reopen(&db, &hr, &r, &employee.id, "  ").await.is_err());
    reopen(&db, &hr, &r, &employee.id, "Rated the wrong competency")
        .await
        .unwrap();
    assert!(!form(&db, &employee, &r).await.unwrap().submitted);
    let mut res = db
        .query("RETURN $r.reopened.reason")
        .bind(("r", rid_for(&r, &employee.id).unwrap()))
        .await
        .unwrap();
    let reasons: Vec<String> = res.take(0).unwrap();
    assert_eq!(reasons, vec!["Rated the wrong competency".to_owned()]);
}

#[tokio::test]
async fn a_cycle_for_one_unit_includes_the_units_below_it_only() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let manager = user(&db, demo.manager).await;
    let placement = crate::people::repo::org_chart::placement(&db, &person_rid(&manager.id))
        .await
        .unwrap()
        .unwrap();
    let mut d = cycle("One team");
    d.unit = crate::server::repo::key_of(&placement.unit);
    d.manager_review = false;
    create_cycle(&db, &hr, &d, today()).await.unwrap();
    let p = progress(&db, &hr, today()).await.unwrap();
    let (_, _, n) = p[0].kinds[0];
    assert!(n > 1 && (n as usize) < crate::server::testing::TEST_PEOPLE, "{n}");
    assert_eq!(p[0].kinds.len(), 1);
    let mut gone = cycle("Nowhere");
    gone.unit = "no-such-unit".into();
    assert!(create_cycle(&db, &hr, &gone, today()).await.is_err());
}

#[tokio::test]
async fn a_cycle_for_managers_only_on_a_chosen_template_with_a_higher_threshold() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let employee = user(&db, demo.employee).await;
    let manager = user(&db, demo.manager).await;
    let mut d = cycle("Managers only");
    d.audience = "managers".into();
    d.anonymity = "5".into();
    d.template = "Standard|1".into();
    let key = create_cycle(&db, &hr, &d, today()).await.unwrap();
    let mine = |tasks: Vec<ReviewTask>| tasks.into_iter().filter(|t| t.review.cycle == key).collect::<Vec<_>>();
    let for_manager = mine(tasks(&db, &manager).await.unwrap());
    assert!(
        for_manager.iter().any(|t| t.review.kind == ReviewKind::SelfReview),
        "a manager takes part"
    );
    assert!(
        mine(tasks(&db, &employee).await.unwrap()).is_empty(),
        "an individual contributor neither writes nor receives a review"
    );
    let info = crate::reviews::repo::results::cycle(&db, &key).await.unwrap().unwrap();
    assert_eq!(info.anonymity, Some(5));
    let on_v1 = form(&db, &manager, &for_manager[0].review).await.unwrap();
    assert_eq!(
        (on_v1.template.version, on_v1.template.goals),
        (1, false),
        "the chosen version, without goals"
    );
    let mut with_goals = complete(&on_v1);
    with_goals.goal_rating = Some(4);
    assert!(
        matches!(save(&db, &manager, &for_manager[0].review, &with_goals).await, Err(AppError::Invalid(m)) if m.contains("no goal-achievement"))
    );

    let mut gone = cycle("Gone template");
    gone.template = "Standard|9".into();
    assert!(
        matches!(create_cycle(&db, &hr, &gone, today()).await, Err(AppError::Invalid(m)) if m.contains("does not exist"))
    );
    let mut low = cycle("Low threshold");
    low.anonymity = "2".into();
    assert!(
        matches!(create_cycle(&db, &hr, &low, today()).await, Err(AppError::Invalid(m)) if m.contains("from 3 to 20"))
    );
}

#[tokio::test]
async fn hr_moves_a_cycle_through_its_phases_and_each_phase_allows_only_its_work() {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let employee = user(&db, demo.employee).await;
    let manager = user(&db, demo.manager).await;
    let mut d = cycle("Phased");
    d.peer_review = true;
    d.calibration = true;
    d.nominate_due = "2026-12-01".into();
    let key = create_cycle(&db, &hr, &d, today()).await.unwrap();
    let phase = |list: Vec<CycleProgress>| {
        list.into_iter()
            .find(|c| c.key == key)
            .map(|c| (c.phase, c.next))
            .unwrap()
    };
    assert_eq!(
        phase(progress(&db, &hr, today()).await.unwrap()),
        (Phase::Nomination, Some(Phase::Writing))
    );
    assert_eq!(
        advance(&db, &manager, &key, today()).await.unwrap_err(),
        AppError::Forbidden
    );

    // Nomination ends early: proposing peers is refused.
    assert_eq!(advance(&db, &hr, &key, today()).await.unwrap(), Phase::Writing);
    let proposal =
        crate::reviews::peers_service::propose(&db, &employee, &key, &[format!("p{}", demo.hr)], today()).await;
    assert!(
        matches!(proposal, Err(AppError::Invalid(m)) if m.contains("nomination is over")),
        "refused in writing"
    );

    // The manager writes during writing; then calibration holds the results.
    let mine = ReviewRef {
        cycle: key.clone(),
        ratee: employee.id.as_str().into(),
        kind: ReviewKind::Manager,
    };
    let form_m = form(&db, &manager, &mine).await.unwrap();
    submit(&db, &manager, &mine, &complete(&form_m), today()).await.unwrap();
    assert_eq!(advance(&db, &hr, &key, today()).await.unwrap(), Phase::Calibration);
    let share = crate::reviews::results_service::share(&db, &manager, &key, &employee.id, today()).await;
    assert!(matches!(share, Err(AppError::Invalid(m)) if m.contains("calibration")));

    // Writing is over for everyone without an extension.
    let own = ReviewRef {
        cycle: key.clone(),
        ratee: employee.id.as_str().into(),
        kind: ReviewKind::SelfReview,
    };
    let form_e = form(&db, &employee, &own).await.unwrap();
    let late = submit(&db, &employee, &own, &complete(&form_e), today()).await;
    assert!(matches!(late, Err(AppError::Invalid(m)) if m.contains("Writing is over")));
    assert_eq!(
        form(&db, &employee, &own).await.unwrap().draft,
        complete(&form_e),
        "the draft is kept"
    );
    extend(&db, &hr, &own, &employee.id, Day::parse("2026-12-20").unwrap(), today())
        .await
        .unwrap();
    submit(&db, &employee, &own, &complete(&form_e), today()).await.unwrap();

    // Calibration done: results may be shared.
    assert_eq!(advance(&db, &hr, &key, today()).await.unwrap(), Phase::Sharing);
    crate::reviews::results_service::share(&db, &manager, &key, &employee.id, today())
        .await
        .unwrap();
    assert_eq!(advance(&db, &hr, &key, today()).await.unwrap(), Phase::Closed);
    assert!(matches!(advance(&db, &hr, &key, today()).await, Err(AppError::Invalid(m)) if m.contains("closed")));
}
