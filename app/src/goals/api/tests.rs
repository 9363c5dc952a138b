//! Goal server functions called as different people on `mem://`: who may
//! create, edit, align and see what, and what the roll-up does.

use crate::error::AppError;
use crate::goals::api::form::{create_goal, goal_form_options, parent_options, update_goal};
use crate::goals::api::updates::{check_in, review_goal, review_sheet, set_goal_status};
use crate::goals::api::{get_goal, goal_tree, my_goals, search_goals, team_goals};
use crate::goals::model::{
    CheckInDraft, GoalDraft, GoalId, KrDraft, KrKind, KrUpdate, Level, Period, ReviewDecision, Status, Visibility,
};
use crate::people::repo as people;
use crate::server::db::Db;
use crate::server::seed::plan::DemoAccounts;
use crate::server::testing::{pid, request_as, seeded_db, user};
use crate::shared::date::{Day, Quarter};
use crate::shared::ids::PersonId;

fn quarter() -> Quarter {
    Quarter::of(Day::today())
}

fn draft(level: Level, owner: &PersonId, title: &str, parent: Option<&GoalId>) -> GoalDraft {
    GoalDraft {
        level,
        owner: Some(owner.clone()),
        title: title.into(),
        description: String::new(),
        period: Period::Quarter(quarter()),
        due: Some(quarter().end()),
        parent: parent.cloned(),
        alignment_weight: "1".into(),
        visibility: Visibility::Org,
        key_results: vec![metric("Conversion", "2", "4")],
    }
}

fn metric(title: &str, baseline: &str, target: &str) -> KrDraft {
    KrDraft {
        id: None,
        title: title.into(),
        kind: KrKind::Metric,
        unit: "%".into(),
        baseline: baseline.into(),
        target: target.into(),
        weight: "1".into(),
    }
}

async fn as_person(db: &Db, index: usize) -> leptos::prelude::Owner {
    request_as(db, Some(user(db, index).await))
}

/// A report of the demo manager other than the demo employee.
async fn peer(db: &Db, d: &DemoAccounts) -> PersonId {
    people::direct_reports(db, &pid(d.manager))
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id != pid(d.employee))
        .unwrap()
        .id
}

/// The unit level the signed-in person heads (team or department, by org size).
async fn head_level() -> Level {
    goal_form_options()
        .await
        .unwrap()
        .owners
        .iter()
        .find(|o| o.level != Level::Person)
        .expect("managers head a unit")
        .level
}

async fn first_kr(id: &GoalId) -> String {
    get_goal(id.to_string()).await.unwrap().key_results[0].id.clone()
}

fn checkin(kr: &str, value: &str) -> CheckInDraft {
    CheckInDraft {
        updates: vec![KrUpdate {
            kr: kr.into(),
            value: value.into(),
            done: false,
        }],
        note: "Moving".into(),
        confidence: 7,
        status: None,
    }
}

#[tokio::test]
async fn edit_rights_follow_the_reporting_line() {
    let (db, d) = seeded_db().await;
    let peer = peer(&db, &d).await;
    let employee = pid(d.employee);

    let _o = as_person(&db, d.employee).await;
    let mine = create_goal(draft(
        Level::Person,
        &employee,
        "Cut onboarding from 10 to 5 days",
        None,
    ))
    .await
    .unwrap();
    let edit = |title: &str| draft(Level::Person, &employee, title, None);
    update_goal(mine.to_string(), edit("Cut onboarding from 10 to 4 days"))
        .await
        .unwrap();

    let _o = as_person(&db, d.manager).await;
    update_goal(mine.to_string(), edit("Edited by my manager"))
        .await
        .expect("report's goal");
    let _o = as_person(&db, d.leader).await;
    update_goal(mine.to_string(), edit("Edited by the skip level"))
        .await
        .expect("skip-report's goal");
    let _o = as_person(&db, d.hr).await;
    update_goal(mine.to_string(), edit("Edited by HR"))
        .await
        .expect("HR edits all");

    let peer_index: usize = peer.as_str()[1..].parse().unwrap();
    let _o = as_person(&db, peer_index).await;
    assert_eq!(
        update_goal(mine.to_string(), edit("Peer")).await.unwrap_err(),
        AppError::Forbidden,
        "a peer's goal"
    );
    let kr = first_kr(&mine).await;
    assert_eq!(
        check_in(mine.to_string(), checkin(&kr, "3")).await.unwrap_err(),
        AppError::Forbidden
    );

    let _o = as_person(&db, d.manager).await;
    let managers = create_goal(draft(Level::Person, &pid(d.manager), "Hire 2 engineers", None))
        .await
        .unwrap();
    let _o = as_person(&db, d.employee).await;
    assert_eq!(
        update_goal(
            managers.to_string(),
            draft(Level::Person, &pid(d.manager), "Mine now", None)
        )
        .await
        .unwrap_err(),
        AppError::Forbidden,
        "your manager's goal"
    );
    let history = get_goal(mine.to_string()).await.unwrap().history;
    let titles: Vec<_> = history.iter().filter(|e| e.field == "title").collect();
    assert_eq!(titles.len(), 4, "every edit is audited: {history:?}");
    assert_eq!(titles[0].to.as_deref(), Some("Edited by HR"));
    assert_eq!(titles[0].from.as_deref(), Some("Edited by the skip level"));
}

#[tokio::test]
async fn owners_must_be_in_reach_and_unit_goals_belong_to_unit_heads() {
    let (db, d) = seeded_db().await;
    let peer = peer(&db, &d).await;
    let _o = as_person(&db, d.employee).await;
    let err = create_goal(draft(Level::Person, &peer, "Ship 3 flows", None))
        .await
        .unwrap_err();
    assert!(err.field_message("owner").is_some(), "{err:?}");
    let err = create_goal(draft(Level::Team, &pid(d.employee), "Ship 3 flows", None))
        .await
        .unwrap_err();
    assert!(err.field_message("owner").unwrap().contains("head"), "{err:?}");
    let options = goal_form_options().await.unwrap();
    assert_eq!(options.owners.len(), 1, "an employee sets only their own goals");

    let _o = as_person(&db, d.manager).await;
    let options = goal_form_options().await.unwrap();
    assert!(
        options
            .owners
            .iter()
            .any(|o| matches!(o.level, Level::Team | Level::Department)),
        "{:?}",
        options.owners
    );
    assert!(options.owners.iter().any(|o| o.owner.id == pid(d.employee)));
}

#[tokio::test]
async fn goals_align_upwards_only_and_never_in_loops() {
    let (db, d) = seeded_db().await;
    let _o = as_person(&db, 0).await;
    let company = create_goal(draft(Level::Company, &pid(0), "Grow ARR from $4m to $6m", None))
        .await
        .unwrap();
    let _o = as_person(&db, d.manager).await;
    let unit = head_level().await;
    let team = create_goal(draft(
        unit,
        &pid(d.manager),
        "Raise conversion from 2% to 4%",
        Some(&company),
    ))
    .await
    .unwrap();
    let mgr_personal = create_goal(draft(Level::Person, &pid(d.manager), "Hire 2 engineers", Some(&team)))
        .await
        .unwrap();

    let _o = as_person(&db, d.employee).await;
    let q = quarter();
    let options = parent_options(
        "person".into(),
        pid(d.employee).to_string(),
        q.start().to_string(),
        q.end().to_string(),
        None,
    )
    .await
    .unwrap();
    let ids: Vec<_> = options.iter().map(|g| g.id.clone()).collect();
    assert!(
        ids.contains(&company) && ids.contains(&team) && ids.contains(&mgr_personal),
        "{ids:?}"
    );
    let mine = create_goal(draft(
        Level::Person,
        &pid(d.employee),
        "Cut onboarding from 10 to 5 days",
        Some(&mgr_personal),
    ))
    .await
    .unwrap();

    // A peer's goal is not above you.
    let peer = peer(&db, &d).await;
    let peer_index: usize = peer.as_str()[1..].parse().unwrap();
    let _o = as_person(&db, peer_index).await;
    let err = create_goal(draft(Level::Person, &peer, "Ship 3 flows", Some(&mine)))
        .await
        .unwrap_err();
    assert!(err.field_message("parent").unwrap().contains("upwards"), "{err:?}");

    // Aligning the manager's goal to the report's goal that aligns to it is a loop.
    let _o = as_person(&db, d.manager).await;
    let err = update_goal(
        mgr_personal.to_string(),
        draft(Level::Person, &pid(d.manager), "Hire 2 engineers", Some(&mine)),
    )
    .await
    .unwrap_err();
    assert!(err.field_message("parent").unwrap().contains("loop"), "{err:?}");
    let err = update_goal(
        mgr_personal.to_string(),
        draft(Level::Person, &pid(d.manager), "Hire 2 engineers", Some(&mgr_personal)),
    )
    .await
    .unwrap_err();
    assert!(err.field_message("parent").unwrap().contains("itself"), "{err:?}");
    // A team goal cannot align to a personal goal.
    let err = update_goal(
        team.to_string(),
        draft(
            unit,
            &pid(d.manager),
            "Raise conversion from 2% to 4%",
            Some(&mgr_personal),
        ),
    )
    .await
    .unwrap_err();
    assert!(err.field_message("parent").is_some(), "{err:?}");

    // The tree shows the company goal with the team goal under it.
    let tree = goal_tree(None).await.unwrap();
    let root = tree
        .roots
        .iter()
        .find(|n| n.goal.id == company)
        .expect("company goal is a root");
    assert!(root.children.iter().any(|c| c.id == team));
}

#[tokio::test]
async fn a_check_in_moves_progress_and_rolls_up() {
    let (db, d) = seeded_db().await;
    let _o = as_person(&db, d.manager).await;
    let team = create_goal(draft(
        head_level().await,
        &pid(d.manager),
        "Raise conversion from 2% to 4%",
        None,
    ))
    .await
    .unwrap();
    let _o = as_person(&db, d.employee).await;
    let mine = create_goal(draft(
        Level::Person,
        &pid(d.employee),
        "Cut onboarding from 10 to 5 days",
        Some(&team),
    ))
    .await
    .unwrap();
    let kr = first_kr(&mine).await;
    check_in(mine.to_string(), checkin(&kr, "3")).await.unwrap();
    let g = get_goal(mine.to_string()).await.unwrap();
    assert!(
        (g.goal.progress - 0.5).abs() < 1e-9,
        "2 -> 3 of 2 -> 4 is half: {}",
        g.goal.progress
    );
    assert_eq!(g.checkins.len(), 1);
    assert_eq!(g.checkins[0].changes[0].to, 3.0);
    assert!(g
        .history
        .iter()
        .any(|e| e.field.contains("Conversion") && e.to.as_deref() == Some("3 %")));

    let _o = as_person(&db, d.manager).await;
    let parent = get_goal(team.to_string()).await.unwrap();
    // Team: own results 0, aligned goal 0.5 -> half of each.
    assert!((parent.goal.progress - 0.25).abs() < 1e-9, "{}", parent.goal.progress);

    // Every check-in is kept; a bad number is refused at its field.
    let _o = as_person(&db, d.employee).await;
    check_in(mine.to_string(), checkin(&kr, "4")).await.unwrap();
    let err = check_in(mine.to_string(), checkin(&kr, "lots")).await.unwrap_err();
    assert!(err.field_message(&format!("value.{kr}")).is_some(), "{err:?}");
    let mut bad = checkin(&kr, "4");
    bad.confidence = 11;
    assert!(check_in(mine.to_string(), bad)
        .await
        .unwrap_err()
        .field_message("confidence")
        .is_some());
    let g = get_goal(mine.to_string()).await.unwrap();
    assert_eq!(g.checkins.len(), 2);
    assert_eq!(g.goal.status, Status::Done, "all results met");

    // A status set by hand is kept and recorded.
    set_goal_status(mine.to_string(), Some(Status::AtRisk), "Waiting on legal".into())
        .await
        .unwrap();
    let g = get_goal(mine.to_string()).await.unwrap();
    assert_eq!(g.goal.status, Status::AtRisk);
    assert!(g.status_overridden);
    assert!(g
        .history
        .iter()
        .any(|e| e.field == "status" && e.to.as_deref().unwrap_or("").contains("Waiting on legal")));
}

#[tokio::test]
async fn bad_input_is_refused_at_the_field() {
    let (db, d) = seeded_db().await;
    let _o = as_person(&db, d.employee).await;
    let me = pid(d.employee);
    let mut g = draft(Level::Person, &me, "Cut churn from 5% to 3%", None);
    g.key_results[0].target = "2".into();
    let err = create_goal(g.clone()).await.unwrap_err();
    assert!(err.field_message("kr.0.target").unwrap().contains("nothing to achieve"));
    g.key_results[0].target = "4".into();
    g.key_results[0].weight = "-2".into();
    assert!(create_goal(g.clone())
        .await
        .unwrap_err()
        .field_message("kr.0.weight")
        .is_some());
    g.key_results[0].weight = "1".into();
    g.period = Period::Custom {
        start: quarter().end(),
        end: quarter().start(),
    };
    assert!(create_goal(g.clone())
        .await
        .unwrap_err()
        .field_message("period")
        .is_some());
    g.period = Period::Quarter(quarter());
    g.title = "x".repeat(121);
    assert!(create_goal(g.clone())
        .await
        .unwrap_err()
        .field_message("title")
        .is_some());
    assert!(my_goals(None).await.unwrap().goals.is_empty(), "nothing was saved");
    assert!(matches!(
        get_goal("g;DELETE goal".into()).await.unwrap_err(),
        AppError::NotFound
    ));
    assert!(matches!(
        my_goals(Some("2026-Q9".into())).await.unwrap_err(),
        AppError::Invalid(_)
    ));
}

#[tokio::test]
async fn private_goals_show_only_up_the_reporting_line() {
    let (db, d) = seeded_db().await;
    let _o = as_person(&db, d.employee).await;
    let mut g = draft(Level::Person, &pid(d.employee), "Pass the AWS exam with 80%", None);
    g.visibility = Visibility::Chain;
    let private = create_goal(g).await.unwrap();
    let _o = as_person(&db, d.manager).await;
    assert!(get_goal(private.to_string()).await.is_ok());
    let peer = peer(&db, &d).await;
    let peer_index: usize = peer.as_str()[1..].parse().unwrap();
    let _o = as_person(&db, peer_index).await;
    assert_eq!(get_goal(private.to_string()).await.unwrap_err(), AppError::Forbidden);
    assert!(search_goals("aws exam".into(), None).await.unwrap().is_empty());
    // Aligning to it answers exactly as for a goal that does not exist: the
    // alignment check is no oracle for goals one cannot see (issue 22).
    let refusal = |parent: GoalId| {
        let peer = peer.clone();
        async move {
            create_goal(draft(
                Level::Person,
                &peer,
                "Write the exam prep guide by June",
                Some(&parent),
            ))
            .await
            .unwrap_err()
            .field_message("parent")
        }
    };
    let hidden = refusal(private.clone()).await;
    assert_eq!(hidden, refusal(GoalId::parse("g00000000000000000000").unwrap()).await);
    assert_eq!(hidden.as_deref(), Some("That goal no longer exists."));
    let _o = as_person(&db, d.hr).await;
    assert_eq!(search_goals("aws exam".into(), None).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_team_view_flags_missing_and_stale_goals() {
    let (db, d) = seeded_db().await;
    let _o = as_person(&db, d.manager).await;
    let view = team_goals(None).await.unwrap();
    assert_eq!(view.stale_days, 14);
    let me = view.members.iter().find(|m| m.person.id == pid(d.employee)).unwrap();
    assert!(me.no_current);
    create_goal(draft(Level::Person, &pid(d.employee), "Ship 3 flows", None))
        .await
        .unwrap();
    let view = team_goals(Some(30)).await.unwrap();
    let me = view.members.iter().find(|m| m.person.id == pid(d.employee)).unwrap();
    assert!(!me.no_current);
    assert_eq!(me.goals.len(), 1);
    // Give the first report by name a goal too: both now sort after everyone
    // still without one.
    let first = view.members[0].person.id.clone();
    create_goal(draft(Level::Person, &first, "Publish 4 case studies", None))
        .await
        .unwrap();
    // A year's threshold, so new goals without check-ins are not stale yet.
    let view = team_goals(Some(365)).await.unwrap();
    let needs: Vec<bool> = view.members.iter().map(|m| m.no_current || m.stale > 0).collect();
    assert!(needs.windows(2).all(|w| w[0] >= w[1]), "attention first: {needs:?}");
    assert_eq!(
        view.members
            .iter()
            .rev()
            .take(2)
            .filter(|m| m.person.id == first || m.person.id == pid(d.employee))
            .count(),
        2,
        "those with goals come last"
    );
    assert!(matches!(team_goals(Some(0)).await.unwrap_err(), AppError::Invalid(_)));
}

#[tokio::test]
async fn the_quarterly_review_carries_a_goal_over_once() {
    let (db, d) = seeded_db().await;
    let _o = as_person(&db, d.employee).await;
    let mine = create_goal(draft(
        Level::Person,
        &pid(d.employee),
        "Cut onboarding from 10 to 5 days",
        None,
    ))
    .await
    .unwrap();
    let kr = first_kr(&mine).await;
    check_in(mine.to_string(), checkin(&kr, "3")).await.unwrap();

    let err = review_goal(mine.to_string(), ReviewDecision::CarryOver, "short".into())
        .await
        .unwrap_err();
    assert!(err.field_message("reflection").is_some());
    let next = review_goal(
        mine.to_string(),
        ReviewDecision::CarryOver,
        "Halfway there; legal review slowed us.".into(),
    )
    .await
    .unwrap()
    .expect("a carry-over returns the new goal");
    let carried = get_goal(next.to_string()).await.unwrap();
    assert_eq!(carried.predecessor.as_ref().map(|p| p.id.clone()), Some(mine.clone()));
    assert_eq!(carried.goal.period, quarter().next().label());
    assert_eq!(carried.key_results[0].current, 3.0, "progress carries over");
    let old = get_goal(mine.to_string()).await.unwrap();
    assert_eq!(old.successor.map(|s| s.id), Some(next.clone()));
    assert_eq!(old.review.unwrap().outcome, "carried_over");

    assert!(
        review_goal(mine.to_string(), ReviewDecision::CarryOver, "Once more, please.".into())
            .await
            .is_err()
    );
    assert!(
        check_in(mine.to_string(), checkin(&kr, "4")).await.is_err(),
        "reviewed goals are closed"
    );

    // The manager sees the report's reviewed goal in their sheet.
    let _o = as_person(&db, d.manager).await;
    let sheet = review_sheet(None).await.unwrap();
    let group = sheet.groups.iter().find(|g| g.owner.id == pid(d.employee)).unwrap();
    assert!(group.items.iter().any(|i| i.goal.id == mine && i.review.is_some()));
}

#[tokio::test]
async fn signed_out_callers_get_nothing() {
    let (db, _) = seeded_db().await;
    let _o = request_as(&db, None);
    assert_eq!(goal_tree(None).await.unwrap_err(), AppError::Unauthorized);
    assert_eq!(my_goals(None).await.unwrap_err(), AppError::Unauthorized);
    assert_eq!(get_goal("g1".into()).await.unwrap_err(), AppError::Unauthorized);
}
