// The Careform entry: one <script type="module" src=".../careform.js"> defines every widget as a
// custom element with an open shadow root. Each widget is its own wasm module; this file fetches
// a widget's module only when an element of that kind is on the page, and starts its JS glue,
// its wasm and the styles downloading at once (no waterfall). Styles are a constructed
// stylesheet adopted into each shadow root, so a strict Content-Security-Policy holds.
//
// scripts/build-widgets replaces the manifest below with the content-hashed file names.
const MANIFEST = /*careform:manifest*/ {
  css: "careform.css",
  widgets: {
    "pa-acknowledgement": { js: "pa.js", wasm: "pa.wasm" },
    "task-scope": { js: "task-scope.js", wasm: "task-scope.wasm" },
    "dbs-insurance": { js: "dbs-insurance.js", wasm: "dbs-insurance.wasm" },
    "gift-register": { js: "gift-register.js", wasm: "gift-register.wasm" },
    "key-holding": { js: "key-holding.js", wasm: "key-holding.wasm" },
    "provider-application": { js: "provider-application.js", wasm: "provider-application.wasm" },
  },
} /*careform:end*/;

const here = new URL(".", import.meta.url);
const url = (name) => new URL(name, here);

let styles = null;
function stylesheet() {
  styles ??= fetch(url(MANIFEST.css))
    .then((r) => r.text())
    .then((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    });
  return styles;
}

const modules = new Map();
/** The widget's wasm module, initialised; glue and wasm are fetched in parallel, once per page. */
function load(widget) {
  const files = MANIFEST.widgets[widget];
  if (!files) return Promise.reject(new Error(`careform: no widget called ${JSON.stringify(widget)}`));
  if (!modules.has(widget)) {
    const wasm = fetch(url(files.wasm));
    modules.set(
      widget,
      import(url(files.js)).then(async (glue) => {
        await glue.default({ module_or_path: wasm });
        return glue;
      }),
    );
  }
  return modules.get(widget);
}

// --- The device key --------------------------------------------------------------------------
// An Ed25519 key pair through WebCrypto whose private half is non-extractable (no script, ours
// included, can read it), kept in IndexedDB so the same device signs with the same key across
// visits. A browser without WebCrypto Ed25519 or IndexedDB makes publicKey() throw; the widget
// then signs with a key held in wasm instead.
const DB = "careform";
const STORE = "keys";
const ID = "device";

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

let devicePair = null;
async function loadDevice() {
  if (!globalThis.crypto?.subtle || !globalThis.indexedDB) throw new Error("WebCrypto or IndexedDB unavailable");
  const open = indexedDB.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await request(open);
  let pair = await request(db.transaction(STORE).objectStore(STORE).get(ID));
  if (!pair) {
    pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    await request(db.transaction(STORE, "readwrite").objectStore(STORE).put(pair, ID));
  }
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  return { pair, raw };
}

const device = {
  /** The 32 raw bytes of the device's public key; throws when WebCrypto Ed25519 cannot be used. */
  async publicKey() {
    devicePair ??= loadDevice().catch((e) => {
      devicePair = null;
      throw e;
    });
    return (await devicePair).raw;
  },
  /** An Ed25519 signature (64 bytes) over `message` with the device's private key. */
  async sign(message) {
    const { pair } = await devicePair;
    return new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, message));
  },
};

// --- Elements ----------------------------------------------------------------------------------
/** Mounts `widget` into a new open shadow root of `element`, with the styles adopted into it. */
async function attach(element, widget, endpoint, profile, timeZone) {
  const root = element.attachShadow({ mode: "open" });
  const [glue, sheet] = await Promise.all([load(widget), stylesheet()]);
  root.adoptedStyleSheets = [sheet];
  const container = document.createElement("div");
  container.className = "govuk-frontend-supported careform";
  root.append(container);
  // The server that served this script, unless the page names another.
  glue.mount(
    container,
    {
      endpoint: endpoint ?? here.origin,
      origin: window.location.origin,
      ...(profile ? { profile } : {}),
      // The council's time zone: the rules' "today" is the date there (the server's default too).
      ...(timeZone ? { time_zone: timeZone } : {}),
    },
    device,
  );
}

for (const widget of Object.keys(MANIFEST.widgets)) {
  const tag = `careform-${widget}`;
  if (!customElements.get(tag)) {
    customElements.define(
      tag,
      class extends HTMLElement {
        connectedCallback() {
          if (!this.shadowRoot) {
            const attr = (name) => this.getAttribute(name);
            attach(this, widget, attr("endpoint"), attr("profile"), attr("time-zone")).catch((e) =>
              console.error("careform:", e),
            );
          }
        }
      },
    );
  }
}

/**
 * For hosts that cannot use custom tags: mounts a widget into an element that can hold a shadow
 * root (a div, section, article, ...), exactly as the custom element does.
 */
export function mountWidget(element, widget, config = {}) {
  return attach(element, widget, config.endpoint, config.profile, config.timeZone);
}

/**
 * The task scope checker without a form: resolves to the same report `careform check task-scope`
 * prints. `plan` is {tasks:[{description}], ...}; options: {profile, today: "YYYY-MM-DD"}.
 */
export async function checkTaskScope(plan, { profile = "bexley-homecare", today = "" } = {}) {
  const glue = await load("task-scope");
  return JSON.parse(glue.checkTaskScope(JSON.stringify(plan), profile, today));
}
