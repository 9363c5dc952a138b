//! Peer nomination: the ratee proposes peers, their manager approves or
//! changes the list, and each approved peer gets a peer review to write.

use crate::error::AppError;
use crate::people::repo as people;
use crate::people::repo::org_chart;
use crate::reviews::model::form::Nomination;
use crate::reviews::model::ReviewKind;
use crate::reviews::repo::cycles::cycle_rid;
use crate::reviews::repo::results as repo;
use crate::server::db::Db;
use crate::server::repo::person_rid;
use crate::server::CurrentUser;
use crate::shared::date::Day;
use crate::shared::ids::PersonId;
use surrealdb::types::RecordId;

/// The most peers one person may be reviewed by in a cycle.
pub const MAX_PEERS: usize = 8;
/// The most peer reviews one person is asked to write in a cycle.
pub const PEER_LOAD: usize = 5;

async fn open_cycle(db: &Db, cycle: &str, today: Day) -> Result<repo::CycleInfo, AppError> {
    let info = repo::cycle(db, cycle).await?.ok_or(AppError::NotFound)?;
    if !info.has(ReviewKind::Peer) {
        return Err(AppError::Invalid("This cycle has no peer reviews.".into()));
    }
    crate::reviews::phase::check_nominate(info.phase(today)).map_err(AppError::Invalid)?;
    Ok(info)
}

/// Whether `user` is `ratee`'s manager.
async fn manages(db: &Db, user: &CurrentUser, ratee: &RecordId) -> Result<bool, AppError> {
    Ok(org_chart::managers(db, ratee).await?.first() == Some(&person_rid(&user.id)))
}

/// Checks a list of peers for `ratee`: real people, not the ratee, each in
/// the cycle, no repeats, not too many.
async fn check_peers(db: &Db, cycle: &RecordId, ratee: &PersonId, peers: &[String]) -> Result<Vec<RecordId>, AppError> {
    if peers.len() > MAX_PEERS {
        return Err(AppError::Invalid(format!("Choose at most {MAX_PEERS} peers.")));
    }
    let mut out: Vec<RecordId> = Vec::new();
    for p in peers {
        let id =
            PersonId::parse(p).ok_or_else(|| AppError::Invalid("One of the peers is not anyone in Tend.".into()))?;
        if id == *ratee {
            return Err(AppError::Invalid(
                "You cannot be your own peer reviewer; choose a colleague.".into(),
            ));
        }
        let name = people::summary(db, &id)
            .await?
            .ok_or_else(|| AppError::Invalid("One of the peers is not anyone in Tend.".into()))?
            .name;
        let rid = person_rid(&id);
        if !repo::is_participant(db, cycle, &rid).await? {
            return Err(AppError::Invalid(format!(
                "{name} is not taking part in this cycle, so they cannot review you in it."
            )));
        }
        if out.contains(&rid) {
            return Err(AppError::Invalid(format!("{name} is on the list twice.")));
        }
        out.push(rid);
    }
    Ok(out)
}

/// The nominations for `ratee`, for the ratee or their manager.
pub async fn list(db: &Db, user: &CurrentUser, cycle: &str, ratee: &PersonId) -> Result<Vec<Nomination>, AppError> {
    let r = person_rid(ratee);
    if user.id != *ratee && !manages(db, user, &r).await? {
        return Err(AppError::Forbidden);
    }
    let mut out = Vec::new();
    for (peer, approved) in repo::nominations(db, &cycle_rid(cycle), &r).await? {
        let id = PersonId::parse(&crate::server::repo::key_of(&peer)).ok_or(AppError::Internal)?;
        if let Some(p) = people::summary(db, &id).await? {
            out.push(Nomination { peer: p, approved });
        }
    }
    out.sort_by(|a, b| a.peer.name.cmp(&b.peer.name));
    Ok(out)
}

/// The signed-in person proposes who should review them as peers.
pub async fn propose(db: &Db, user: &CurrentUser, cycle: &str, peers: &[String], today: Day) -> Result<(), AppError> {
    open_cycle(db, cycle, today).await?;
    let c = cycle_rid(cycle);
    let me = person_rid(&user.id);
    if !repo::is_participant(db, &c, &me).await? {
        return Err(AppError::Forbidden);
    }
    let peers = check_peers(db, &c, &user.id, peers).await?;
    repo::propose(db, &c, &me, &peers).await
}

/// The ratee's manager approves the final list of peers (adding or removing
/// any); each approved peer gets a peer review, within their load limit.
pub async fn approve(
    db: &Db,
    user: &CurrentUser,
    cycle: &str,
    ratee: &PersonId,
    peers: &[String],
    today: Day,
) -> Result<(), AppError> {
    let info = open_cycle(db, cycle, today).await?;
    let c = cycle_rid(cycle);
    let r = person_rid(ratee);
    if !manages(db, user, &r).await? {
        return Err(AppError::Forbidden);
    }
    let peers = check_peers(db, &c, ratee, peers).await?;
    for p in &peers {
        if repo::peer_load(db, &c, p, &r).await? >= PEER_LOAD {
            let id = PersonId::parse(&crate::server::repo::key_of(p)).ok_or(AppError::Internal)?;
            let name = people::summary(db, &id).await?.map(|s| s.name).unwrap_or_default();
            return Err(AppError::Invalid(format!(
                "{name} already writes {PEER_LOAD} peer reviews in this cycle; choose someone else."
            )));
        }
    }
    let due = info.write_due.clone().ok_or(AppError::Internal)?;
    let period_to = crate::reviews::repo::cycles::period_to(db, &c).await?;
    repo::approve(db, &c, &r, &peers, &period_to, &due).await?;
    crate::reviews::notices::assigned(db, &c).await;
    Ok(())
}
