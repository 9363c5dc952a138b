//! The attack of issue 22, run against the service on an in-memory
//! database: upward reviews come in one by one, on time, late on an
//! extension and after release, and the skip-level leader reads the
//! results after every step. No two reads may differ by one answer.

use super::*;
use crate::reviews::model::form::{CycleDraft, GroupResult};
use crate::reviews::model::ReviewRef;
use crate::reviews::{progress_service, service as reviews};
use crate::server::testing::{complete_draft, seeded_db, user};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

async fn person(db: &Db, id: &PersonId) -> CurrentUser {
    crate::people::repo::viewer(db, id).await.unwrap().unwrap()
}

/// One read, reduced to what a reader could compare: per shown group its
/// count, comments and the first competency's mean.
type Read = Vec<Option<(u32, Vec<String>, Option<f64>)>>;

fn read_of(r: &ReviewResults) -> Read {
    r.groups
        .iter()
        .enumerate()
        .map(|(i, g): (usize, &GroupResult)| {
            g.shown.then(|| {
                (
                    g.responses.unwrap_or(0),
                    g.comments.clone(),
                    r.competencies[0].groups[i],
                )
            })
        })
        .collect()
}

/// Two reads of the same group differ by none, or by at least three answers
/// in the count and in the comments.
fn assert_no_single_difference(reads: &[Read]) {
    for a in reads {
        for b in reads {
            for (x, y) in a.iter().zip(b) {
                let (Some((n, cs, _)), Some((m, ds, _))) = (x, y) else {
                    continue;
                };
                let dn = n.abs_diff(*m);
                assert!(dn == 0 || dn >= 3, "two reads differ by {dn} answers");
                let gone = cs.iter().filter(|c| !ds.contains(c)).count();
                let came = ds.iter().filter(|c| !cs.contains(c)).count();
                assert!(gone == 0 || gone >= 3, "{gone} comments told apart");
                assert!(came == 0 || came >= 3, "{came} comments told apart");
                if dn == 0 {
                    assert_eq!(x, y, "a group of the same size reads the same");
                }
            }
        }
    }
}

/// A cycle of manager and upward reviews, due 2026-12-15, with the demo
/// manager as the ratee of their reports' upward reviews.
struct Upward {
    db: Db,
    hr: CurrentUser,
    leader: CurrentUser,
    manager: CurrentUser,
    cycle: String,
    upward: ReviewRef,
    reports: Vec<crate::people::model::PersonSummary>,
}

async fn upward_cycle() -> Upward {
    let (db, demo) = seeded_db().await;
    let hr = user(&db, demo.hr).await;
    let leader = user(&db, demo.leader).await;
    let manager = user(&db, demo.manager).await;
    let d = CycleDraft {
        name: "Upward".into(),
        period_from: "2026-07-01".into(),
        period_to: "2026-12-31".into(),
        self_review: false,
        manager_review: true,
        peer_review: false,
        upward_review: true,
        write_due: "2026-12-15".into(),
        ..Default::default()
    };
    let cycle = reviews::create_cycle(&db, &hr, &d, day("2026-11-28")).await.unwrap();
    let reports = crate::people::repo::direct_reports(&db, &manager.id).await.unwrap();
    let upward = ReviewRef {
        cycle: cycle.clone(),
        ratee: manager.id.as_str().into(),
        kind: ReviewKind::Upward,
    };
    Upward {
        db,
        hr,
        leader,
        manager,
        cycle,
        upward,
        reports,
    }
}

#[tokio::test]
async fn upward_answers_arriving_one_by_one_are_never_told_apart() {
    let Upward {
        db,
        hr,
        leader,
        manager,
        cycle,
        upward,
        reports,
    } = upward_cycle().await;
    assert!(reports.len() >= 4, "the demo manager leads a team of {}", reports.len());
    let submit = |i: usize, on: &'static str| {
        let (db, upward, who) = (db.clone(), upward.clone(), reports[i].id.clone());
        async move {
            let who = person(&db, &who).await;
            let form = reviews::form(&db, &who, &upward).await.unwrap();
            let draft = complete_draft(&form.template, 1 + (i % 5) as u8, &format!("Upward answer {i}"));
            reviews::submit(&db, &who, &upward, &draft, day(on)).await.unwrap();
        }
    };
    let mut reads: Vec<Read> = Vec::new();
    let mut look = |r: ReviewResults| {
        reads.push(read_of(&r));
        r
    };

    // On time: two answers, read after each. Nothing shows while writing is open.
    for i in 0..2 {
        submit(i, "2026-11-30").await;
        let r = look(
            results(&db, &leader, &cycle, &manager.id, day("2026-12-01"))
                .await
                .unwrap(),
        );
        assert!(r.anonymous_waiting && r.groups.iter().all(|g| !g.shown));
    }
    // HR reaches no single writer: reopening one named report is refused
    // the same way whether or not they wrote.
    for i in [0, 3] {
        let err = reviews::reopen(&db, &hr, &upward, &reports[i].id, "Wrong quarter")
            .await
            .unwrap_err();
        assert!(err.to_string().contains("anonymous"), "{err}");
        let err = reviews::extend(&db, &hr, &upward, &reports[i].id, day("2026-12-20"), day("2026-12-01"))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("anonymous"), "{err}");
    }
    // The missing ones get more time together; writing stays open for the
    // manager until the extension runs out, though the cycle moved on.
    let extended = progress_service::extend_missing(&db, &hr, &upward, day("2026-12-20"), day("2026-12-01"))
        .await
        .unwrap();
    assert_eq!(extended as usize, reports.len() - 2);
    let r = look(
        results(&db, &leader, &cycle, &manager.id, day("2026-12-16"))
            .await
            .unwrap(),
    );
    assert!(r.anonymous_waiting, "an extension is still running");
    submit(2, "2026-12-17").await;
    let r = look(
        results(&db, &leader, &cycle, &manager.id, day("2026-12-18"))
            .await
            .unwrap(),
    );
    assert!(r.anonymous_waiting);

    // Writing closes: the three answers are released together, once.
    let first = look(
        results(&db, &leader, &cycle, &manager.id, day("2026-12-21"))
            .await
            .unwrap(),
    );
    assert!(!first.anonymous_waiting);
    let upward_group = &first.groups[2];
    assert_eq!(upward_group.responses, Some(3));

    // One more extension and one late answer: the figures stand, during the
    // extension and after it.
    progress_service::extend_missing(&db, &hr, &upward, day("2026-12-24"), day("2026-12-21"))
        .await
        .unwrap();
    submit(3, "2026-12-22").await;
    for on in ["2026-12-22", "2026-12-23", "2026-12-26"] {
        let again = look(results(&db, &leader, &cycle, &manager.id, day(on)).await.unwrap());
        assert_eq!(again.groups, first.groups, "read on {on}");
        assert_eq!(again.competencies, first.competencies, "read on {on}");
    }
    assert_no_single_difference(&reads);
}

#[tokio::test]
async fn a_reader_after_release_sees_what_the_first_reader_saw_whoever_they_are() {
    // The leader reads first (releasing); the ratee, once shared, reads
    // the same figures.
    let Upward {
        db,
        hr: _,
        leader,
        manager,
        cycle,
        upward,
        reports,
    } = upward_cycle().await;
    for (i, p) in reports.iter().take(3).enumerate() {
        let who = person(&db, &p.id).await;
        let form = reviews::form(&db, &who, &upward).await.unwrap();
        let draft = complete_draft(&form.template, 2 + i as u8, "Fine");
        reviews::submit(&db, &who, &upward, &draft, day("2026-12-01"))
            .await
            .unwrap();
    }
    let mine = ReviewRef {
        kind: ReviewKind::Manager,
        ..upward.clone()
    };
    let form = reviews::form(&db, &leader, &mine).await.unwrap();
    reviews::submit(
        &db,
        &leader,
        &mine,
        &complete_draft(&form.template, 4, "Good year"),
        day("2026-12-01"),
    )
    .await
    .unwrap();
    let first = results(&db, &leader, &cycle, &manager.id, day("2026-12-16"))
        .await
        .unwrap();
    assert_eq!(first.groups[2].responses, Some(3));
    share(&db, &leader, &cycle, &manager.id, day("2026-12-16"))
        .await
        .unwrap();
    let theirs = results(&db, &manager, &cycle, &manager.id, day("2026-12-17"))
        .await
        .unwrap();
    assert_eq!((theirs.groups, theirs.competencies), (first.groups, first.competencies));
}
