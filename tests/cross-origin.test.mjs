// The embed as councils use it: the README's snippet on a page of another origin, under a strict
// CSP that allows only the Careform server and 'wasm-unsafe-eval'. The widget loads (module
// scripts, wasm and styles are CORS fetches), checks, submits and verifies its receipt.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, startStaticHost, launchBrowser, axeViolations, watchPage, sendAndAwaitReceipt } from "./harness.mjs";

let host, server, browser;
// Filled in once both ports are known: the page names the server, the server names the page's origin.
const files = {};
before(async () => {
  host = await startStaticHost(files);
  server = await startServer(["--allow-origin", `task-scope=${host.base}`]);
  browser = await launchBrowser();
  const csp = [
    "default-src 'none'",
    `script-src ${server.base} 'wasm-unsafe-eval'`,
    `connect-src ${server.base}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  files["/"] = {
    headers: { "content-security-policy": csp },
    body: `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Homecare tasks – Another Council</title></head>
<body>
<main>
<h1>Check a care plan's tasks</h1>
<script type="module" src="${server.base}/widgets/careform.js"></script>
<careform-task-scope endpoint="${server.base}" profile="bexley-homecare"></careform-task-scope>
</main>
</body>
</html>
`,
  };
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await host?.stop();
});

test("a page on another origin embeds the widget, submits and verifies its receipt", async () => {
  assert.notEqual(new URL(host.base).origin, new URL(server.base).origin);
  const page = await browser.newPage();
  const watch = await watchPage(page, [host.base, server.base]);
  const fromCareform = [];
  page.on("response", (r) => {
    const url = r.url();
    if (url.startsWith(`${server.base}/widgets/`) || url === `${server.base}/.well-known/jwks.json`) {
      fromCareform.push({ url, status: r.status(), headers: r.headers() });
    }
  });

  await page.goto(`${host.base}/`);
  const widget = page.locator("careform-task-scope");
  await widget.locator("form").waitFor();
  await widget.locator("#tasks").fill("Shopping");
  await page.waitForFunction(() => document.querySelector("careform-task-scope").shadowRoot.querySelectorAll("li.careform-task").length === 1);
  assert.deepEqual(await axeViolations(page), []);
  await sendAndAwaitReceipt(widget);

  const audit = JSON.parse(execFileSync(server.bin, ["audit", "--data-dir", server.dataDir]).toString());
  assert.equal(audit.valid, true);
  assert.equal(audit.records, 1);

  // The entry, what it loads, and the key set the receipt was verified against.
  const urls = fromCareform.map((r) => new URL(r.url).pathname);
  assert.ok(urls.includes("/widgets/careform.js"), urls.join(" "));
  assert.ok(urls.some((u) => u.endsWith(".wasm")), urls.join(" "));
  assert.ok(urls.includes("/.well-known/jwks.json"), urls.join(" "));
  for (const r of fromCareform) {
    assert.equal(r.headers["access-control-allow-origin"], "*", r.url);
    assert.equal(r.headers["access-control-allow-credentials"], undefined, r.url);
  }
  await watch.assertClean();
});
