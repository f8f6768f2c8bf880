// The demo page, in headless Chromium against a real `careform serve`: the wasm widget loads
// under the strict CSP, and the page asks nothing of any other origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the demo page loads the wasm widget under a strict CSP, with no third-party requests", async () => {
  const page = await browser.newPage();
  const foreign = [];
  page.on("request", (r) => { if (!r.url().startsWith(server.base) && !r.url().startsWith("data:")) foreign.push(r.url()); });
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

  const response = await page.goto(`${server.base}/demo/`);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  const status = page.locator("[data-careform-status]");
  await status.waitFor();
  await page.waitForSelector("[data-careform-status=ready]", { timeout: 15000 });
  const text = await status.textContent();
  assert.match(text, /Careform widgets loaded \(WebAssembly\)/);
  assert.match(text, /careform-demo v1/, "the rules crate runs in the browser");
  assert.match(text, /thumbprint: [A-Za-z0-9_-]{43}\./, "the seal crate makes a key and its RFC 7638 thumbprint");

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, []);
});

test("the server's index page links to the demo", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/`);
  await page.getByRole("link", { name: /Demo/ }).click();
  await page.waitForSelector("[data-careform-status=ready]", { timeout: 15000 });
});
