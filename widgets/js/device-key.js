// The device key through WebCrypto: an Ed25519 key pair whose private half is non-extractable
// (no script, ours included, can read it), kept in IndexedDB so the same device signs with the
// same key across visits. Imported by the wasm module; it falls back to a key held in wasm when
// this throws (a browser without WebCrypto Ed25519 or without IndexedDB).
const DB = "careform";
const STORE = "keys";
const ID = "device";

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function openDb() {
  const open = indexedDB.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

let device = null;

async function load() {
  if (!globalThis.crypto?.subtle || !globalThis.indexedDB) throw new Error("WebCrypto or IndexedDB unavailable");
  const db = await openDb();
  let pair = await request(db.transaction(STORE).objectStore(STORE).get(ID));
  if (!pair) {
    pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    await request(db.transaction(STORE, "readwrite").objectStore(STORE).put(pair, ID));
  }
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  return { pair, raw };
}

/** The 32 raw bytes of the device's public key; throws when WebCrypto Ed25519 cannot be used. */
export async function webcrypto_public_key() {
  device ??= load().catch((e) => {
    device = null;
    throw e;
  });
  return (await device).raw;
}

/** An Ed25519 signature (64 bytes) over `message` with the device's private key. */
export async function webcrypto_sign(message) {
  const { pair } = await device;
  return new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, message));
}
