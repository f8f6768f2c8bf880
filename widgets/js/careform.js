// The Careform bundle's entry: one <script type="module" src=".../careform.js"> defines every
// widget as a custom element with an open shadow root. Styles are a constructed stylesheet
// adopted into each shadow root: nothing leaks into the host page, and no inline <style> or
// style= is needed, so a strict Content-Security-Policy holds.
import init, { mount, checkTaskScope as check } from "./careform-wasm.js";

const here = new URL(".", import.meta.url);
const ready = init({ module_or_path: new URL("careform-wasm_bg.wasm", here) });
const styles = fetch(new URL("careform.css", here))
  .then((r) => r.text())
  .then((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  });

/** Mounts `widget` into a new open shadow root of `element`, with the styles adopted into it. */
async function attach(element, widget, endpoint, profile) {
  const root = element.attachShadow({ mode: "open" });
  const [, sheet] = await Promise.all([ready, styles]);
  root.adoptedStyleSheets = [sheet];
  const container = document.createElement("div");
  container.className = "govuk-frontend-supported careform";
  root.append(container);
  // The server that served this script, unless the page names another.
  mount(container, widget, {
    endpoint: endpoint ?? here.origin,
    origin: window.location.origin,
    ...(profile ? { profile } : {}),
  });
}

const widgets = {
  "careform-pa-acknowledgement": "pa-acknowledgement",
  "careform-task-scope": "task-scope",
  "careform-dbs-insurance": "dbs-insurance",
};
for (const [tag, widget] of Object.entries(widgets)) {
  if (!customElements.get(tag)) {
    customElements.define(
      tag,
      class extends HTMLElement {
        connectedCallback() {
          if (!this.shadowRoot) {
            attach(this, widget, this.getAttribute("endpoint"), this.getAttribute("profile")).catch((e) => console.error("careform:", e));
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
  return attach(element, widget, config.endpoint, config.profile);
}

/**
 * The task scope checker without a form: resolves to the same report `careform check task-scope`
 * prints. `plan` is {tasks:[{description}], ...}; options: {profile, today: "YYYY-MM-DD"}.
 */
export async function checkTaskScope(plan, { profile = "bexley-homecare", today = "" } = {}) {
  await ready;
  return JSON.parse(check(JSON.stringify(plan), profile, today));
}
