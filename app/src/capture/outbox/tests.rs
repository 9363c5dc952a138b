use super::*;
use crate::feedback::model::FeedbackKind;

fn note(id: &str, text: &str) -> CaptureItem {
    CaptureItem {
        id: id.into(),
        author: "p1".into(),
        created_at: 100,
        edited_at: 100,
        happened_on: "2026-11-27".into(),
        payload: CapturePayload::Note {
            about: "p2".into(),
            text: text.into(),
        },
    }
}

fn receipt(id: &str) -> Outcome {
    Outcome::Confirmed(CaptureReceipt {
        id: id.into(),
        edited_at: 100,
        link: None,
        created: true,
    })
}

#[test]
fn a_confirmed_send_is_synced() {
    let mut e = Entry::new(note("a", "x"));
    assert_eq!(e.begin(0).unwrap().id, "a");
    assert_eq!(e.status, Status::Syncing);
    e.settle(receipt("a"), 5, 0.0);
    assert_eq!(e.status, Status::Synced);
    assert_eq!(e.synced_at, Some(5));
}

#[test]
fn a_failed_send_stays_local_and_backs_off() {
    let mut e = Entry::new(note("a", "x"));
    e.begin(0);
    e.settle(Outcome::Transient(OFFLINE.into()), 1_000, 0.0);
    assert_eq!(e.status, Status::Local);
    assert_eq!(e.attempts, 1);
    assert_eq!(e.next_try, 1_500);
    assert!(e.begin(1_499).is_none(), "not before the backoff ends");
    assert!(e.begin(1_500).is_some());
    e.settle(Outcome::Transient(OFFLINE.into()), 2_000, 0.999);
    assert_eq!(e.attempts, 2);
    assert!(e.next_try > 2_000 + 1_000 && e.next_try < 2_000 + 2_000);
}

#[test]
fn wake_skips_the_wait() {
    let mut e = Entry::new(note("a", "x"));
    e.begin(0);
    e.settle(Outcome::Transient(OFFLINE.into()), 0, 0.5);
    e.wake();
    assert!(e.is_due(0));
}

#[test]
fn a_refusal_needs_attention_and_an_edit_clears_it() {
    let mut e = Entry::new(note("a", "x"));
    e.begin(0);
    e.settle(Outcome::Refused("They have left.".into()), 1, 0.0);
    assert_eq!(e.status, Status::Attention);
    assert_eq!(e.reason.as_deref(), Some("They have left."));
    assert!(e.begin(10).is_none(), "refused items are not resent on their own");
    e.edit(
        CapturePayload::Note {
            about: "p3".into(),
            text: "y".into(),
        },
        "2026-11-27".into(),
        200,
    )
    .unwrap();
    assert_eq!((e.status, e.reason.clone()), (Status::Local, None));
    assert_eq!(e.item.edited_at, 200);
}

#[test]
fn an_edit_during_a_send_is_sent_after_it() {
    let mut e = Entry::new(note("a", "old"));
    e.begin(0);
    e.edit(
        CapturePayload::Note {
            about: "p2".into(),
            text: "new".into(),
        },
        "2026-11-27".into(),
        50,
    )
    .unwrap();
    assert_eq!(e.status, Status::Syncing);
    e.settle(receipt("a"), 60, 0.0);
    assert_eq!(e.status, Status::Local, "the confirmation was for the old text");
    assert_eq!(e.begin(60).unwrap().payload.text(), "new");
}

#[test]
fn a_refusal_of_an_older_version_is_not_final() {
    let mut e = Entry::new(note("a", "old"));
    e.begin(0);
    e.edit(
        CapturePayload::Note {
            about: "p4".into(),
            text: "fixed".into(),
        },
        "2026-11-27".into(),
        50,
    )
    .unwrap();
    e.settle(Outcome::Refused("gone".into()), 60, 0.0);
    assert_eq!(e.status, Status::Local);
}

#[test]
fn edit_time_never_goes_backwards() {
    let mut e = Entry::new(note("a", "x"));
    e.edit(e.item.payload.clone(), "2026-11-27".into(), 10).unwrap();
    assert_eq!(e.item.edited_at, 101);
}

#[test]
fn sent_feedback_is_not_edited_here_but_notes_are() {
    let mut f = Entry::new(CaptureItem {
        payload: CapturePayload::Feedback {
            to: "p2".into(),
            feedback_kind: FeedbackKind::Praise,
            visibility: crate::feedback::model::FeedbackVisibility::Private,
            text: "Thanks".into(),
        },
        ..note("f", "")
    });
    f.begin(0);
    f.settle(receipt("f"), 1, 0.0);
    let again = f.item.payload.clone();
    assert_eq!(f.edit(again, "2026-11-27".into(), 2), Err(EditError::AlreadySent));
    let mut n = Entry::new(note("n", "x"));
    n.begin(0);
    n.settle(receipt("n"), 1, 0.0);
    n.edit(n.item.payload.clone(), "2026-11-27".into(), 200).unwrap();
    assert_eq!(n.status, Status::Local);
}

#[test]
fn a_crash_mid_send_leaves_the_item_to_send_again() {
    let mut e = Entry::new(note("a", "x"));
    e.begin(0);
    e.recover();
    assert!(e.is_due(0));
}

#[test]
fn signed_out_keeps_the_item_without_counting_a_failure() {
    let mut e = Entry::new(note("a", "x"));
    e.begin(0);
    e.settle(Outcome::SignedOut, 1, 0.0);
    assert_eq!((e.status, e.attempts), (Status::Local, 0));
    assert_eq!(e.reason.as_deref(), Some(SIGN_IN));
}

#[test]
fn items_go_in_creation_order_one_at_a_time() {
    let mut es = vec![
        Entry::new(note("0002", "b")),
        Entry::new(note("0001", "a")),
        Entry::new(note("0003", "c")),
    ];
    assert_eq!(next_due(&es, 0), Some(1));
    es[1].begin(0);
    assert_eq!(next_due(&es, 0), None, "one in flight at a time");
    es[1].settle(receipt("0001"), 1, 0.0);
    assert_eq!(next_due(&es, 1), Some(0));
    es[0].begin(1);
    es[0].settle(Outcome::Refused("no".into()), 2, 0.0);
    assert_eq!(next_due(&es, 2), Some(2), "a refused item doesn't block the rest");
    assert_eq!(pending(&es), 1);
}

#[test]
fn a_waiting_first_item_holds_back_later_ones() {
    let mut es = vec![Entry::new(note("0001", "a")), Entry::new(note("0002", "b"))];
    es[0].begin(0);
    es[0].settle(Outcome::Transient(OFFLINE.into()), 0, 0.0);
    assert_eq!(next_due(&es, 10), None);
    assert_eq!(next_due(&es, 600), Some(0));
}

#[test]
fn backoff_grows_and_is_capped() {
    assert_eq!(backoff_ms(1, 0.999_999), 999);
    assert_eq!(backoff_ms(3, 0.0), 2_000);
    assert_eq!(backoff_ms(50, 0.0), 15_000);
    assert!(backoff_ms(50, 0.999) < 30_000);
}

#[test]
fn batch_answers_are_classified_per_item_and_safely() {
    let ids = vec!["a".to_string(), "b".to_string()];
    let ok =
        r#"[{"Stored":{"id":"a","edited_at":1,"link":null,"created":true}},{"Refused":{"Invalid":"They have left."}}]"#;
    let got = classify_batch(Some(200), ok, &ids);
    assert!(matches!(&got[0], Outcome::Confirmed(r) if r.id == "a"));
    assert_eq!(got[1], Outcome::Refused("They have left.".into()));
    let signed_out = r#"[{"Refused":"Unauthorized"},{"Refused":"Internal"}]"#;
    assert_eq!(
        classify_batch(Some(200), signed_out, &ids),
        vec![Outcome::SignedOut, Outcome::Transient(OFFLINE.into())]
    );
    let wrong_id = r#"[{"Stored":{"id":"z","edited_at":1,"link":null,"created":true}},{"Refused":"Internal"}]"#;
    assert_eq!(
        classify_batch(Some(200), wrong_id, &ids)[0],
        Outcome::Transient(UNREADABLE.into())
    );
    let short = r#"[{"Stored":{"id":"a","edited_at":1,"link":null,"created":true}}]"#;
    assert_eq!(
        classify_batch(Some(200), short, &ids),
        vec![Outcome::Transient(UNREADABLE.into()); 2]
    );
    assert_eq!(
        classify_batch(Some(200), "<html>", &ids),
        vec![Outcome::Transient(UNREADABLE.into()); 2]
    );
    assert_eq!(
        classify_batch(Some(500), "{}", &ids),
        vec![Outcome::Transient(OFFLINE.into()); 2]
    );
    assert_eq!(
        classify_batch(None, "", &ids),
        vec![Outcome::Transient(OFFLINE.into()); 2]
    );
    assert_eq!(classify_batch(Some(401), "", &ids), vec![Outcome::SignedOut; 2]);
}

#[test]
fn batches_keep_order_and_stop_at_a_waiting_item() {
    let mut es: Vec<Entry> = (1..=5).map(|i| Entry::new(note(&format!("000{i}"), "x"))).collect();
    es.swap(0, 4);
    fn ids(es: &[Entry], b: Vec<usize>) -> Vec<String> {
        b.into_iter().map(|i| es[i].item.id.clone()).collect()
    }
    assert_eq!(ids(&es, due_batch(&es, 0, 3, 1 << 20)), ["0001", "0002", "0003"]);
    es[2].begin(0); // "0003" is in flight: it and everything after wait
    es[2].settle(Outcome::Transient(OFFLINE.into()), 0, 0.0);
    assert_eq!(ids(&es, due_batch(&es, 0, 10, 1 << 20)), ["0001", "0002"]);
    let one = serde_json::to_string(&es[0].item).unwrap().len();
    assert_eq!(
        due_batch(&es, 0, 10, one + 1).len(),
        1,
        "the byte budget splits batches"
    );
    assert_eq!(due_batch(&es, 0, 10, 1).len(), 1, "one item always goes, however big");
}
