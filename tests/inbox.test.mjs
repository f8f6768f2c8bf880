// The council inbox in headless Chromium against a real `careform serve`: acknowledgements sent
// through the demo widget are found, filtered, opened, verified, decided with a reason and
// exported; one path by keyboard alone; axe-core on every inbox page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { startServer, launchBrowser, axeViolations, watchPage } from "./harness.mjs";

const PASSWORD = "a long enough password";
let server, browser;
const sent = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const add = (user, ...args) =>
    execFileSync(server.bin, ["staff", "add", user, "--data-dir", server.dataDir, ...args], { input: `${PASSWORD}\n` });
  add("olive", "--form", "pa-acknowledgement");
  add("ada", "--role", "admin");
  for (const name of ["Ana Inbox", "Ben Inbox"]) sent.push(await acknowledge(name));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Sends a PA acknowledgement through the demo widget; returns its receipt reference. */
async function acknowledge(name) {
  const page = await browser.newPage();
  await page.goto(`${server.base}/demo/pa-acknowledgement.html`);
  const w = page.locator("careform-pa-acknowledgement");
  await w.locator("form").waitFor();
  await w.getByLabel("I have read this Code of Practice and I will follow it").check();
  await w.getByLabel("Your full name", { exact: true }).fill(name);
  await w.getByLabel("Personal assistant or support worker").check();
  await w.getByLabel("Your client's name").fill("Jo Bloggs");
  await w.getByLabel("My client").check();
  await w.getByLabel("At Together! 2012's main activity base").check();
  await w.getByRole("group", { name: "Who you report back to" }).getByLabel("No one").check();
  await w.getByRole("group", { name: "Have you been cleared to use the kitchen?" }).getByLabel("No").check();
  await w.getByLabel("Type your full name to sign").fill(name);
  await w.getByRole("button", { name: "Send acknowledgement" }).click();
  const panel = w.locator("[data-careform-receipt]");
  await panel.waitFor({ timeout: 20000 });
  const reference = await panel.getAttribute("data-careform-receipt");
  await page.close();
  return reference;
}

async function signIn(page, user) {
  await page.goto(`${server.base}/staff/login`);
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.goto(`${server.base}/staff/inbox`);
  await page.getByRole("heading", { name: "Submissions" }).waitFor();
}

const noViolations = async (page) => assert.deepEqual(await axeViolations(page), [], page.url());

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return readFile(await file.path(), "utf8");
}

test("an officer filters, opens, verifies, decides with a reason and exports", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  // The decision without a reason is answered 422, which Chromium logs.
  const watch = await watchPage(page, server.base, { allowConsole: /status of 422/ });
  await signIn(page, "olive");
  await noViolations(page);
  const [ana, ben] = sent;
  const rows = page.locator("tbody tr");
  assert.deepEqual(await rows.locator("th").allTextContents(), [ben, ana], "newest first");

  await page.getByLabel("Reference").fill(ana.slice(0, 7).toLowerCase() + ana.slice(7, 9));
  await page.getByRole("button", { name: "Apply filters" }).click();
  assert.deepEqual(await rows.locator("th").allTextContents(), [ana], "the reference search finds one");
  await page.getByLabel("Reference").fill("");
  await page.getByLabel("Status").selectOption("new");
  await page.getByRole("button", { name: "Apply filters" }).click();
  assert.equal(await rows.count(), 2);
  await noViolations(page);

  await page.getByRole("link", { name: ana }).click();
  await page.getByRole("heading", { name: new RegExp(ana) }).waitFor();
  const verification = page.locator("#verification");
  assert.match(await verification.textContent(), /Signature\s*Valid signed by device key [A-Za-z0-9_-]{43}/);
  assert.match(await verification.textContent(), /Receipt\s*Valid reference CF-/);
  assert.equal(await page.locator("#receipt-reference").textContent(), ana);
  assert.match(await page.locator("dl").filter({ hasText: "pa_name" }).textContent(), /Ana Inbox/);
  await noViolations(page);

  await page.getByLabel("In review").check();
  await page.getByRole("button", { name: "Save decision" }).click();
  await page.getByLabel("Rejected").check();
  await page.getByRole("button", { name: "Save decision" }).click();
  // The decision form again, GOV.UK style: error summary first, linking to the reason, the
  // chosen status still chosen, the field marked.
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  assert.match(await page.title(), /^Error: CF-/);
  const problem = page.locator(".govuk-error-summary").getByRole("link", { name: "Enter the reason the submission is rejected" });
  assert.equal(await problem.getAttribute("href"), "#reason");
  assert.equal(await page.locator("main > *:not(.govuk-back-link)").first().getAttribute("class"), "govuk-error-summary");
  assert.ok(await page.getByLabel("Rejected").isChecked(), "the chosen status is kept");
  assert.equal(await page.locator("#reason-error").textContent(), "Error: Enter the reason the submission is rejected");
  assert.equal(await page.getByLabel("Reason").getAttribute("aria-describedby"), "reason-hint reason-error");
  await noViolations(page);
  await problem.click();
  await page.getByLabel("Reason").fill("Signed for the wrong participant");
  await page.getByRole("button", { name: "Save decision" }).click();
  await page.getByText("This submission is rejected: decided.").waitFor();
  const audit = await page.locator("#audit tbody").textContent();
  assert.match(audit, /olive\s*status\s*in_review/);
  assert.match(audit, /olive\s*status\s*rejected: Signed for the wrong participant/);
  await noViolations(page);

  await page.getByRole("link", { name: "Back to the inbox" }).click();
  await page.getByLabel("Status").selectOption("rejected");
  await page.getByRole("button", { name: "Apply filters" }).click();
  assert.deepEqual(await rows.locator("th").allTextContents(), [ana]);
  const csv = await download(page, "download CSV");
  const lines = csv.trim().split("\n");
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^reference,form,form_version,received_at,verdict,status,answers\./);
  assert.match(lines[1], new RegExp(`^${ana},pa-acknowledgement,1,[0-9T:-]+Z,pass,rejected,`));
  const json = JSON.parse(await download(page, "download JSON"));
  assert.deepEqual(json.submissions.map((s) => [s.reference, s.status, s.answers["answers.pa_name"]]), [[ana, "rejected", "Ana Inbox"]]);
  const cli = execFileSync(server.bin, ["export", "--data-dir", server.dataDir, "--status", "rejected"]).toString();
  assert.equal(cli, csv, "careform export gives the same rows");
  await watch.assertClean();
  await context.close();
});

/** Presses Tab until the focused element matches `test` (at most 80 times). */
async function tabTo(page, test) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(test)) return;
  }
  throw new Error(`focus never reached ${test}`);
}

test("by keyboard alone: sign in, open a submission and put it in review", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watch = await watchPage(page, server.base);
  await page.goto(`${server.base}/staff/login`);
  await tabTo(page, () => document.activeElement?.id === "username");
  await page.keyboard.type("olive");
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL(`${server.base}/staff`);
  await tabTo(page, () => document.activeElement?.textContent === "Council inbox");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Submissions" }).waitFor();
  const ben = sent[1];
  await tabTo(page, () => document.activeElement?.textContent?.startsWith("CF-") && document.activeElement.closest("tbody"));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), ben, "the newest comes first");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: new RegExp(ben) }).waitFor();
  await tabTo(page, () => document.activeElement?.id === "status-0");
  await page.keyboard.press("Space");
  await tabTo(page, () => document.activeElement?.textContent === "Save decision");
  await page.keyboard.press("Enter");
  await page.getByText("In review", { exact: true }).first().waitFor();
  assert.match(await page.locator("#audit tbody").textContent(), /olive\s*status\s*in_review/);
  await noViolations(page);
  await watch.assertClean();
  await context.close();
});

test("the admin's accounts page meets WCAG 2.2 AA and officers cannot open it", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "ada");
  await page.getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("heading", { name: "Accounts" }).waitFor();
  assert.equal(await page.getByLabel("Careform pipeline check").count(), 2, "one per account (olive, ada)");
  await noViolations(page);
  const officer = await browser.newContext();
  const other = await officer.newPage();
  await signIn(other, "olive");
  const r = await other.goto(`${server.base}/staff/admin`);
  assert.equal(r.status(), 403);
  await noViolations(other);
  await context.close();
  await officer.close();
});
