// Per widget: the raw, gzip and brotli bytes of everything a host page loads for it (the entry,
// the styles, the widget's own glue and wasm), what the browser actually transferred, and the
// time until its controls exist over fresh loads, interleaved in the same run with a static page
// written with GOV.UK Frontend (a comparable form, no engine), and the ratio to it.
// Run after scripts/build-widgets: `npm run bench` (LOADS=n to change the count, default 9).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { launchBrowser, startServer, startStaticHost } from "../tests/harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist/widgets");
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const BUDGET = 100 * 1024;

const entry = readFileSync(path.join(dist, "careform.js"), "utf8");
const manifest = JSON.parse(entry.match(/const MANIFEST = (\{.*?\});/)[1]);
const sizes = (names) =>
  names.reduce(
    (t, name) => {
      const bytes = readFileSync(path.join(dist, name));
      t.raw += bytes.length;
      t.gzip += gzipSync(bytes, { level: 9 }).length;
      t.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      return t;
    },
    { raw: 0, gzip: 0, brotli: 0 },
  );

// Each widget's demo page, and a static GOV.UK Frontend page with a comparable form.
const pages = {
  "pa-acknowledgement": "/demo/pa-acknowledgement.html",
  "task-scope": "/demo/task-scope.html",
  "dbs-insurance": "/demo/dbs-insurance.html",
  "gift-register": "/demo/gift-register.html",
  "key-holding": "/demo/key-holding.html",
  "provider-application": "/demo/provider-application.html",
};
console.log("bundle per widget (careform.js + styles + the widget's glue and wasm)");
for (const [widget, files] of Object.entries(manifest.widgets)) {
  const s = sizes(["careform.js", manifest.css, files.js, files.wasm]);
  const verdict = s.gzip <= BUDGET ? "within" : `over by ${kb(s.gzip - BUDGET)}`;
  console.log(`  ${widget.padEnd(20)} raw ${kb(s.raw).padStart(9)}  gzip ${kb(s.gzip).padStart(9)}  brotli ${kb(s.brotli).padStart(9)}  (budget 100 KB gzip: ${verdict})`);
}

const govukCss = readFileSync(path.join(root, "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css"));
const field = (id, label) =>
  `<div class="govuk-form-group"><label class="govuk-label" for="${id}">${label}</label><input class="govuk-input" id="${id}" name="${id}" type="text"></div>`;
const reference = `<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8">
<title>Reference form</title><link rel="stylesheet" href="/govuk.css"></head>
<body class="govuk-template__body govuk-frontend-supported"><main class="govuk-main-wrapper" id="main">
<h1 class="govuk-heading-l">Reference: a static GOV.UK Frontend form</h1><form>
${field("name", "Your full name")}${field("client", "Your client's name")}
<div class="govuk-form-group"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend">Your role</legend><div class="govuk-radios">
${["Personal assistant", "Family carer", "Interpreter"].map((l, i) => `<div class="govuk-radios__item"><input class="govuk-radios__input" id="r${i}" name="role" type="radio" value="${i}"><label class="govuk-label govuk-radios__label" for="r${i}">${l}</label></div>`).join("")}
</div></fieldset></div>${field("signature", "Type your full name to sign")}
<button type="submit" class="govuk-button">Send</button></form></main></body></html>`;

const loads = Number(process.env.LOADS ?? 9);
const server = await startServer();
const host = await startStaticHost({ "/": reference, "/govuk.css": { body: govukCss, type: "text/css" } });
const browser = await launchBrowser();
const times = { reference: [] };
const transferred = {};
try {
  for (let i = 0; i < loads; i++) {
    // Interleaved: one load of each page per round, each in a fresh context (nothing cached).
    for (const [name, url] of [["reference", `${host.base}/`], ...Object.entries(pages).map(([w, p]) => [w, server.base + p])]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let bytes = 0;
      page.on("requestfinished", async (r) => { bytes += (await r.sizes()).responseBodySize; });
      await page.goto(url);
      await page.waitForFunction(
        (name) => {
          const root = name === "reference" ? document : document.querySelector(`careform-${name}`)?.shadowRoot;
          return root?.querySelector("input, textarea, button, a[href]");
        },
        name,
        { polling: "raf", timeout: 30000 },
      );
      (times[name] ??= []).push(await page.evaluate(() => performance.now()));
      await page.waitForLoadState("networkidle");
      transferred[name] = bytes;
      await context.close();
    }
  }
  const median = (t) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)];
  const ref = median(times.reference);
  console.log(`time to controls (navigation start to first control), ${loads} fresh loads each, interleaved, localhost:`);
  for (const [name, t] of Object.entries(times)) {
    const s = [...t].sort((a, b) => a - b);
    const ratio = name === "reference" ? "" : `  ${(median(t) / ref).toFixed(2)}x the static page (goal <= 1.5x)`;
    console.log(`  ${name.padEnd(20)} median ${median(t).toFixed(0).padStart(4)} ms  min ${s[0].toFixed(0).padStart(4)}  max ${s.at(-1).toFixed(0).padStart(4)}  transferred ${kb(transferred[name]).padStart(9)}${ratio}`);
  }
} finally {
  await browser.close();
  await host.stop();
  await server.stop();
}
