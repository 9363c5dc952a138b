//! Issue 22's privacy probes on feedback, as server functions on `mem://`:
//! no private rating can be worked out from the usefulness figure, a goal
//! is named only to those who may see it, and the colleague picker is no
//! directory of emails.

use super::tests::{as_person, cast, coaching_from_manager, draft, today};
use crate::feedback::api::*;
use crate::feedback::model::{FeedbackKind, FeedbackVisibility};
use crate::people::repo as people;
use crate::server::db::Db;
use crate::server::testing::{pid, seeded_db};
use crate::shared::date::Day;

/// Backdates when an entry was rated, into `quarter`.
async fn rated_in(db: &Db, id: &str, quarter: crate::shared::date::Quarter) {
    db.query("UPDATE $f SET rated_at = <datetime>$at")
        .bind(("f", surrealdb::types::RecordId::new("feedback", id)))
        .bind(("at", format!("{}T12:00:00Z", quarter.start().plus_days(10))))
        .await
        .and_then(|r| r.check())
        .unwrap();
}

/// Issue 22: a rating must not be recoverable by reading the figure before
/// and after a rating arrives or an entry is deleted.
#[tokio::test]
async fn the_usefulness_figure_covers_an_ended_quarter_and_never_moves_once_shown() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let last = crate::shared::date::Quarter::of(Day::today()).prev();
    let ids = coaching_from_manager(&db, &c, 5).await;
    let _o = as_person(&db, c.recipient).await;
    for (id, rating) in ids.iter().zip([4, 3, 5]) {
        rate_feedback(id.clone(), rating, String::new()).await.unwrap();
        rated_in(&db, id, last).await;
    }
    let _o = as_person(&db, c.manager).await;
    let shown = team_feedback_figures().await.unwrap();
    assert_eq!(shown.usefulness_quarter, last);
    assert_eq!((shown.my_usefulness, shown.my_ratings), (Some(4.0), Some(3)));

    // The manager deletes the entry rated 5: the figure stays.
    delete_feedback(ids[2].clone(), "Sent to the wrong person".into())
        .await
        .unwrap();
    let after_delete = team_feedback_figures().await.unwrap();
    assert_eq!(
        (after_delete.my_usefulness, after_delete.my_ratings),
        (Some(4.0), Some(3))
    );

    // Ratings arriving now, or changed, do not move it either.
    let _o = as_person(&db, c.recipient).await;
    rate_feedback(ids[3].clone(), 1, String::new()).await.unwrap();
    rate_feedback(ids[0].clone(), 1, String::new()).await.unwrap();
    let _o = as_person(&db, c.manager).await;
    let later = team_feedback_figures().await.unwrap();
    assert_eq!((later.my_usefulness, later.my_ratings), (Some(4.0), Some(3)));
}

/// A goal shown only up its owner's reporting line stays out of feedback
/// that others may read: public praise names it only to those who may see
/// the goal (issue 22).
#[tokio::test]
async fn feedback_names_a_goal_only_to_those_who_may_see_it() {
    use crate::goals::model::{GoalDraft, KrDraft, KrKind, Level, Period, Visibility};
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let quarter = crate::shared::date::Quarter::of(today());
    let _o = as_person(&db, c.recipient).await;
    let goal = crate::goals::api::form::create_goal(GoalDraft {
        level: Level::Person,
        owner: Some(pid(c.recipient)),
        title: "Pass the AWS exam with 80%".into(),
        description: String::new(),
        period: Period::Quarter(quarter),
        due: Some(quarter.end()),
        parent: None,
        alignment_weight: "1".into(),
        visibility: Visibility::Chain,
        key_results: vec![KrDraft {
            id: None,
            title: "Practice score".into(),
            kind: KrKind::Metric,
            unit: "%".into(),
            baseline: "50".into(),
            target: "80".into(),
            weight: "1".into(),
        }],
    })
    .await
    .unwrap();
    // Their manager, who sees the goal, praises them for it in public.
    let _o = as_person(&db, c.manager).await;
    let mut praise = draft(c.recipient, FeedbackKind::Praise, FeedbackVisibility::Public);
    praise.goal = Some(goal.to_string());
    let id = give_feedback(praise).await.unwrap();
    let named = get_feedback(id.clone()).await.unwrap().entry.goal;
    assert_eq!(named.map(|(g, _)| g), Some(goal.to_string()));
    // A teammate reads the praise, in the entry and in the feed, but not the goal.
    let _o = as_person(&db, c.peer).await;
    assert_eq!(get_feedback(id.clone()).await.unwrap().entry.goal, None);
    let feed = team_praise(None).await.unwrap();
    let entry = feed
        .entries
        .iter()
        .find(|e| e.id == id)
        .expect("the praise is in the feed");
    assert_eq!(entry.goal, None);
}

/// Choosing a colleague matches names only: an email fragment that is in
/// no name finds nobody, so the picker is no directory of addresses.
#[tokio::test]
async fn the_colleague_picker_matches_names_not_emails() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let _o = as_person(&db, c.giver).await;
    let employee = people::summary(&db, &pid(c.recipient)).await.unwrap().unwrap();
    let first = employee.name.split_whitespace().next().unwrap().to_owned();
    assert!(find_colleagues(first.clone())
        .await
        .unwrap()
        .iter()
        .any(|p| p.id == employee.id));
    assert!(find_colleagues("tend.example".into()).await.unwrap().is_empty());
    assert!(find_colleagues("employee@".into()).await.unwrap().is_empty());
}
