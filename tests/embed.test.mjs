// The iframe embed as a council's CMS uses it: a page on another origin that runs no scripts at
// all holds /embed/WIDGET in an iframe, and the person completes the form inside the frame to a
// verified receipt. With the host helper (careform-frame.js) the iframe takes its content's height;
// an origin not allowed for the form cannot frame it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, startStaticHost, launchBrowser, axeViolations, watchPage, sendAndAwaitReceipt } from "./harness.mjs";

let host, stranger, server, browser;
const hostFiles = {};
const strangerFiles = {};
// The element the tests fill in: the task scope checker, in its iframe.
const frameOf = (page) => page.frameLocator("iframe#careform");
const widgetIn = (page) => frameOf(page).locator("careform-task-scope");

before(async () => {
  host = await startStaticHost(hostFiles);
  stranger = await startStaticHost(strangerFiles);
  server = await startServer(["--allow-origin", `task-scope=${host.base}`]);
  browser = await launchBrowser();
  const embed = `${server.base}/embed/task-scope?profile=bexley-homecare`;
  const page = (csp, head, body) => ({
    headers: { "content-security-policy": csp },
    body: `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Homecare tasks – Another Council</title>${head}</head>
<body><main><h1>Check a care plan's tasks</h1>${body}</main></body>
</html>
`,
  });
  const iframe = (height) =>
    `<iframe id="careform" src="${embed}" title="Check a care plan's tasks" width="100%" height="${height}"></iframe>`;
  // What a CMS that strips <script> leaves: no script may run on this page at all.
  const noScripts = `default-src 'none'; script-src 'none'; frame-src ${server.base}; base-uri 'none'; form-action 'none'`;
  hostFiles["/"] = page(noScripts, "", iframe(300));
  hostFiles["/gifts"] = page(noScripts, "", `<iframe src="${server.base}/embed/gift-register" title="Gifts" height="300"></iframe>`);
  // The same page with the helper, and a second frame of the Careform server that is not an embed.
  hostFiles["/helper"] = page(
    `default-src 'none'; script-src ${server.base}; frame-src ${server.base}; base-uri 'none'; form-action 'none'`,
    `<script type="module" src="${server.base}/widgets/careform-frame.js"></script>`,
    `${iframe(150)}<iframe id="decoy" src="${server.base}/demo/" title="Demo" height="100"></iframe>`,
  );
  strangerFiles["/"] = page(noScripts, "", iframe(300));
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await stranger?.stop();
  await host?.stop();
});

test("a page that runs no scripts embeds the widget in an iframe; it is completed inside the frame to a verified receipt", async () => {
  assert.notEqual(new URL(host.base).origin, new URL(server.base).origin);
  const page = await browser.newPage();
  const watch = await watchPage(page, [host.base, server.base]);
  const response = await page.goto(`${host.base}/`);
  assert.match(response.headers()["content-security-policy"], /script-src 'none'/);
  assert.equal(await page.evaluate(() => document.scripts.length), 0);

  const widget = widgetIn(page);
  await widget.locator("form").waitFor();
  const frame = page.frames().find((f) => f.url().startsWith(`${server.base}/embed/`));
  assert.deepEqual(await axeViolations(frame), []);
  // The person types and presses the send button: all inside the frame.
  await widget.locator("#tasks").fill("Shopping");
  await frame.waitForFunction(() => document.querySelector("careform-task-scope").shadowRoot.querySelectorAll("li.careform-task").length === 1);
  await sendAndAwaitReceipt(widget);

  // No helper on the page: the frame kept its fixed height and the content scrolled inside it.
  assert.equal(await page.locator("iframe#careform").evaluate((f) => f.clientHeight), 300);
  const inside = await frame.evaluate(() => ({ content: document.documentElement.scrollHeight, view: innerHeight }));
  assert.ok(inside.content > inside.view, JSON.stringify(inside));

  const audit = JSON.parse(execFileSync(server.bin, ["audit", "--data-dir", server.dataDir]).toString());
  assert.equal(audit.valid, true);
  assert.equal(audit.records, 1);
  await watch.assertClean();
  assert.deepEqual(await frame.evaluate(() => window.__cspViolations), [], "CSP violations in the frame");
});

/** The iframe's height on the host page, and its content's height inside the frame. */
async function heights(page) {
  const frame = page.frames().find((f) => f.url().startsWith(`${server.base}/embed/`));
  const iframe = await page.locator("iframe#careform").evaluate((f) => f.clientHeight);
  const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  return { iframe, content };
}

/** Waits (20 s at most, as the harness waits for a receipt) until the iframe fits its content. */
async function untilFitted(page) {
  let h;
  for (let tries = 0; tries < 400; tries++) {
    h = await heights(page);
    if (h.iframe === h.content) return h;
    await page.waitForTimeout(50);
  }
  assert.fail(`the iframe never took its content's height: ${JSON.stringify(h)}`);
}

test("with the helper on the host page the iframe follows the height of its content", async () => {
  const page = await browser.newPage();
  const watch = await watchPage(page, [host.base, server.base]);
  await page.goto(`${host.base}/helper`);
  const widget = widgetIn(page);
  await widget.locator("form").waitFor();
  const first = await untilFitted(page);
  assert.notEqual(first.iframe, 150, "the helper resized the frame");

  // More content: a task list of six lines, then its results; the frame grows with it.
  await widget.locator("#tasks").fill("Shopping\nStrip wash\nHoover the lounge\nCook lunch\nCut her toenails\nCollect the pension");
  await page.frameLocator("iframe#careform").locator("careform-task-scope li.careform-task").nth(5).waitFor();
  const grown = await untilFitted(page);
  assert.ok(grown.iframe > first.iframe, JSON.stringify({ first, grown }));
  const frame = page.frames().find((f) => f.url().startsWith(`${server.base}/embed/`));
  assert.ok(await frame.evaluate(() => document.documentElement.scrollHeight <= innerHeight), "nothing left to scroll inside");

  // Forged heights are ignored: from the host page itself (not the Careform origin), and from a
  // frame of the Careform origin that is not one of the page's /embed/ frames. Each sender then
  // posts a marker; messages from one sender arrive in order, so when the marker has arrived the
  // forgery has been handled.
  const decoy = page.frames().find((f) => f.url().startsWith(`${server.base}/demo/`));
  const forge = () => {
    parent.postMessage({ type: "careform:height", height: 7 }, "*");
    parent.postMessage("careform-test:done", "*");
  };
  for (const sender of [page.mainFrame(), decoy]) {
    const arrived = page.evaluate(() => new Promise((r) => addEventListener("message", (e) => e.data === "careform-test:done" && r())));
    await sender.evaluate(forge);
    await arrived;
  }
  assert.deepEqual(await heights(page), grown);
  assert.equal(await page.locator("iframe#decoy").evaluate((f) => f.clientHeight), 100);
  await watch.assertClean();
});

/** Loads `url` and waits for Chromium's report that frame-ancestors refused the frame. */
async function refusedFraming(url) {
  const page = await browser.newPage();
  const refused = page.waitForEvent("console", (m) => m.type() === "error" && m.text().includes("frame-ancestors"));
  await page.goto(url);
  const message = (await refused).text();
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await page.close();
  return { message, frameUrl: frame?.url() };
}

test("a page on an origin not allowed for the form cannot frame it", async () => {
  const elsewhere = await refusedFraming(`${stranger.base}/`);
  assert.match(elsewhere.message, /frame-ancestors .*has been blocked/s);
  assert.ok(!elsewhere.frameUrl.startsWith(server.base), elsewhere.frameUrl);
  // The council's own page may frame the task scope checker, but not a form it was not allowed.
  const gifts = await refusedFraming(`${host.base}/gifts`);
  assert.match(gifts.message, /frame-ancestors .*has been blocked/s);
  assert.ok(!gifts.frameUrl.startsWith(server.base), gifts.frameUrl);
});

test("the embed page and its not-found page meet WCAG 2.2 AA", async () => {
  const page = await browser.newPage();
  const watch = await watchPage(page, server.base);
  await page.goto(`${server.base}/embed/task-scope?profile=somerset-micro-provider`);
  await page.locator("careform-task-scope form").waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
  // (Chromium reports the 404 itself on the console, so this page is not watched.)
  const missing = await page.goto(`${server.base}/embed/task-scoop`);
  assert.equal(missing.status(), 404);
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
});
