//! Where the outbox lives: IndexedDB, one database per signed-in person, with
//! an in-memory fallback when the browser refuses storage (private mode, a
//! full disk). A value that no longer parses is quarantined and shown, never
//! dropped.

use super::idb::{self, WriteError};
use crate::capture::outbox::{Entry, Quarantined};
use std::cell::RefCell;
use std::collections::BTreeMap;
use web_sys::IdbDatabase;

pub const NO_STORAGE: &str = "This browser won't let Tend store anything (private browsing?). What you capture is kept in this tab only until it syncs: keep the tab open.";
pub const FULL: &str = "This device is out of storage space for Tend. New items are kept in this tab only until they sync: keep the tab open, or free some space.";

/// The outbox store for one person.
pub struct Store {
    db: Option<IdbDatabase>,
    /// Entries that could not be written to IndexedDB (or all, without it).
    memory: RefCell<BTreeMap<String, String>>,
    drafts: RefCell<BTreeMap<String, String>>,
    warning: RefCell<Option<&'static str>>,
}

impl Store {
    /// Opens `user`'s outbox. Another person's is a different database.
    pub async fn open(user: &str) -> Store {
        let db = idb::open(&format!("tend-outbox:{user}")).await.ok();
        Store {
            warning: RefCell::new(db.is_none().then_some(NO_STORAGE)),
            db,
            memory: RefCell::default(),
            drafts: RefCell::default(),
        }
    }

    /// Why capture is degraded, if it is.
    pub fn warning(&self) -> Option<&'static str> {
        *self.warning.borrow()
    }

    /// Every entry, in id (creation) order, and what could not be read.
    pub async fn load(&self) -> (Vec<Entry>, Vec<Quarantined>) {
        let mut raw: BTreeMap<String, Option<String>> = BTreeMap::new();
        if let Some(db) = &self.db {
            for (k, v) in idb::read_all(db, "items").await.unwrap_or_default() {
                raw.insert(k, v.as_string());
            }
        }
        for (k, v) in self.memory.borrow().iter() {
            raw.insert(k.clone(), Some(v.clone()));
        }
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for (key, value) in raw {
            match value.as_deref().map(serde_json::from_str::<Entry>) {
                Some(Ok(e)) if e.item.id == key => good.push(e),
                _ => bad.push(Quarantined {
                    raw: value.unwrap_or_else(|| "(not text)".into()),
                    key,
                }),
            }
        }
        (good, bad)
    }

    /// The readable entries with ids from `lo` to `hi`, fresh from storage.
    pub async fn range(&self, lo: &str, hi: &str) -> Vec<Entry> {
        let mut out: Vec<Entry> = Vec::new();
        if let Some(db) = &self.db {
            for (_, v) in idb::read_range(db, "items", lo, hi).await.unwrap_or_default() {
                if let Some(e) = v.as_string().and_then(|j| serde_json::from_str::<Entry>(&j).ok()) {
                    out.push(e);
                }
            }
        }
        for (k, v) in self
            .memory
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() >= lo && k.as_str() <= hi)
        {
            if let Ok(e) = serde_json::from_str::<Entry>(v) {
                out.retain(|x| &x.item.id != k);
                out.push(e);
            }
        }
        out
    }

    /// One entry, fresh from storage.
    pub async fn get(&self, id: &str) -> Option<Entry> {
        if let Some(v) = self.memory.borrow().get(id) {
            return serde_json::from_str(v).ok();
        }
        let db = self.db.as_ref()?;
        let v = idb::read(db, "items", id).await.ok()??;
        serde_json::from_str(&v.as_string()?).ok()
    }

    /// Saves durably when possible; otherwise keeps it in memory and says so.
    /// Only returns once the entry is in one place or the other.
    pub async fn put(&self, e: &Entry) {
        let json = serde_json::to_string(e).unwrap_or_default();
        if let Some(db) = &self.db {
            match idb::write(db, "items", &e.item.id, &json).await {
                Ok(()) => {
                    self.memory.borrow_mut().remove(&e.item.id);
                    return;
                }
                Err(WriteError::Quota) => *self.warning.borrow_mut() = Some(FULL),
                Err(WriteError::Other(_)) => *self.warning.borrow_mut() = Some(NO_STORAGE),
            }
        }
        self.memory.borrow_mut().insert(e.item.id.clone(), json);
    }

    /// Saves several entries in one transaction (the sync's bookkeeping).
    pub async fn put_many(&self, es: &[Entry]) {
        let rows: Vec<(String, String)> = es
            .iter()
            .map(|e| (e.item.id.clone(), serde_json::to_string(e).unwrap_or_default()))
            .collect();
        if let Some(db) = &self.db {
            match idb::write_many(db, "items", &rows).await {
                Ok(()) => {
                    let mut m = self.memory.borrow_mut();
                    rows.iter().for_each(|(k, _)| {
                        m.remove(k);
                    });
                    return;
                }
                Err(WriteError::Quota) => *self.warning.borrow_mut() = Some(FULL),
                Err(WriteError::Other(_)) => *self.warning.borrow_mut() = Some(NO_STORAGE),
            }
        }
        self.memory.borrow_mut().extend(rows);
    }

    pub async fn remove(&self, key: &str) {
        self.memory.borrow_mut().remove(key);
        if let Some(db) = &self.db {
            let _ = idb::delete(db, "items", key).await;
        }
    }

    /// The form draft saved under `key`, if any.
    pub async fn draft(&self, key: &str) -> Option<String> {
        if let Some(v) = self.drafts.borrow().get(key) {
            return Some(v.clone());
        }
        let db = self.db.as_ref()?;
        idb::read(db, "drafts", key).await.ok()??.as_string()
    }

    pub async fn put_draft(&self, key: &str, value: &str) {
        if let Some(db) = &self.db {
            if idb::write(db, "drafts", key, value).await.is_ok() {
                self.drafts.borrow_mut().remove(key);
                return;
            }
        }
        self.drafts.borrow_mut().insert(key.into(), value.into());
    }

    pub async fn meta(&self, key: &str) -> Option<String> {
        let db = self.db.as_ref()?;
        idb::read(db, "meta", key).await.ok()??.as_string()
    }

    pub async fn put_meta(&self, key: &str, value: &str) {
        if let Some(db) = &self.db {
            let _ = idb::write(db, "meta", key, value).await;
        }
    }
}
