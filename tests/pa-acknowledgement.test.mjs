// <careform-pa-acknowledgement> end to end: a real browser, a real server, a real SQLite file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { startServer, launchBrowser, axeViolations, watchPage } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openWidget(watchOptions = {}) {
  const page = await browser.newPage();
  const watch = await watchPage(page, server.base, watchOptions);
  const response = await page.goto(`${server.base}/demo/pa-acknowledgement.html`);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.locator("careform-pa-acknowledgement form").waitFor();
  return { page, watch };
}

test("the code is shown clause by clause inside the widget's shadow root", async () => {
  const { page, watch } = await openWidget();
  const widget = page.locator("careform-pa-acknowledgement");
  assert.equal(await widget.evaluate((el) => el.shadowRoot?.mode), "open");
  await assert.doesNotReject(widget.getByRole("heading", { name: "Code of Practice for Personal Assistance" }).waitFor());
  assert.equal(await widget.locator("ul.govuk-list--bullet > li").count(), 19);
  // The GOV.UK styles live in the shadow root only, adopted, never inline.
  assert.equal(await widget.evaluate((el) => el.shadowRoot.adoptedStyleSheets.length), 1);
  assert.equal(await page.evaluate(() => document.querySelectorAll("style, [style]").length), 0);
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});

test("submitting with nothing filled in shows a linked error summary and moves focus to it", async () => {
  const { page, watch } = await openWidget();
  const widget = page.locator("careform-pa-acknowledgement");
  await widget.getByRole("button", { name: "Send acknowledgement" }).click();
  const summary = widget.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.equal(await summary.evaluate((el) => el.getRootNode().activeElement === el), true, "focus moves to the summary");
  const links = summary.getByRole("link");
  assert.ok((await links.count()) >= 6, "one link per problem");
  await summary.getByRole("link", { name: "Enter your full name", exact: true }).click();
  assert.equal(await widget.evaluate((el) => el.shadowRoot.activeElement?.id), "pa_name");
  const input = widget.locator("#pa_name");
  assert.equal(await input.getAttribute("aria-invalid"), "true");
  assert.match(await input.getAttribute("aria-describedby"), /pa_name-error/);
  assert.match(await widget.locator("#pa_name-error").textContent(), /^Error: Enter your full name$/);
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});

/** Fills in a valid acknowledgement for `name` (everything but the send button). */
async function fillValid(w, name) {
  await w.getByLabel("I have read this Code of Practice and I will follow it").check();
  await w.getByLabel("Your full name", { exact: true }).fill(name);
  await w.getByLabel("Personal assistant or support worker").check();
  await w.getByLabel("Your client's name").fill("Jo Bloggs");
  await w.getByLabel("My client").check();
  await w.getByLabel("At Together! 2012's main activity base").check();
  await w.getByRole("group", { name: "Who you report back to" }).getByLabel("No one").check();
  await w.getByRole("group", { name: "Have you been cleared to use the kitchen?" }).getByLabel("No").check();
  await w.getByLabel("Type your full name to sign").fill(name);
}

function audit() {
  return JSON.parse(execFileSync(server.bin, ["audit", "--data-dir", server.dataDir]).toString());
}

test("a PA completes the acknowledgement and sees the verified, signed receipt", async () => {
  const { page, watch } = await openWidget();
  const w = page.locator("careform-pa-acknowledgement");
  await w.getByLabel("I have read this Code of Practice and I will follow it").check();
  await w.getByLabel("Your full name", { exact: true }).fill("Sam Patel");
  await w.getByLabel("Personal assistant or support worker").check();
  await w.getByLabel("Your client's name").fill("Jo Bloggs");
  await w.getByLabel("An agency").check();
  await w.getByLabel("Employer's name").fill("Care Co");
  await w.getByLabel("At Together! 2012's main activity base").check();
  await w.getByRole("group", { name: "Who you report back to" }).getByLabel("No one").check();
  await w.getByRole("group", { name: "Have you been cleared to use the kitchen?" }).getByLabel("No").check();
  await w.getByLabel("Type your full name to sign").fill("Sam Patel");
  await w.getByRole("button", { name: "Send acknowledgement" }).click();

  const panel = w.locator("[data-careform-receipt]");
  await panel.waitFor({ timeout: 15000 });
  const reference = await panel.getAttribute("data-careform-receipt");
  assert.match(reference, /^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  // Signed by a WebCrypto key that no script can read, kept in IndexedDB; no key in local storage.
  assert.equal(await panel.getAttribute("data-careform-signer"), "webcrypto");
  assert.equal(await page.evaluate(() => localStorage.getItem("careform:device-key")), null);
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("careform");
    open.onsuccess = () => {
      const get = open.result.transaction("keys").objectStore("keys").get("device");
      get.onsuccess = () => resolve({ algorithm: get.result.privateKey.algorithm.name, extractable: get.result.privateKey.extractable });
      get.onerror = () => reject(get.error);
    };
  }));
  assert.deepEqual(stored, { algorithm: "Ed25519", extractable: false });
  assert.match(await panel.textContent(), new RegExp(reference));
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();

  // The receipt can be kept: downloaded as a file anyone can verify offline, and printed.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    w.getByRole("button", { name: "Download the signed receipt" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `careform-receipt-${reference}.json`);
  const receiptFile = path.join(server.dataDir, "downloaded-receipt.json");
  await download.saveAs(receiptFile);
  const jwksFile = path.join(server.dataDir, "jwks.json");
  writeFileSync(jwksFile, await (await fetch(`${server.base}/.well-known/jwks.json`)).text());
  const verified = JSON.parse(execFileSync(server.bin, ["verify", "receipt", receiptFile, "--jwks", jwksFile]).toString());
  assert.equal(verified.valid, true);
  assert.equal(verified.ref, reference);
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
  await w.getByRole("button", { name: "Print this page" }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);

  // The server stored it, re-checked, with an intact chain.
  const audit = JSON.parse(execFileSync(server.bin, ["audit", "--data-dir", server.dataDir]).toString());
  assert.equal(audit.valid, true);
  assert.equal(audit.head.ref, reference);

  // Received: the draft is gone, so the next person on this device starts afresh.
  await page.reload();
  await w.locator("form").waitFor();
  assert.equal(await w.getByLabel("Your full name", { exact: true }).inputValue(), "");
});

test("a reload in the middle of the form restores the draft; a receipt clears it", async () => {
  const { page, watch } = await openWidget();
  const w = page.locator("careform-pa-acknowledgement");
  await w.getByLabel("Your full name", { exact: true }).fill("Ana Draft");
  await w.getByLabel("A manager").check();
  await w.getByLabel("Their name and contact details").fill("Lee, 07700 900000");
  await page.reload();
  await w.locator("form").waitFor();
  assert.equal(await w.getByLabel("Your full name", { exact: true }).inputValue(), "Ana Draft");
  assert.equal(await w.getByLabel("A manager").isChecked(), true);
  assert.equal(await w.getByLabel("Their name and contact details").inputValue(), "Lee, 07700 900000");
  await watch.assertClean();
});

test("the whole acknowledgement can be completed with the keyboard alone", async () => {
  const { page, watch } = await openWidget();
  const w = page.locator("careform-pa-acknowledgement");
  const focused = () => w.evaluate((el) => el.shadowRoot.activeElement?.id ?? null);
  const tabTo = async (id, max = 6) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      if ((await focused()) === id) return;
    }
    assert.fail(`Tab never reached #${id} (focus is on ${await focused()})`);
  };
  await tabTo("confirm");
  await page.keyboard.press("Space");
  await tabTo("pa_name");
  await page.keyboard.type("Kim Keyboard");
  await tabTo("supporter_role");
  await page.keyboard.press("Space");
  await tabTo("client_name");
  await page.keyboard.type("Jo Bloggs");
  await tabTo("employer");
  await page.keyboard.press("Space");
  await tabTo("activity_setting");
  await page.keyboard.press("Space");
  await tabTo("reports_to");
  await page.keyboard.press("Space");
  await tabTo("kitchen_cleared");
  await page.keyboard.press("ArrowDown"); // from "Yes" to "No", which arrow keys also select
  assert.equal(await focused(), "kitchen_cleared-no");
  await tabTo("signature");
  await page.keyboard.type("Kim Keyboard");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const panel = w.locator("[data-careform-receipt]");
  await panel.waitFor({ timeout: 15000 });
  assert.match(await panel.getAttribute("data-careform-receipt"), /^CF-/);
  await watch.assertClean();
});

test("sent while offline, it waits in the outbox and is delivered exactly once when back online", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watch = await watchPage(page, server.base, { allowConsole: /ERR_INTERNET_DISCONNECTED/ });
  await page.goto(`${server.base}/demo/pa-acknowledgement.html`);
  const w = page.locator("careform-pa-acknowledgement");
  await w.locator("form").waitFor();
  const before = audit().records;
  await fillValid(w, "Olu Offline");
  await context.setOffline(true);
  await w.getByRole("button", { name: "Send acknowledgement" }).click();
  const waiting = w.locator("[data-careform-outbox=waiting]");
  await waiting.waitFor();
  assert.match(await waiting.textContent(), /will be sent when the connection comes back/);
  assert.deepEqual(await axeViolations(page), []);
  assert.equal(audit().records, before, "nothing arrived while offline");

  await context.setOffline(false); // the browser's "online" event sends it
  await w.locator("[data-careform-receipt]").waitFor({ timeout: 15000 });
  assert.equal(audit().records, before + 1);
  await watch.assertClean();
  await context.close();
});

test("when the server stored it but the response was lost, the retry gets the same receipt", async () => {
  const { page, watch } = await openWidget({ allowConsole: /ERR_CONNECTION_RESET/ });
  const w = page.locator("careform-pa-acknowledgement");
  const before = audit().records;
  let dropped = 0;
  await page.route("**/v1/submissions", async (route) => {
    if (dropped === 0) {
      dropped++;
      await route.fetch(); // the server receives and stores it...
      await route.abort("connectionreset"); // ...and the answer never reaches the browser
    } else {
      await route.continue();
    }
  });
  await fillValid(w, "Rita Retry");
  await w.getByRole("button", { name: "Send acknowledgement" }).click();
  await w.locator("[data-careform-outbox=waiting]").waitFor();
  assert.equal(audit().records, before + 1, "the first attempt did arrive");
  await w.getByRole("button", { name: "Try again now" }).click();
  const panel = w.locator("[data-careform-receipt]");
  await panel.waitFor({ timeout: 15000 });
  const report = audit();
  assert.equal(report.records, before + 1, "stored exactly once");
  assert.equal(report.head.ref, await panel.getAttribute("data-careform-receipt"), "the stored receipt came back");
  await watch.assertClean();
});

test("a browser without WebCrypto Ed25519 signs with the key held in wasm", async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const generate = crypto.subtle.generateKey.bind(crypto.subtle);
    crypto.subtle.generateKey = (algorithm, ...rest) =>
      (algorithm?.name ?? algorithm) === "Ed25519"
        ? Promise.reject(new DOMException("Ed25519 is not supported", "NotSupportedError"))
        : generate(algorithm, ...rest);
  });
  const watch = await watchPage(page, server.base);
  await page.goto(`${server.base}/demo/pa-acknowledgement.html`);
  const w = page.locator("careform-pa-acknowledgement");
  await w.locator("form").waitFor();
  await fillValid(w, "Wes Wasm");
  await w.getByRole("button", { name: "Send acknowledgement" }).click();
  const panel = w.locator("[data-careform-receipt]");
  await panel.waitFor({ timeout: 15000 });
  assert.equal(await panel.getAttribute("data-careform-signer"), "wasm");
  assert.match(await page.evaluate(() => localStorage.getItem("careform:device-key")), /^"[A-Za-z0-9_-]{43}"$/);
  assert.equal(audit().head.ref, await panel.getAttribute("data-careform-receipt"));
  await watch.assertClean();
});

test("staff issue a link, the PA completes it, staff see it acknowledged", async () => {
  execFileSync(server.bin, ["staff", "add", "leader", "--data-dir", server.dataDir], { input: "a long enough password\n" });
  const staff = await browser.newPage();
  const staffWatch = await watchPage(staff, server.base);
  await staff.goto(`${server.base}/staff`);
  await staff.getByLabel("Username").fill("leader");
  await staff.getByLabel("Password").fill("a long enough password");
  await staff.getByRole("button", { name: "Sign in" }).click();
  await staff.getByRole("heading", { name: "PA acknowledgements" }).waitFor();
  await staff.getByLabel("PA's full name").fill("Lin Linked");
  await staff.getByLabel("PA's email address").fill("lin@example.org");
  await staff.getByLabel("Participant (their client)").fill("Jo Bloggs");
  await staff.getByLabel("Their employer").fill("Jo Bloggs (direct)");
  await staff.getByRole("button", { name: "Issue a link" }).click();
  const row = staff.locator("tr", { hasText: "Lin Linked" });
  assert.match(await row.locator(".state").textContent(), /Waiting/);
  assert.deepEqual(await axeViolations(staff), []);
  const link = await row.locator(".state a").getAttribute("href");
  assert.match(link, /\/demo\/pa-acknowledgement\.html\?request=[A-Za-z0-9_-]{24}$/);

  const pa = await browser.newPage();
  const paWatch = await watchPage(pa, server.base);
  await pa.goto(link);
  const w = pa.locator("careform-pa-acknowledgement");
  await w.locator("form").waitFor();
  await fillValid(w, "Lin Linked");
  await w.getByRole("button", { name: "Send acknowledgement" }).click();
  const panel = w.locator("[data-careform-receipt]");
  await panel.waitFor({ timeout: 15000 });
  const reference = await panel.getAttribute("data-careform-receipt");

  await staff.reload();
  assert.match(await staff.locator("tr", { hasText: "Lin Linked" }).locator(".state").textContent(), new RegExp(`Acknowledged ${reference}`));
  await staffWatch.assertClean();
  await paWatch.assertClean();
});

test("a stale nonce is answered with a fresh one and the widget signs again", async () => {
  const { page, watch } = await openWidget({ allowConsole: /status of 400/ });
  const w = page.locator("careform-pa-acknowledgement");
  // The first nonce the widget gets is one the server never issued (as if it had expired).
  let swapped = false;
  await page.route("**/v1/nonce*", async (route) => {
    if (swapped) return route.continue();
    swapped = true;
    await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ nonce: "stale-nonce" }) });
  });
  const posts = [];
  page.on("response", (r) => { if (r.url().endsWith("/v1/submissions")) posts.push(r.status()); });
  await fillValid(w, "Nia Nonce");
  await w.getByRole("button", { name: "Send acknowledgement" }).click();
  await w.locator("[data-careform-receipt]").waitFor({ timeout: 15000 });
  assert.deepEqual(posts, [400, 201], "refused with badNonce, then accepted once re-signed");
  await watch.assertClean();
});

test("choosing someone else or a carer shows exactly the fields the rules then ask for", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}/demo/pa-acknowledgement.html`);
  const w = page.locator("careform-pa-acknowledgement");
  await w.locator("form").waitFor();
  const employerName = w.getByLabel("Your employer's name");
  const contact = w.getByLabel("Their name and contact details");
  assert.equal(await employerName.isVisible(), false);
  await w.getByLabel("Someone else").check();
  assert.equal(await employerName.isVisible(), true, "someone else employs you: name them");
  await w.getByLabel("My client").check();
  assert.equal(await employerName.isVisible(), false);
  assert.equal(await contact.isVisible(), false);
  await w.getByLabel("A carer").check();
  assert.equal(await contact.isVisible(), true, "you report to a carer: give their details");
  // Sending now names only fields that are on the screen.
  await w.getByRole("button", { name: "Send acknowledgement" }).click();
  const summary = w.locator(".govuk-error-summary");
  await summary.waitFor();
  for (const link of await summary.locator("a").all()) {
    const target = (await link.getAttribute("href")).slice(1);
    assert.equal(await w.locator(`[id="${target}"]`).first().isVisible(), true, `error for hidden field ${target}`);
  }
  assert.ok(!(await summary.textContent()).includes("Enter type"), "messages are written per field");
  await context.close();
});
