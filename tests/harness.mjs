// Shared by the browser tests: a real `careform serve` on a free port, and Debian's Chromium.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { createServer as createHttpServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on("error", reject);
  });
}

/** Starts the careform binary (CAREFORM_BIN, default target/debug/careform) with a fresh data directory. */
export async function startServer(extraArgs = []) {
  const bin = process.env.CAREFORM_BIN ?? path.join(root, "target/debug/careform");
  const dataDir = await mkdtemp(path.join(tmpdir(), "careform-e2e-"));
  const port = await freePort();
  const child = spawn(bin, [
    "serve", "--address", `127.0.0.1:${port}`, "--data-dir", dataDir,
    "--widgets-dir", path.join(root, "dist/widgets"), "--demo-dir", path.join(root, "demo"), ...extraArgs,
  ], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, RUST_LOG: "warn" } });
  await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`careform did not start: ${seen}`)), 20000);
    child.stderr.on("data", (chunk) => {
      seen += chunk;
      if (seen.includes("careform listening on")) { clearTimeout(timer); resolve(); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`careform exited with ${code}: ${seen}`)); });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    bin,
    dataDir,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.on("exit", r)));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A static site on a second origin, as a council's own web server would be: `files` maps a path
 * ("/index.html") to its body, or to {body, type, headers}. Listens on loopback but is named
 * `http://localhost:PORT`, so its origin differs from the careform server's `http://127.0.0.1:PORT`.
 */
export async function startStaticHost(files) {
  const port = await freePort();
  const server = createHttpServer((req, res) => {
    const file = files[new URL(req.url, "http://host").pathname];
    if (file === undefined) {
      // Browsers ask for /favicon.ico on their own; an empty answer keeps their consoles clean.
      res.writeHead(req.url === "/favicon.ico" ? 204 : 404).end();
      return;
    }
    const { body, type = "text/html; charset=utf-8", headers = {} } = typeof file === "string" ? { body: file } : file;
    res.writeHead(200, { "content-type": type, "cache-control": "no-store", ...headers }).end(body);
  });
  await new Promise((resolve, reject) => { server.once("error", reject); server.listen(port, "127.0.0.1", resolve); });
  return {
    base: `http://localhost:${port}`,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** Headless Debian Chromium with the flags this machine needs (no background networking). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ],
  });
}

const axeSource = readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2.2 A and AA violations on the page, shadow roots included, as "rule: target" lines. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource + "; undefined");
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${v.help}`));
}

/**
 * Records CSP violations, console errors and requests to origins other than `base` (one origin, or
 * a list when the page is hosted on one and Careform is on another); assertClean checks there were none.
 */
export async function watchPage(page, base, { allowConsole = null } = {}) {
  const expected = [base].flat().map((b) => new URL(b).origin);
  const foreign = [];
  const consoleErrors = [];
  page.on("request", (r) => {
    const url = r.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (!expected.includes(new URL(url).origin)) foreign.push(url);
  });
  page.on("console", (m) => { if (m.type() === "error" && !(allowConsole && allowConsole.test(m.text()))) consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return {
    async assertClean() {
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], "CSP violations");
      assert.deepEqual(foreign, [], "requests to other origins");
      assert.deepEqual(consoleErrors, [], "console errors");
    },
  };
}

/** Opens the demo page `file` in a new watched tab once its `<careform-WIDGET>` shows its form. */
export async function openDemo(browser, server, widget, file = `${widget}.html`) {
  const page = await browser.newPage();
  const watch = await watchPage(page, server.base);
  await page.goto(`${server.base}/demo/${file}`);
  const element = page.locator(`careform-${widget}`);
  await element.locator("form").waitFor();
  return { page, watch, widget: element };
}

/** Presses a widget's send button ("Send this check") and waits for its verified receipt; returns the reference. */
export async function sendAndAwaitReceipt(widget, button = "Send this check") {
  await widget.getByRole("button", { name: button }).click();
  const panel = widget.locator("[data-careform-receipt]");
  await panel.waitFor({ timeout: 20000 });
  const reference = await panel.getAttribute("data-careform-receipt");
  assert.match(reference, /^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return reference;
}

/** Follows the widget's error summary link `name` and checks it moved focus to the field `id`. */
export async function followErrorLink(widget, name, id) {
  await widget.locator(".govuk-error-summary").getByRole("link", { name }).click();
  assert.equal(await widget.evaluate((el) => el.shadowRoot.activeElement?.id), id);
}

/** `YYYY-MM-DD` of a date (UTC). */
export const iso = (d) => d.toISOString().slice(0, 10);
/** The date `days` from now. */
export const shift = (days) => new Date(Date.now() + days * 86400000);

/** Types `date` into a GOV.UK date input's three fields (`id`, `id-month`, `id-year`). */
export async function fillDate(scope, id, date) {
  await scope.locator(`#${id}`).fill(String(date.getUTCDate()));
  await scope.locator(`#${id}-month`).fill(String(date.getUTCMonth() + 1));
  await scope.locator(`#${id}-year`).fill(String(date.getUTCFullYear()));
}
