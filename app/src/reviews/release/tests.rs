use super::*;
use proptest::prelude::*;

fn comps() -> Vec<CompetencyView> {
    vec![CompetencyView {
        key: "delivery".into(),
        name: "Delivery".into(),
        anchors: vec![String::new(); 5],
    }]
}

fn member(key: &str, kind: ReviewKind, rating: u8) -> Member {
    Member {
        key: key.into(),
        answer: Answer {
            kind,
            ratings: vec![("delivery".into(), rating, format!("comment {key}"))],
            answers: vec![],
        },
    }
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

#[test]
fn writing_is_closed_past_writing_unless_an_extension_is_still_running() {
    let due = day("2026-12-15");
    let today = day("2026-12-20");
    assert!(!writing_closed(Phase::Writing, due, &[], today));
    assert!(!writing_closed(Phase::Nomination, due, &[], today));
    assert!(writing_closed(Phase::Calibration, due, &[], today));
    assert!(
        writing_closed(Phase::Sharing, due, &[due], today),
        "an unextended draft can no longer be sent"
    );
    assert!(!writing_closed(Phase::Sharing, due, &[day("2026-12-22")], today));
    assert!(
        !writing_closed(Phase::Sharing, due, &[today], today),
        "the last day of an extension still counts"
    );
    assert!(
        writing_closed(Phase::Sharing, due, &[day("2026-12-19")], today),
        "an extension that ran out"
    );
    // HR moved the cycle on early: drafts on the cycle's own deadline are closed.
    assert!(writing_closed(Phase::Sharing, due, &[due], day("2026-12-01")));
}

#[test]
fn the_fourth_upward_answer_after_release_changes_nothing_shown() {
    let three: Vec<Member> = (0..3)
        .map(|i| member(&format!("r{i}"), ReviewKind::Upward, 2 + i as u8))
        .collect();
    let first = release(None, &three, &comps(), 3).expect("the first read releases");
    assert_eq!(first.groups[2].responses, Some(3));
    let mut four = three.clone();
    four.push(member("r3", ReviewKind::Upward, 5));
    assert_eq!(
        release(Some(&first), &four, &comps(), 3),
        None,
        "one late answer alone never joins"
    );
    // Three late answers join together: the change is a group of three.
    let mut six = four.clone();
    six.push(member("r4", ReviewKind::Upward, 1));
    six.push(member("r5", ReviewKind::Upward, 1));
    let second = release(Some(&first), &six, &comps(), 3).expect("a whole group of three may join");
    assert_eq!(second.groups[2].responses, Some(6));
    // The total and the reports (peers are an empty group), twice.
    assert_eq!(second.history.len(), 4, "both releases' groups are remembered");
}

#[test]
fn a_withdrawn_or_changed_answer_leaves_the_release_as_it_was() {
    let three: Vec<Member> = (0..3).map(|i| member(&format!("p{i}"), ReviewKind::Peer, 3)).collect();
    let first = release(None, &three, &comps(), 3).unwrap();
    assert_eq!(
        release(Some(&first), &three[..2], &comps(), 3),
        None,
        "a reopen hides nothing shown"
    );
    let mut changed = three[..2].to_vec();
    changed.push(member("p2'", ReviewKind::Peer, 1));
    assert_eq!(
        release(Some(&first), &changed, &comps(), 3),
        None,
        "a changed answer is not swapped in"
    );
    let mut more = changed.clone();
    more.extend([member("p3", ReviewKind::Peer, 4), member("p4", ReviewKind::Peer, 4)]);
    assert_eq!(
        release(Some(&first), &more, &comps(), 3),
        None,
        "the release without p2 would drop a shown answer"
    );
}

#[test]
fn a_release_that_would_split_off_two_answers_is_refused() {
    // Three peers and two reports: only the total is shown (five answers).
    let mut answers: Vec<Member> = (0..3).map(|i| member(&format!("p{i}"), ReviewKind::Peer, 3)).collect();
    answers.extend((0..2).map(|i| member(&format!("r{i}"), ReviewKind::Upward, 1)));
    let first = release(None, &answers, &comps(), 3).unwrap();
    assert_eq!(
        first.groups.iter().map(|g| g.shown).collect::<Vec<_>>(),
        vec![true, false, false]
    );
    // Three more reports would show peers (3) and reports (5): the old total
    // minus the new peers is the first two reports.
    answers.extend((2..5).map(|i| member(&format!("r{i}"), ReviewKind::Upward, 5)));
    assert_eq!(release(Some(&first), &answers, &comps(), 3), None);
}

#[test]
fn atoms_are_counted_across_every_set() {
    let set = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<BTreeSet<_>>();
    assert!(atoms_ok(&[set(&["a", "b", "c"])], 3));
    assert!(!atoms_ok(&[set(&["a", "b", "c"]), set(&["a", "b", "c", "d"])], 3));
    assert!(atoms_ok(
        &[set(&["a", "b", "c"]), set(&["a", "b", "c", "d", "e", "f"])],
        3
    ));
    assert!(!atoms_ok(&[set(&["a", "b"])], 3));
    assert!(atoms_ok(&[], 3));
}

// ---- The property: random groups, random submissions, withdrawals,
// changes, closing and reads; no read, or set of reads, reveals one answer.
// Checked with linear algebra rather than atoms, so the check does not
// share the code's own reasoning.

#[derive(Debug, Clone)]
enum Op {
    Submit(usize, u8),
    Withdraw(usize),
    Close,
    Read,
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        prop_oneof![
            4 => (0..10usize, 1..=5u8).prop_map(|(i, r)| Op::Submit(i, r)),
            1 => (0..10usize).prop_map(Op::Withdraw),
            1 => Just(Op::Close),
            3 => Just(Op::Read),
        ],
        0..40,
    )
}

/// Whether the unit vector of `col` lies in the row span of `rows`
/// (0/1 indicator rows): Gaussian elimination, then a rank comparison.
fn isolates(rows: &[Vec<f64>], col: usize) -> bool {
    fn rank(mut m: Vec<Vec<f64>>) -> usize {
        let cols = m.first().map_or(0, Vec::len);
        let mut r = 0;
        for c in 0..cols {
            let Some(p) = (r..m.len()).find(|&i| m[i][c].abs() > 1e-9) else {
                continue;
            };
            m.swap(r, p);
            for i in 0..m.len() {
                if i != r && m[i][c].abs() > 1e-9 {
                    let f = m[i][c] / m[r][c];
                    let pivot = m[r].clone();
                    for (x, y) in m[i].iter_mut().zip(pivot) {
                        *x -= f * y;
                    }
                }
            }
            r += 1;
        }
        r
    }
    let n = rows.first().map_or(0, Vec::len);
    let mut with = rows.to_vec();
    let mut unit = vec![0.0; n];
    unit[col] = 1.0;
    with.push(unit);
    rank(rows.to_vec()) == rank(with)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn no_sequence_of_reads_reveals_one_answer(peers in 0..6usize, ops in ops(), min in 3..5usize) {
        // Reviewers 0..peers are peers, the rest report to the ratee.
        let kind = |i: usize| if i < peers { ReviewKind::Peer } else { ReviewKind::Upward };
        let mut current: BTreeMap<usize, Member> = BTreeMap::new();
        let mut version = 0u32;
        let mut closed = false;
        let mut frozen: Option<Frozen> = None;
        let mut seen: Vec<BTreeSet<String>> = Vec::new();
        for op in ops {
            match op {
                Op::Submit(i, r) => {
                    version += 1;
                    current.insert(i, member(&format!("{i}v{version}"), kind(i), r));
                }
                Op::Withdraw(i) => {
                    current.remove(&i);
                }
                Op::Close => closed = true,
                Op::Read => {
                    if !closed {
                        continue; // nothing anonymous is read before writing closes
                    }
                    let now: Vec<Member> = current.values().cloned().collect();
                    if let Some(next) = release(frozen.as_ref(), &now, &comps(), min) {
                        frozen = Some(next);
                    }
                    let f = frozen.as_ref().unwrap();
                    for (g, s) in f.groups.iter().zip(&f.shown) {
                        prop_assert_eq!(g.shown, s.is_some());
                        if let Some(s) = s {
                            prop_assert!(s.len() >= min, "a shown group of {}", s.len());
                            prop_assert_eq!(g.responses, Some(s.len() as u32));
                            seen.push(s.clone());
                        }
                    }
                }
            }
        }
        // Every version of every answer that was ever shown, as a column.
        let all: Vec<&String> = seen.iter().flatten().collect::<BTreeSet<_>>().into_iter().collect();
        let rows: Vec<Vec<f64>> = seen
            .iter()
            .map(|s| all.iter().map(|m| if s.contains(*m) { 1.0 } else { 0.0 }).collect())
            .collect();
        for (col, m) in all.iter().enumerate() {
            prop_assert!(!isolates(&rows, col), "answer {} can be worked out from the reads", m);
        }
        // Comment lists: any two shown groups differ by none or at least `min`.
        for a in &seen {
            for b in &seen {
                let d = a.difference(b).count();
                prop_assert!(d == 0 || d >= min, "two reads differ by {} answers", d);
            }
        }
    }
}
