// <careform-task-scope> end to end: paste a plan, read each verdict, answer the exemption
// questions, send the signed check; the CLI and the widget agree on every fixture phrase.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, axeViolations, watchPage, sendAndAwaitReceipt, openDemo, followErrorLink } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = readFileSync(path.join(root, "crates/rules/tests/fixtures/task-scope.tsv"), "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => l.split("\t"));
const code = {
  personal_care: "PC", practical_support: "PS", excluded_clinical: "EX",
  delegated_healthcare: "DH", not_permitted: "ND", unrecognised: "UN",
};
const TODAY = "2026-11-23";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const openWidget = (page = "task-scope.html") => openDemo(browser, server, "task-scope", page);

function cli(profile, plan) {
  return JSON.parse(execFileSync(server.bin, ["check", "task-scope", "--profile", profile, "--today", TODAY], { input: JSON.stringify(plan) }).toString());
}

test("the widget's rules and the CLI give the same report for every fixture phrase, under both profiles", async () => {
  const { page, watch } = await openWidget();
  const plan = { tasks: fixtures.map(([description]) => ({ description })) };
  for (const profile of ["bexley-homecare", "somerset-micro-provider"]) {
    const inBrowser = await page.evaluate(
      async ([plan, profile, today]) => (await import("/widgets/careform.js")).checkTaskScope(plan, { profile, today }),
      [plan, profile, TODAY],
    );
    assert.deepEqual(inBrowser, cli(profile, plan), `${profile}: wasm and native reports differ`);
  }
  await watch.assertClean();
});

test("pasting a care plan classes each line as it is typed, with its explanation and source", async () => {
  const { page, watch, widget } = await openWidget();
  await widget.locator("#tasks").fill(fixtures.map(([d]) => d).join("\n"));
  const items = widget.locator("li.careform-task");
  await page.waitForFunction((n) => document.querySelector("careform-task-scope").shadowRoot.querySelectorAll("li.careform-task").length === n, fixtures.length);
  const shown = await items.evaluateAll((lis) => lis.map((li) => [li.dataset.careformCategory, li.dataset.careformNegated]));
  shown.forEach(([category, negated], i) => {
    assert.equal(`${negated === "true" ? "-" : ""}${code[category]}`, fixtures[i][1], `line ${i + 1}: ${fixtures[i][0]}`);
  });
  const catheter = items.filter({ hasText: "Empty the catheter leg bag" }).first();
  assert.match(await catheter.textContent(), /Personal care/);
  assert.match(await catheter.textContent(), /004_08a37aa4ee6b72b0\.txt §10\.9/);
  assert.match(await widget.locator("[data-careform-count]").textContent(), new RegExp(`${fixtures.length} tasks checked`));
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});

test("personal care asks the five exemption questions; all yes meets TS-35; the signed check lands", async () => {
  const { page, watch, widget } = await openWidget("task-scope-somerset.html");
  const provider = widget.getByRole("group", { name: "Who will provide the personal care?" });
  assert.equal(await provider.isVisible(), false, "not asked before personal care appears");
  await widget.getByText("Pick from common tasks").click();
  await widget.getByRole("button", { name: "Add “Strip wash”" }).click();
  await widget.getByRole("button", { name: "Add “Shopping”" }).click();
  assert.equal(await widget.locator("#tasks").inputValue(), "Strip wash\nShopping\n");
  await provider.waitFor();
  assert.equal(await widget.locator('[data-careform-rule="TS-35"]').getAttribute("data-careform-outcome"), "fail");
  await widget.getByLabel("An individual working directly for the person, under their control").check();
  const questions = widget.getByRole("group", { name: "The person (or their representative) answers yes to:" }).getByRole("checkbox");
  assert.equal(await questions.count(), 5);
  for (let i = 0; i < 5; i++) await questions.nth(i).check();
  assert.equal(await widget.locator('[data-careform-rule="TS-35"]').getAttribute("data-careform-outcome"), "pass");
  assert.match(await widget.locator('[data-careform-group="personal"]').textContent(), /1 task/);
  assert.match(await widget.locator('[data-careform-group="practical"]').textContent(), /1 task/);
  assert.deepEqual(await axeViolations(page), []);

  const before = JSON.parse(execFileSync(server.bin, ["audit", "--data-dir", server.dataDir]).toString()).records;
  await sendAndAwaitReceipt(widget);
  const audit = JSON.parse(execFileSync(server.bin, ["audit", "--data-dir", server.dataDir]).toString());
  assert.equal(audit.valid, true);
  assert.equal(audit.records, before + 1);
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});

test("sending with no tasks shows a linked error summary; a bad call time is named", async () => {
  const { page, watch, widget } = await openWidget();
  await widget.getByRole("button", { name: "Send this check" }).click();
  const summary = widget.locator(".govuk-error-summary");
  await summary.waitFor();
  await followErrorLink(widget, "Enter at least one task, one per line", "tasks");
  assert.deepEqual(await axeViolations(page), []);
  await widget.locator("#tasks").fill("Strip wash");
  await widget.locator("#visits").fill("08:00, 25:00");
  await widget.getByRole("button", { name: "Send this check" }).click();
  await summary.getByRole("link", { name: /Call times: "25:00" is not a time of day/ }).waitFor();
  await watch.assertClean();
});

test("an unknown profile attribute is a clear message, not a broken page", async () => {
  const tab = await browser.newPage();
  const watch = await watchPage(tab, server.base);
  await tab.goto(`${server.base}/demo/task-scope.html`);
  await tab.evaluate(async () => {
    const { mountWidget } = await import("/widgets/careform.js");
    const host = document.createElement("section");
    host.id = "other";
    document.querySelector("main").append(host);
    await mountWidget(host, "task-scope", { profile: "leeds" });
  });
  const message = tab.locator("#other").getByRole("alert");
  await message.waitFor();
  assert.match(await message.textContent(), /no built-in profile called "leeds"/);
  await watch.assertClean();
});

test("under the Somerset profile a recorded delegation makes an injection delegated healthcare", async () => {
  const { page, watch, widget } = await openWidget("task-scope-somerset.html");
  await widget.locator("#tasks").fill("Insulin injection\nStrip wash");
  const injection = widget.locator("li.careform-task").first();
  await page.waitForFunction(() => document.querySelector("careform-task-scope").shadowRoot.querySelector("li.careform-task")?.dataset.careformCategory === "excluded_clinical");
  assert.match(await injection.textContent(), /records no delegation/);
  const group = widget.getByRole("group", { name: "Delegation of: Insulin injection" });
  await group.waitFor();
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  await group.getByLabel("Registered professional who delegated it").fill("Sam Lee, district nurse");
  await group.getByLabel("Date the worker was trained and assessed competent").fill(day(-30));
  await group.getByLabel("Date the delegation is next reviewed").fill("2027-02-30");
  await widget.getByRole("button", { name: "Send this check" }).click();
  const summary = widget.locator(".govuk-error-summary");
  await followErrorLink(widget, "Task 1: the review date must be a real date, YYYY-MM-DD", "delegations");
  await group.getByLabel("Date the delegation is next reviewed").fill(day(180));
  await page.waitForFunction(() => document.querySelector("careform-task-scope").shadowRoot.querySelector("li.careform-task")?.dataset.careformCategory === "delegated_healthcare");
  assert.match(await injection.textContent(), /Delegated by Sam Lee, district nurse/);
  assert.equal(await widget.locator('[data-careform-rule="TS-18"]').getAttribute("data-careform-outcome"), "warn");
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});
