//! The bytes of chosen evidence files, kept in the browser's IndexedDB under their SHA-256 until
//! the submission naming them is received, so a closed tab or a dropped connection loses nothing
//! (local storage holds text only, and far too little of it).

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB: &str = "careform-files";
const STORE: &str = "files";

/// Waits for a request to succeed and gives its result.
async fn finished(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await?;
    request.result()
}

/// Waits until a write transaction has committed: only then is the data on disk.
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(promise).await.map(|_| ())
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("no IndexedDB"))?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DB, 1)?;
    // The first open (version 0 to 1) creates the one object store.
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        let db = event
            .target()
            .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = finished(&request).await;
    request.set_onupgradeneeded(None);
    db?.dyn_into()
}

async fn with_store<T>(
    mode: IdbTransactionMode,
    work: impl FnOnce(&IdbObjectStore) -> Result<IdbRequest, JsValue>,
    read: impl FnOnce(JsValue) -> T,
) -> Result<T, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(STORE, mode)?;
    let request = work(&tx.object_store(STORE)?)?;
    let result = finished(&request).await?;
    if mode == IdbTransactionMode::Readwrite {
        committed(&tx).await?;
    }
    db.close();
    Ok(read(result))
}

/// Keeps `bytes` under `key`; returns once the write has committed.
pub async fn put(key: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let value = Uint8Array::from(bytes);
    with_store(IdbTransactionMode::Readwrite, |s| s.put_with_key(&value, &key.into()), |_| ()).await
}

/// The bytes kept under `key`, if any.
pub async fn get(key: &str) -> Result<Option<Vec<u8>>, JsValue> {
    with_store(
        IdbTransactionMode::Readonly,
        |s| s.get(&key.into()),
        |v| v.dyn_into::<Uint8Array>().ok().map(|a| a.to_vec()),
    )
    .await
}

/// Forgets what is kept under `key`.
pub async fn delete(key: &str) -> Result<(), JsValue> {
    with_store(IdbTransactionMode::Readwrite, |s| s.delete(&key.into()), |_| ()).await
}
