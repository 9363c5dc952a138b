//! The reminder scan and the home page on `mem://`, through the features'
//! own services: a silent goal is reminded once per step and escalated to
//! the manager; an ask is told, listed on the asked person's home page,
//! reminded after five days, and gone from both once answered.

use super::*;
use crate::feedback::model::{AskDraft, FeedbackDraft, FeedbackKind, FeedbackVisibility};
use crate::notify::model::Kind;
use crate::server::testing::{seeded_db, user};
use crate::today::model::ItemKind;

async fn kinds(db: &Db, who: &CurrentUser) -> Vec<(Kind, String)> {
    crate::notify::service::inbox(db, who)
        .await
        .unwrap()
        .notices
        .into_iter()
        .map(|n| (n.kind, n.text))
        .collect()
}

/// What `who` was told about the test goal ("Ship the beta").
async fn about_beta(db: &Db, who: &CurrentUser) -> Vec<(Kind, String)> {
    kinds(db, who)
        .await
        .into_iter()
        .filter(|(_, t)| t.contains("beta"))
        .collect()
}

async fn silent_goal(db: &Db, owner: &CurrentUser, days: i64, today: Day) -> RecordId {
    let id = RecordId::new("goal", crate::server::repo::new_key("g"));
    db.query(
        "CREATE $id SET level = 'person', unit = $owner.org_unit, owner = $owner, title = 'Ship the <b>beta</b>',
            period_start = $from, period_end = $to, status = 'on_track', created_by = $owner,
            created_at = time::now() - $age",
    )
    .bind(("id", id.clone()))
    .bind(("owner", person_rid(&owner.id)))
    .bind(("from", today.plus_days(-40).to_string()))
    .bind(("to", today.plus_days(40).to_string()))
    .bind(("age", surrealdb::types::Duration::from_secs(days as u64 * 86_400)))
    .await
    .unwrap()
    .check()
    .unwrap();
    id
}

#[tokio::test]
async fn a_silent_goal_is_reminded_once_per_step_then_escalated_and_a_check_in_stops_it() {
    let (db, demo) = seeded_db().await;
    let kim = user(&db, demo.employee).await;
    let boss = user(&db, demo.manager).await;
    let today = Day::today();
    let goal = silent_goal(&db, &kim, 8, today).await;
    let first = scan(&db, today).await.unwrap();
    assert!(first.reminders >= 1);
    scan(&db, today).await.unwrap();
    let mine: Vec<(Kind, String)> = about_beta(&db, &kim).await;
    assert_eq!(mine.len(), 1, "a second scan tells nothing new: {mine:?}");
    assert_eq!(mine[0].0, Kind::Reminder);
    assert!(mine[0].1.contains("8 days"));
    // Downtime until day 30: one more reminder (the 14-day step), and the manager hears.
    db.query("UPDATE $g SET created_at = time::now() - 30d")
        .bind(("g", goal.clone()))
        .await
        .unwrap();
    scan(&db, today).await.unwrap();
    let mine: Vec<(Kind, String)> = about_beta(&db, &kim).await;
    assert_eq!(mine.len(), 2, "{mine:?}");
    let told: Vec<(Kind, String)> = about_beta(&db, &boss).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].0, Kind::Escalation);
    assert!(told[0].1.starts_with(&kim.name));
    // The home page says when it reminded; a check-in today ends the reminders.
    let home = crate::today::service::today(&db, &kim, today, 7).await.unwrap();
    let item = home
        .items
        .iter()
        .find(|i| i.kind == ItemKind::CheckIn && i.title.contains("beta"))
        .unwrap();
    assert!(item.reminded.is_some(), "reminded on … is shown");
    db.query("UPDATE $g SET last_checkin = $d")
        .bind(("g", goal))
        .bind(("d", today.to_string()))
        .await
        .unwrap();
    scan(&db, today).await.unwrap();
    assert_eq!(about_beta(&db, &kim).await.len(), 2);
    let home = crate::today::service::today(&db, &kim, today, 7).await.unwrap();
    assert!(
        !home.items.iter().any(|i| i.title.contains("beta")),
        "done work leaves the home page"
    );
}

#[tokio::test]
async fn an_ask_is_told_listed_reminded_and_gone_once_answered() {
    crate::notify::service::set_gather_secs(0);
    let (db, demo) = seeded_db().await;
    let kim = user(&db, demo.employee).await;
    let boss = user(&db, demo.manager).await;
    let today = Day::today();
    crate::feedback::service::ask(
        &db,
        &kim,
        AskDraft {
            topic: "my demo on Friday".into(),
            colleagues: vec![boss.id.clone()],
        },
    )
    .await
    .unwrap();
    let told = kinds(&db, &boss).await;
    assert!(
        told.iter()
            .any(|(k, t)| *k == Kind::FeedbackAsk && t.contains("my demo on Friday") && t.contains(&kim.name)),
        "{told:?}"
    );
    let home = crate::today::service::today(&db, &boss, today, 7).await.unwrap();
    let item = home
        .items
        .iter()
        .find(|i| i.kind == ItemKind::FeedbackAsk)
        .expect("the ask is on the home page");
    let ask = item.link.split("ask=").nth(1).unwrap().to_owned();
    // Five days on, a reminder.
    db.query("UPDATE feedback_ask SET created_at = time::now() - 6d")
        .await
        .unwrap();
    scan(&db, today).await.unwrap();
    assert!(kinds(&db, &boss)
        .await
        .iter()
        .any(|(k, t)| *k == Kind::Reminder && t.contains("6 days ago")));
    // Answered: gone from the home page, the asker hears, no more reminders.
    let mut d = FeedbackDraft::blank(kim.id.as_str(), today);
    d.kind = FeedbackKind::Praise;
    d.visibility = FeedbackVisibility::Private;
    d.situation = "Friday's demo".into();
    d.behaviour = "You showed the rollback live and answered each question with data.".into();
    d.impact = "The board approved the launch on the spot.".into();
    d.ask = Some(ask);
    crate::feedback::service::give(&db, &boss, d, today).await.unwrap();
    let home = crate::today::service::today(&db, &boss, today, 7).await.unwrap();
    assert!(!home.items.iter().any(|i| i.kind == ItemKind::FeedbackAsk));
    assert!(kinds(&db, &kim)
        .await
        .iter()
        .any(|(k, t)| *k == Kind::FeedbackReceived && t.contains("answered your ask")));
    let asks = |v: Vec<(Kind, String)>| v.into_iter().filter(|(_, t)| t.contains("asked you")).count();
    let before = asks(kinds(&db, &boss).await);
    scan(&db, today.plus_days(3)).await.unwrap();
    assert_eq!(asks(kinds(&db, &boss).await), before);
}
