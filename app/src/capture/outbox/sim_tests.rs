//! The sync protocol under random interleavings of offline, online, sends,
//! lost answers, duplicate sends, server restarts and crashed tabs. The
//! client is the real state machine; the server applies the same rule as
//! the real one (create by client id, later edit wins). At the end the
//! server must hold exactly the items the client created, once each, with
//! their latest text.

use super::*;
use crate::capture::note_merge::{merge, Merge, Version};
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
enum Op {
    Create,
    Edit(usize),
    Offline,
    Online,
    Send,
    Deliver { answer_lost: bool },
    DuplicateSend,
    ServerRestart,
    TabCrash,
    Tick(i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Create),
        2 => (0usize..50).prop_map(Op::Edit),
        1 => Just(Op::Offline),
        2 => Just(Op::Online),
        4 => Just(Op::Send),
        4 => any::<bool>().prop_map(|answer_lost| Op::Deliver { answer_lost }),
        1 => Just(Op::DuplicateSend),
        1 => Just(Op::ServerRestart),
        1 => Just(Op::TabCrash),
        2 => (0i64..40_000).prop_map(Op::Tick),
    ]
}

/// The server's rows, as a list so a duplicate would show.
#[derive(Default)]
struct Server {
    rows: Vec<(String, i64, String)>,
}

impl Server {
    fn apply(&mut self, item: &CaptureItem) -> CaptureReceipt {
        let incoming = Version {
            edited_at: item.edited_at,
            text: item.payload.text(),
        };
        let found = self.rows.iter().position(|r| r.0 == item.id);
        let decision = merge(
            found
                .map(|i| Version {
                    edited_at: self.rows[i].1,
                    text: &self.rows[i].2,
                })
                .as_ref(),
            &incoming,
        );
        match (decision, found) {
            (Merge::Create, _) => self
                .rows
                .push((item.id.clone(), item.edited_at, item.payload.text().into())),
            (Merge::Replace, Some(i)) => self.rows[i] = (item.id.clone(), item.edited_at, item.payload.text().into()),
            _ => {}
        }
        let i = self.rows.iter().position(|r| r.0 == item.id).unwrap();
        CaptureReceipt {
            id: item.id.clone(),
            edited_at: self.rows[i].1,
            link: None,
            created: decision == Merge::Create,
        }
    }
}

struct World {
    client: Vec<Entry>,
    server: Server,
    online: bool,
    in_flight: Option<Vec<CaptureItem>>,
    now: i64,
    made: usize,
}

impl World {
    fn settle(&mut self, id: &str, outcome: Outcome) {
        if let Some(e) = self.client.iter_mut().find(|e| e.item.id == id) {
            e.settle(outcome, self.now, 0.5);
        }
    }

    fn fail(&mut self, items: &[CaptureItem]) {
        for item in items {
            self.settle(&item.id, Outcome::Transient(OFFLINE.into()));
        }
    }

    fn step(&mut self, op: Op) {
        self.now += 1;
        match op {
            Op::Create => {
                self.made += 1;
                let id = crate::shared::uuid7::format(self.now as u64, [self.made as u8; 10]);
                self.client.push(Entry::new(CaptureItem {
                    id,
                    author: "p1".into(),
                    created_at: self.now,
                    edited_at: self.now,
                    happened_on: "2026-11-27".into(),
                    payload: CapturePayload::Note {
                        about: "p2".into(),
                        text: format!("note {}", self.made),
                    },
                }));
            }
            Op::Edit(i) if !self.client.is_empty() => {
                let i = i % self.client.len();
                let now = self.now;
                let e = &mut self.client[i];
                let text = format!("{} (edited {now})", e.item.payload.text());
                let payload = CapturePayload::Note {
                    about: "p2".into(),
                    text,
                };
                let _ = e.edit(payload, "2026-11-27".into(), now);
            }
            Op::Edit(_) => {}
            Op::Offline => self.online = false,
            Op::Online => {
                self.online = true;
                self.client.iter_mut().for_each(Entry::wake);
            }
            Op::Send if self.in_flight.is_none() => {
                let batch = due_batch(&self.client, self.now, 3, 1 << 20);
                let items: Vec<CaptureItem> = batch
                    .into_iter()
                    .map(|i| self.client[i].begin(self.now).unwrap())
                    .collect();
                if items.is_empty() {
                } else if self.online {
                    self.in_flight = Some(items);
                } else {
                    self.fail(&items);
                }
            }
            Op::Send => {}
            Op::Deliver { answer_lost } => {
                if let Some(items) = self.in_flight.take() {
                    for item in &items {
                        let receipt = self.server.apply(item);
                        let outcome = if answer_lost || !self.online {
                            Outcome::Transient(OFFLINE.into())
                        } else {
                            Outcome::Confirmed(receipt)
                        };
                        self.settle(&item.id, outcome);
                    }
                }
            }
            Op::DuplicateSend => {
                if let Some(items) = &self.in_flight {
                    for item in items {
                        self.server.apply(item);
                    }
                }
            }
            Op::ServerRestart => {
                // The request dies with the process, part-way through the
                // batch; the rows it stored survive.
                if let Some(items) = self.in_flight.take() {
                    for item in items.iter().take(items.len() / 2) {
                        self.server.apply(item);
                    }
                    self.fail(&items);
                }
            }
            Op::TabCrash => {
                // The answer never reaches the page; the outbox is reread.
                if let Some(items) = self.in_flight.take() {
                    if self.online {
                        for item in items.iter().filter(|i| i.edited_at % 2 == 0) {
                            self.server.apply(item);
                        }
                    }
                }
                self.client.iter_mut().for_each(Entry::recover);
            }
            Op::Tick(ms) => self.now += ms,
        }
    }

    /// Back online for good: keep sending until nothing is left.
    fn drain(&mut self) {
        self.step(Op::Online);
        if let Some(items) = self.in_flight.take() {
            self.fail(&items);
        }
        for _ in 0..10_000 {
            self.now += 30_000;
            if pending(&self.client) == 0 {
                return;
            }
            self.step(Op::Send);
            self.step(Op::Deliver { answer_lost: false });
        }
        panic!("the outbox did not drain");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_server_ends_with_exactly_what_the_client_created(ops in proptest::collection::vec(op(), 0..120)) {
        let mut w = World { client: vec![], server: Server::default(), online: true, in_flight: None, now: 1_000, made: 0 };
        for op in ops {
            w.step(op);
            // Nothing ever leaves the outbox, whatever happens.
            prop_assert_eq!(w.client.len(), w.made);
        }
        w.drain();
        let mut on_server: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &w.server.rows {
            *on_server.entry(r.0.as_str()).or_default() += 1;
        }
        prop_assert_eq!(on_server.len(), w.made, "none lost");
        prop_assert!(on_server.values().all(|n| *n == 1), "none duplicated");
        for e in &w.client {
            prop_assert_eq!(e.status, Status::Synced);
            let row = w.server.rows.iter().find(|r| r.0 == e.item.id).unwrap();
            prop_assert_eq!(&row.2, e.item.payload.text(), "the latest edit is on the server");
        }
    }
}
