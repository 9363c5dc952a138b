use super::*;

fn comps() -> Vec<CompetencyView> {
    vec![CompetencyView {
        key: "delivery".into(),
        name: "Delivery".into(),
        anchors: vec![String::new(); 5],
    }]
}

fn answer(kind: ReviewKind, rating: u8, comment: &str) -> Answer {
    Answer {
        kind,
        ratings: vec![("delivery".into(), rating, comment.into())],
        answers: vec![],
    }
}

#[test]
fn two_peers_are_hidden_and_three_are_shown_as_a_mean_without_names() {
    let two = vec![answer(ReviewKind::Peer, 4, "a"), answer(ReviewKind::Peer, 2, "b")];
    let (groups, means) = anonymous_groups(&comps(), &two, 3);
    assert!(groups
        .iter()
        .all(|g| !g.shown && g.responses.is_none() && g.comments.is_empty()));
    assert_eq!(means[0], vec![None, None, None]);

    let mut three = two.clone();
    three.push(answer(ReviewKind::Peer, 3, "c"));
    let (groups, means) = anonymous_groups(&comps(), &three, 3);
    assert!(groups[1].shown, "three peers are shown");
    assert_eq!(groups[1].responses, Some(3));
    assert_eq!(means[0][1], Some(3.0));
    // Peers and the (empty) reports group: the total equals the peers, so it
    // reveals nothing more; its comments are not repeated there.
    assert!(groups[0].shown);
    assert!(!groups[2].shown);
    assert_eq!(groups[1].comments.len(), 3);
    assert!(groups[0].comments.is_empty(), "each comment is listed once");
}

#[test]
fn a_small_group_is_not_uncovered_by_subtracting_from_the_total() {
    // 3 peers and 2 reports: showing peers beside the total of 5 would give
    // the reports' mean away, so only the total is shown.
    let mut xs = vec![
        answer(ReviewKind::Peer, 5, "p1"),
        answer(ReviewKind::Peer, 5, "p2"),
        answer(ReviewKind::Peer, 5, "p3"),
    ];
    xs.push(answer(ReviewKind::Upward, 1, "r1"));
    xs.push(answer(ReviewKind::Upward, 1, "r2"));
    let (groups, means) = anonymous_groups(&comps(), &xs, 3);
    assert_eq!(
        groups.iter().map(|g| g.shown).collect::<Vec<_>>(),
        vec![true, false, false]
    );
    assert_eq!(means[0], vec![Some(3.4), None, None]);
    assert_eq!(groups[0].comments.len(), 5);
}

#[test]
fn a_late_withdrawal_hides_the_group_again() {
    let xs = vec![
        answer(ReviewKind::Upward, 4, ""),
        answer(ReviewKind::Upward, 4, ""),
        answer(ReviewKind::Upward, 2, ""),
    ];
    assert!(anonymous_groups(&comps(), &xs, 3).0[2].shown);
    assert!(!anonymous_groups(&comps(), &xs[..2], 3).0.iter().any(|g| g.shown));
}

#[test]
fn the_threshold_never_drops_below_three() {
    let xs = vec![answer(ReviewKind::Peer, 4, ""), answer(ReviewKind::Peer, 4, "")];
    assert!(!anonymous_groups(&comps(), &xs, 1).0.iter().any(|g| g.shown));
}

#[test]
fn comments_come_in_one_stable_order_whatever_the_submission_order() {
    let order = [3, 0, 5, 1, 4, 2];
    let xs: Vec<Answer> = order
        .iter()
        .map(|i| answer(ReviewKind::Peer, 3, &format!("c{i}")))
        .collect();
    let mut reversed = xs.clone();
    reversed.reverse();
    let (groups, _) = anonymous_groups(&comps(), &xs, 3);
    let (again, _) = anonymous_groups(&comps(), &reversed, 3);
    let sorted: Vec<String> = (0..6).map(|i| format!("c{i}")).collect();
    assert_eq!(groups[1].comments, sorted, "none lost, none in submission order");
    assert_eq!(again[1].comments, sorted, "the order does not follow who answered when");
}

#[test]
fn rows_put_self_and_manager_beside_the_groups() {
    let me = answer(ReviewKind::SelfReview, 5, "");
    let boss = answer(ReviewKind::Manager, 3, "");
    let rows = competency_rows(&comps(), Some(&me), Some(&boss), vec![vec![Some(4.0), None, None]]);
    assert_eq!(rows[0].self_rating, Some(5));
    assert_eq!(rows[0].manager, Some(3));
    assert_eq!(rows[0].groups, vec![Some(4.0), None, None]);
}
