//! What the goals feature tells people: a goal aligned under theirs, and a
//! check-in on a goal they follow (one they own that someone else updated,
//! or one aligned under theirs). Someone is told only about a goal they may
//! see: an org-wide goal, or one of a person below them.

use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service::{tell, Note};
use crate::server::db::Db;
use crate::server::repo::{db_err, key_of};
use crate::server::CurrentUser;
use crate::shared::ids::PersonId;
use surrealdb::types::RecordId;

/// The goal a notice is about.
pub struct About<'a> {
    pub id: &'a RecordId,
    pub title: &'a str,
    pub owner: &'a RecordId,
    pub visibility: &'a str,
    pub parent: Option<&'a RecordId>,
}

async fn parent_owner(db: &Db, parent: &RecordId) -> Result<Option<RecordId>, AppError> {
    let mut res = db
        .query("RETURN $p.owner")
        .bind(("p", parent.clone()))
        .await
        .map_err(db_err)?;
    res.take(0).map_err(db_err)
}

/// Whether `who` may see the goal: it is org-wide, or its owner is below them.
async fn may_see(db: &Db, who: &RecordId, g: &About<'_>) -> bool {
    if g.visibility == "org" || who == g.owner {
        return true;
    }
    match (PersonId::parse(&key_of(who)), PersonId::parse(&key_of(g.owner))) {
        (Some(w), Some(o)) => crate::people::repo::is_above(db, &w, &o).await.unwrap_or(false),
        _ => false,
    }
}

/// The owner of the parent goal, when it is someone other than the actor and may see the goal.
async fn follower(db: &Db, actor: &RecordId, g: &About<'_>) -> Option<RecordId> {
    let p = parent_owner(db, g.parent?).await.ok().flatten()?;
    (p != *actor && p != *g.owner && may_see(db, &p, g).await).then_some(p)
}

/// A goal was created or moved under another person's goal.
pub async fn aligned(db: &Db, user: &CurrentUser, g: About<'_>) {
    let actor = crate::server::repo::person_rid(&user.id);
    let Some(to) = follower(db, &actor, &g).await else {
        return;
    };
    let id = key_of(g.id);
    let parent = g.parent.map(key_of).unwrap_or_default();
    tell(
        db,
        vec![Note {
            to,
            kind: Kind::GoalAligned,
            occasion: format!("aligned:{id}:{parent}"),
            text: format!("{} aligned “{}” to your goal", user.name, g.title),
            link: format!("/goals/{id}"),
            subject: format!("goal:{parent}"),
        }],
    )
    .await;
}

/// Someone checked in on a goal: its owner (if it was someone else) and the
/// owner of the goal it aligns to hear of it.
pub async fn checked_in(db: &Db, user: &CurrentUser, g: About<'_>, checkin: &str) {
    let actor = crate::server::repo::person_rid(&user.id);
    let id = key_of(g.id);
    let mut to = Vec::new();
    if *g.owner != actor {
        to.push(g.owner.clone());
    }
    to.extend(follower(db, &actor, &g).await);
    let notes = to
        .into_iter()
        .map(|t| Note {
            to: t,
            kind: Kind::GoalCheckIn,
            occasion: format!("checkin:{checkin}"),
            text: format!("{} checked in on “{}”", user.name, g.title),
            link: format!("/goals/{id}"),
            subject: format!("goal:{id}"),
        })
        .collect();
    tell(db, notes).await;
}
