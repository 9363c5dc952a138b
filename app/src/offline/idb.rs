//! A thin async layer over IndexedDB: open, read a whole store, write and
//! delete, each awaited until its transaction has committed.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

/// The object stores: outbox entries, form drafts, and small facts (last sync).
pub const STORES: [&str; 3] = ["items", "drafts", "meta"];

/// Why a write failed.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteError {
    Quota,
    Other(String),
}

fn error_name(v: &JsValue) -> String {
    v.dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_else(|| v.as_string().unwrap_or_else(|| "unknown".into()))
}

impl From<JsValue> for WriteError {
    fn from(v: JsValue) -> Self {
        match error_name(&v).as_str() {
            "QuotaExceededError" => WriteError::Quota,
            other => WriteError::Other(other.to_owned()),
        }
    }
}

async fn request_done(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let req2 = req.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok_req = req2.clone();
        let bad_req = req2.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &ok_req.result().unwrap_or(JsValue::UNDEFINED));
        });
        let bad = Closure::once_into_js(move |_: web_sys::Event| {
            let e = bad_req
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        req2.set_onsuccess(Some(ok.unchecked_ref()));
        req2.set_onerror(Some(bad.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// Waits for the transaction to commit: only then is the data durable.
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let tx2 = tx.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let on_err = tx2.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject2 = reject.clone();
        let on_abort = tx2.clone();
        let bad = Closure::once_into_js(move |_: web_sys::Event| {
            let e = on_err.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        let aborted = Closure::once_into_js(move |_: web_sys::Event| {
            let e = on_abort.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject2.call1(&JsValue::NULL, &e);
        });
        tx2.set_oncomplete(Some(ok.unchecked_ref()));
        tx2.set_onerror(Some(bad.unchecked_ref()));
        tx2.set_onabort(Some(aborted.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ())
}

/// Opens (creating on first use) the database called `name`.
pub async fn open(name: &str) -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or("IndexedDB is not available")?;
    let req: IdbOpenDbRequest = factory.open_with_u32(name, 1).map_err(|e| error_name(&e))?;
    let upgrade = Closure::once_into_js(move |e: web_sys::IdbVersionChangeEvent| {
        let Some(target) = e.target() else { return };
        let req: IdbOpenDbRequest = target.unchecked_into();
        if let Ok(db) = req.result() {
            let db: IdbDatabase = db.unchecked_into();
            for s in STORES {
                let _ = db.create_object_store(s);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = request_done(&req).await.map_err(|e| error_name(&e))?;
    Ok(db.unchecked_into())
}

/// Every (key, value) in a store, values as stored (strings for Tend).
pub async fn read_all(db: &IdbDatabase, store: &str) -> Result<Vec<(String, JsValue)>, String> {
    read_keys(db, store, None).await
}

/// The (key, value) pairs with keys from `lo` to `hi` inclusive.
pub async fn read_range(db: &IdbDatabase, store: &str, lo: &str, hi: &str) -> Result<Vec<(String, JsValue)>, String> {
    let range = web_sys::IdbKeyRange::bound(&lo.into(), &hi.into()).map_err(|e| error_name(&e))?;
    read_keys(db, store, Some(range)).await
}

async fn read_keys(
    db: &IdbDatabase,
    store: &str,
    range: Option<web_sys::IdbKeyRange>,
) -> Result<Vec<(String, JsValue)>, String> {
    let tx = db.transaction_with_str(store).map_err(|e| error_name(&e))?;
    let os = tx.object_store(store).map_err(|e| error_name(&e))?;
    let (keys, values) = match &range {
        Some(r) => (os.get_all_keys_with_key(r), os.get_all_with_key(r)),
        None => (os.get_all_keys(), os.get_all()),
    };
    let keys = request_done(&keys.map_err(|e| error_name(&e))?)
        .await
        .map_err(|e| error_name(&e))?;
    let values = request_done(&values.map_err(|e| error_name(&e))?)
        .await
        .map_err(|e| error_name(&e))?;
    let keys = js_sys::Array::from(&keys);
    let values = js_sys::Array::from(&values);
    Ok(keys
        .iter()
        .zip(values.iter())
        .map(|(k, v)| (k.as_string().unwrap_or_default(), v))
        .collect())
}

/// One value, if present.
pub async fn read(db: &IdbDatabase, store: &str, key: &str) -> Result<Option<JsValue>, String> {
    let tx = db.transaction_with_str(store).map_err(|e| error_name(&e))?;
    let os = tx.object_store(store).map_err(|e| error_name(&e))?;
    let v = request_done(&os.get(&key.into()).map_err(|e| error_name(&e))?)
        .await
        .map_err(|e| error_name(&e))?;
    Ok((!v.is_undefined()).then_some(v))
}

/// Writes `value` under `key` and waits for the commit.
pub async fn write(db: &IdbDatabase, store: &str, key: &str, value: &str) -> Result<(), WriteError> {
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    let os = tx.object_store(store)?;
    os.put_with_key(&value.into(), &key.into())?;
    committed(&tx).await.map_err(WriteError::from)
}

/// Writes many values in one transaction (all or none), waiting for the commit.
pub async fn write_many(db: &IdbDatabase, store: &str, rows: &[(String, String)]) -> Result<(), WriteError> {
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    let os = tx.object_store(store)?;
    for (k, v) in rows {
        os.put_with_key(&v.into(), &k.into())?;
    }
    committed(&tx).await.map_err(WriteError::from)
}

pub async fn delete(db: &IdbDatabase, store: &str, key: &str) -> Result<(), WriteError> {
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    let os = tx.object_store(store)?;
    os.delete(&key.into())?;
    committed(&tx).await.map_err(WriteError::from)
}
