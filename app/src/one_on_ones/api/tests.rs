//! 1:1, coaching and perception-check server functions called as different
//! people on `mem://`: carry-over, private notes, who may open a 1:1, who may
//! record coaching, and the anonymity of the check.

use crate::error::AppError;
use crate::feedback::api::tests::{as_person, cast, today};
use crate::feedback::api::{answer_perception, claim_feedback, perception_questions, team_feedback_figures};
use crate::feedback::perception::Fortnight;
use crate::feedback::repo::perception;
use crate::one_on_ones::api::*;
use crate::one_on_ones::model::CoachingDraft;
use crate::people::repo as people;
use crate::server::repo::person_rid;
use crate::server::testing::{pid, seeded_db};
use crate::shared::date::Day;

#[tokio::test]
async fn perception_answers_are_anonymous_once_each_and_shown_from_three() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let reports = people::direct_reports(&db, &pid(c.manager)).await.unwrap();
    assert!(reports.len() >= 3);

    let _o = as_person(&db, c.recipient).await;
    let q = perception_questions().await.unwrap();
    assert!(q.has_manager && !q.answered && q.reports.is_empty());
    answer_perception(true).await.unwrap();
    assert!(answer_perception(false)
        .await
        .unwrap_err()
        .to_string()
        .contains("already answered"));
    assert!(perception_questions().await.unwrap().answered);
    // The stored answer names the team (the manager), never the person.
    let mut res = db.query("SELECT VALUE manager FROM perception_answer").await.unwrap();
    let teams: Vec<surrealdb::types::RecordId> = res.take(0).unwrap();
    assert_eq!(teams, vec![person_rid(&pid(c.manager))]);
    let mut res = db
        .query("SELECT VALUE object::keys($this) FROM perception_answer")
        .await
        .unwrap();
    let keys: Vec<Vec<String>> = res.take(0).unwrap();
    assert_eq!(keys[0].len(), 4, "id, manager, fortnight, helped: {keys:?}");

    let _o = as_person(&db, c.manager).await;
    let answers = reports
        .iter()
        .map(|r| (r.id.clone(), r.id == pid(c.recipient)))
        .collect();
    claim_feedback(answers).await.unwrap();
    let outsider = vec![(pid(c.hr), true)];
    assert!(claim_feedback(outsider).await.is_err());

    // Last fortnight: two answers hide the perceived share, three show it.
    let last = Fortnight::of(today()).prev();
    let m = person_rid(&pid(c.manager));
    perception::claim(
        &db,
        &m,
        last,
        &reports.iter().map(|r| (person_rid(&r.id), true)).collect::<Vec<_>>(),
    )
    .await
    .unwrap();
    for (i, r) in reports.iter().take(2).enumerate() {
        assert!(perception::answer(&db, &person_rid(&r.id), &m, last, i == 0)
            .await
            .unwrap());
    }
    let gap = team_feedback_figures().await.unwrap().gap;
    let own = gap.own.unwrap();
    assert_eq!(own.claimed, Some(1.0));
    assert_eq!(own.perceived, None);
    perception::answer(&db, &person_rid(&reports[2].id), &m, last, false)
        .await
        .unwrap();
    let own = team_feedback_figures().await.unwrap().gap.own.unwrap();
    assert!((own.perceived.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(own.gap_points(), Some(67));

    // The leader sees the manager's team only with the anonymity rules applied.
    let _o = as_person(&db, c.skip).await;
    let gap = team_feedback_figures().await.unwrap().gap;
    let total = gap.total.expect("a leader sees a total");
    for row in &gap.teams {
        assert!(row.view.perceived.is_none() || row.view.responses_shown);
    }
    assert!(total.perceived.is_some());
}

#[tokio::test]
async fn one_on_ones_carry_agenda_items_and_keep_notes_private() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let first = today().plus_days(1).to_string();

    let _o = as_person(&db, c.recipient).await;
    assert!(start_one_on_one(format!("p{}", c.giver), 7, first.clone())
        .await
        .is_err());
    let _o = as_person(&db, c.manager).await;
    assert!(start_one_on_one(format!("p{}", c.recipient), 5, first.clone())
        .await
        .unwrap_err()
        .field_message("cadence")
        .is_some());
    let id = start_one_on_one(format!("p{}", c.recipient), 7, first.clone())
        .await
        .unwrap();
    assert!(
        start_one_on_one(format!("p{}", c.recipient), 7, first.clone())
            .await
            .is_err(),
        "one series per pair"
    );
    add_agenda_item(id.clone(), "Promotion timeline".into()).await.unwrap();
    assert!(add_agenda_item(id.clone(), "  ".into())
        .await
        .unwrap_err()
        .field_message("agenda")
        .is_some());
    save_private_note(id.clone(), "Ask about workload".into())
        .await
        .unwrap();

    let _o = as_person(&db, c.recipient).await;
    add_agenda_item(id.clone(), "Conference budget".into()).await.unwrap();
    let v = one_on_one(id.clone()).await.unwrap();
    assert_eq!(v.current.agenda.len(), 2, "a shared agenda");
    assert_eq!(v.my_note, "", "the manager's note is not visible to the report");
    save_private_note(id.clone(), "Mention the on-call load".into())
        .await
        .unwrap();
    let done_item = v
        .current
        .agenda
        .iter()
        .find(|a| a.text == "Conference budget")
        .unwrap()
        .id
        .clone();
    set_agenda_done(done_item, true).await.unwrap();
    add_action_item(
        id.clone(),
        "Send the budget request".into(),
        format!("p{}", c.recipient),
        today().plus_days(7).to_string(),
    )
    .await
    .unwrap();
    assert!(
        add_action_item(id.clone(), "x".into(), format!("p{}", c.peer), today().to_string())
            .await
            .is_err()
    );
    assert!(
        add_action_item(id.clone(), "x".into(), format!("p{}", c.recipient), "2020-01-01".into())
            .await
            .is_err()
    );

    // Nobody else opens the 1:1, HR and the skip level included.
    for other in [c.hr, c.skip, c.peer] {
        let _o = as_person(&db, other).await;
        assert_eq!(one_on_one(id.clone()).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(
            save_private_note(id.clone(), "x".into()).await.unwrap_err(),
            AppError::Forbidden
        );
    }

    let _o = as_person(&db, c.manager).await;
    let v = one_on_one(id.clone()).await.unwrap();
    assert_eq!(v.my_note, "Ask about workload");
    complete_meeting(id.clone()).await.unwrap();
    let v = one_on_one(id.clone()).await.unwrap();
    assert_eq!(v.current.day, Day::parse(&first).unwrap().plus_days(7));
    assert_eq!(v.current.agenda.len(), 1);
    assert_eq!(v.current.agenda[0].text, "Promotion timeline");
    assert_eq!(v.current.agenda[0].carried, 1);
    assert_eq!(v.past.len(), 1);
    assert_eq!(v.past[0].agenda[0].text, "Conference budget");
    assert_eq!(v.my_note, "", "a new meeting starts a new note");
    assert_eq!(v.actions.len(), 1);
    assert_eq!(one_on_ones().await.unwrap().series.len(), 1);
}

#[tokio::test]
async fn coaching_records_are_written_by_someone_above() {
    let (db, d) = seeded_db().await;
    let c = cast(&db, &d).await;
    let record = |person: usize| CoachingDraft {
        person: format!("p{person}"),
        topic: "Estimating".into(),
        agreed: "Split tickets over 3 days".into(),
        follow_up: today().plus_days(14).to_string(),
        happened_on: today().to_string(),
    };
    let _o = as_person(&db, c.peer).await;
    assert_eq!(
        record_coaching(record(c.recipient)).await.unwrap_err(),
        AppError::Forbidden
    );
    let _o = as_person(&db, c.manager).await;
    let mut bad = record(c.recipient);
    bad.topic = String::new();
    bad.happened_on = today().plus_days(1).to_string();
    let e = record_coaching(bad).await.unwrap_err();
    assert!(e.field_message("topic").is_some() && e.field_message("happened_on").is_some());
    record_coaching(record(c.recipient)).await.unwrap();
    let id = start_one_on_one(format!("p{}", c.recipient), 14, today().to_string())
        .await
        .unwrap();
    assert_eq!(one_on_one(id).await.unwrap().coaching.len(), 1);
}
