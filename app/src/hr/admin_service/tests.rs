//! HR's one-at-a-time changes on `mem://`, in the seeded test org.

use super::*;
use crate::people::repo as people;
use crate::server::testing::{pid, seeded_db, user};

fn today() -> Day {
    Day::today()
}

fn field_of(e: &AppError) -> String {
    match e {
        AppError::InvalidFields(f) => f[0].field.clone(),
        other => format!("{other:?}"),
    }
}

async fn unit_of(db: &Db, who: usize) -> String {
    repo::stored(db, pid(who).as_str()).await.unwrap().unwrap().fields.unit
}

#[tokio::test]
async fn hr_adds_and_edits_a_person_and_every_change_is_in_their_history() {
    let (db, d) = seeded_db().await;
    let hr = user(&db, d.hr).await;
    let form = PersonForm {
        email: "New.Hire@Tend.Example".into(),
        name: "Nia Hire".into(),
        title: "Engineer".into(),
        unit: unit_of(&db, d.employee).await,
        manager: Some(pid(d.manager).to_string()),
        ..Default::default()
    };
    // Only HR.
    let employee = user(&db, d.employee).await;
    assert_eq!(
        save(&db, &employee, form.clone(), today()).await.unwrap_err(),
        AppError::Forbidden
    );
    let key = save(&db, &hr, form.clone(), today()).await.unwrap();
    let nia = PersonId::parse(&key).unwrap();
    assert!(people::is_above(&db, &pid(d.manager), &nia).await.unwrap());
    // The same email again is refused on its field.
    let e = save(&db, &hr, form.clone(), today()).await.unwrap_err();
    assert_eq!(field_of(&e), "email");
    // An edit: the new title is audited as from → to, by HR's name.
    let mut edit = form.clone();
    edit.id = Some(key.clone());
    edit.email = "new.hire@tend.example".into();
    edit.title = "Senior Engineer".into();
    save(&db, &hr, edit.clone(), today()).await.unwrap();
    let record = person(&db, &hr, &key).await.unwrap();
    assert_eq!(record.title, "Senior Engineer");
    let title = record.history.iter().find(|c| c.what == "title").unwrap();
    assert_eq!(
        (title.was.as_deref(), title.became.as_deref()),
        (Some("Engineer"), Some("Senior Engineer"))
    );
    assert_eq!((title.by.as_str(), title.source.as_str()), (hr.name.as_str(), "admin"));
    assert!(record.history.iter().any(|c| c.what == "joined"));
    // Saving unchanged writes nothing new.
    save(&db, &hr, edit, today()).await.unwrap();
    assert_eq!(
        person(&db, &hr, &key).await.unwrap().history.len(),
        record.history.len()
    );
    // HR cannot take away their own HR access.
    let mut me = form;
    let mine = person(&db, &hr, hr.id.as_str()).await.unwrap();
    me.id = Some(mine.id.clone());
    me.email = mine.email;
    me.name = mine.name;
    me.unit = mine.unit.0;
    me.is_hr = false;
    assert_eq!(field_of(&save(&db, &hr, me, today()).await.unwrap_err()), "is_hr");
}

#[tokio::test]
async fn a_dated_manager_change_moves_reach_and_refuses_loops_and_future_days() {
    let (db, d) = seeded_db().await;
    let hr = user(&db, d.hr).await;
    let (emp, mgr, leader) = (pid(d.employee), pid(d.manager), pid(d.leader));
    // Moving the manager under their own report would loop.
    let e = change_manager(&db, &hr, mgr.as_str(), emp.as_str(), today(), today())
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "manager");
    let e = change_manager(&db, &hr, emp.as_str(), leader.as_str(), today().plus_days(3), today())
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "effective");
    let effective = today().plus_days(-14);
    change_manager(&db, &hr, emp.as_str(), leader.as_str(), effective, today())
        .await
        .unwrap();
    assert!(people::is_above(&db, &leader, &emp).await.unwrap());
    let direct = people::direct_reports(&db, &mgr).await.unwrap();
    assert!(direct.iter().all(|p| p.id != emp), "no longer the manager's report");
    let line = person(&db, &hr, emp.as_str()).await.unwrap().history.remove(0);
    assert_eq!(line.what, "manager");
    assert_eq!(line.effective, effective.to_string());
    let manager_name = people::summary(&db, &mgr).await.unwrap().unwrap().name;
    let leader_name = people::summary(&db, &leader).await.unwrap().unwrap().name;
    assert_eq!((line.was, line.became), (Some(manager_name), Some(leader_name)));
    // Again to the same manager: said plainly.
    let e = change_manager(&db, &hr, emp.as_str(), leader.as_str(), today(), today())
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), "manager");
}

#[tokio::test]
async fn units_are_created_renamed_moved_and_merged_with_headcounts_following() {
    let (db, d) = seeded_db().await;
    let hr = user(&db, d.hr).await;
    let top = people::units::unit(&db, None).await.unwrap().unwrap();
    let a = create_unit(&db, &hr, &top.id, "Research").await.unwrap();
    let b = create_unit(&db, &hr, &top.id, "Labs").await.unwrap();
    assert_eq!(
        field_of(&create_unit(&db, &hr, &top.id, "Labs").await.unwrap_err()),
        "name"
    );
    assert_eq!(
        field_of(&create_unit(&db, &hr, &top.id, "A/B").await.unwrap_err()),
        "name"
    );
    rename_unit(&db, &hr, &a, "Research & Development").await.unwrap();
    // Labs moves under R&D and becomes a team; R&D cannot move under Labs.
    move_unit(&db, &hr, &b, &a).await.unwrap();
    let labs = people::units::unit(&db, Some(&b)).await.unwrap().unwrap();
    assert_eq!((labs.parent.as_deref(), labs.kind.as_str()), (Some(a.as_str()), "team"));
    assert_eq!(field_of(&move_unit(&db, &hr, &a, &b).await.unwrap_err()), "parent");
    // The employee joins Labs; merging Labs into R&D keeps them, counted.
    let mut form = PersonForm::default();
    let emp = person(&db, &hr, pid(d.employee).as_str()).await.unwrap();
    form.id = Some(emp.id.clone());
    form.email = emp.email;
    form.name = emp.name;
    form.title = emp.title;
    form.unit = b.clone();
    save(&db, &hr, form, today()).await.unwrap();
    assert_eq!(
        people::units::headcounts(&db, &[a.clone(), b.clone()]).await.unwrap(),
        [1, 1]
    );
    merge_units(&db, &hr, &b, &a).await.unwrap();
    assert!(
        people::units::unit(&db, Some(&b)).await.unwrap().is_none(),
        "merged away"
    );
    assert_eq!(unit_of(&db, d.employee).await, a);
    let list = units(&db, &hr).await.unwrap();
    let rd = list.iter().find(|u| u.id == a).unwrap();
    assert_eq!((rd.headcount, rd.path.ends_with("/Research & Development")), (1, true));
    let total: u32 = list.iter().filter(|u| u.depth == 0).map(|u| u.headcount).sum();
    assert_eq!(
        total as u64,
        people::count_all(&db).await.unwrap(),
        "nobody lost or counted twice"
    );
}
