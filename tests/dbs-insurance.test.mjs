// <careform-dbs-insurance> end to end: add, change and remove workers, enter the policies, read
// every problem with its lapse date, send the signed check; the CLI agrees with the widget.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, launchBrowser, axeViolations, sendAndAwaitReceipt, openDemo, iso, shift, fillDate, followErrorLink } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const openWidget = () => openDemo(browser, server, "dbs-insurance");

async function addWorker(widget, { name, number, level = "Enhanced with adults' barred list", issued, kind = "Owner (you)" }) {
  await widget.getByRole("button", { name: /Add (a|another) worker/ }).click();
  await widget.getByLabel("Full name").fill(name);
  await widget.getByRole("group", { name: "How do they work?" }).getByLabel(kind).check();
  await widget.getByRole("group", { name: /Does their work include personal care/ }).getByLabel("Yes", { exact: true }).check();
  await widget.getByLabel("DBS certificate number").fill(number);
  await widget.getByRole("group", { name: "Level of the check" }).getByLabel(level, { exact: true }).check();
  await widget.getByRole("group", { name: "Workforce on the certificate" }).getByLabel("Adult", { exact: true }).check();
  await fillDate(widget, "dbs_issue", issued);
  await widget.getByRole("group", { name: /Does the certificate show any information/ }).getByLabel("No", { exact: true }).check();
  await widget.getByRole("group", { name: "Are they on the DBS Update Service?" }).getByLabel("No", { exact: true }).check();
  await widget.getByRole("button", { name: "Save worker" }).click();
}

test("a small team's certificates and policies get dated, sourced verdicts; change and remove work; the check lands", async () => {
  const { page, watch, widget } = await openWidget();
  await widget.getByLabel("Applicant's legal name").fill("Sam Patel");
  await widget.getByRole("group", { name: "Do you drive clients?" }).getByLabel("No", { exact: true }).check();
  // One certificate fine, one 11 digits and nearly three years old.
  await addWorker(widget, { name: "Sam Patel", number: "0012 3456 7890", issued: shift(-400) });
  await addWorker(widget, { name: "Jo Bloggs", number: "00123456789", issued: shift(-3 * 365 + 20), kind: "Employee" });
  const jo = widget.locator('[data-careform-worker="Jo Bloggs"]');
  await jo.locator('[data-careform-rule="DI-06"]').waitFor();
  assert.match(await jo.locator('[data-careform-rule="DI-06"]').textContent(), /11 digits/);
  assert.equal(await jo.locator('[data-careform-rule="DI-09"]').getAttribute("data-careform-outcome"), "warn");
  assert.match(await jo.locator('[data-careform-rule="DI-09"]').textContent(), /days from today/);
  // Change Jo's number; the problem goes.
  await jo.getByRole("button", { name: "Change Jo Bloggs" }).click();
  assert.equal(await widget.getByLabel("Full name").inputValue(), "Jo Bloggs");
  await widget.getByLabel("DBS certificate number").fill("001234567891");
  await widget.getByRole("button", { name: "Save worker" }).click();
  await page.waitForFunction(() => !document.querySelector("careform-dbs-insurance").shadowRoot.querySelector('[data-careform-worker="Jo Bloggs"] [data-careform-rule="DI-06"]'));
  // A third worker, then removed.
  await addWorker(widget, { name: "Temp Person", number: "F1234567890", issued: shift(-10), kind: "Temporary or bank" });
  const temp = widget.locator('[data-careform-worker="Temp Person"]');
  assert.match(await temp.locator('[data-careform-rule="DI-07"]').textContent(), /application form reference/);
  await temp.getByRole("button", { name: "Remove Temp Person" }).click();
  assert.equal(await widget.locator("[data-careform-worker]").count(), 2);

  // Public liability at £999,999.99 fails; at £5m passes. Expiring in 20 days warns.
  const pl = widget.getByRole("group", { name: "Public liability insurance" });
  await pl.getByLabel("I have this insurance").check();
  await widget.locator("#pl_insurer").fill("Acme Insurance");
  await widget.locator("#pl_insured").fill("Sam Patel");
  await widget.locator("#pl_limit").fill("£999,999.99");
  await fillDate(widget, "pl_start", shift(-300));
  await fillDate(widget, "pl_expiry", shift(20));
  await widget.getByRole("group", { name: "What evidence do you have?" }).first().getByLabel("Certificate or schedule").check();
  await widget.getByRole("group", { name: "Professional indemnity insurance" }).getByLabel("I do not have it").check();
  const limit = widget.locator('[data-careform-rule="DI-32"]');
  await limit.waitFor();
  assert.equal(await limit.getAttribute("data-careform-outcome"), "fail");
  assert.match(await limit.textContent(), /£999,999\.99/);
  await widget.locator("#pl_limit").fill("£5,000,000");
  await page.waitForFunction(() => !document.querySelector("careform-dbs-insurance").shadowRoot.querySelector('[data-careform-rule="DI-32"]'));
  assert.equal(await widget.locator('[data-careform-rule="DI-31"]').getAttribute("data-careform-outcome"), "warn");
  // Renewals, soonest first: the policy (20 days) before Jo's DBS.
  const renewals = widget.locator("[data-careform-renewals] .govuk-summary-list__row");
  assert.match(await renewals.first().textContent(), /Public liability insurance.*20 days/);
  assert.deepEqual(await axeViolations(page), []);

  // The CLI says the same about the same data.
  const submission = {
    applicant: { legal_name: "Sam Patel" }, employee_count: 0, transports_clients: false,
    workers: [
      { name: "Sam Patel", kind: "owner", regulated_activity: true, dbs: { certificate_number: "0012 3456 7890", level: "enhanced_adults_barred", workforce: "adult", issue_date: iso(shift(-400)), information_disclosed: false } },
      { name: "Jo Bloggs", kind: "employee", regulated_activity: true, dbs: { certificate_number: "001234567891", level: "enhanced_adults_barred", workforce: "adult", issue_date: iso(shift(-3 * 365 + 20)), information_disclosed: false } },
    ],
    insurance: { public_liability: { insurer: "Acme Insurance", insured_name: "Sam Patel", limit_pence: 500000000, start_date: iso(shift(-300)), expiry_date: iso(shift(20)), document_type: "certificate" } },
  };
  const cli = JSON.parse(execFileSync(server.bin, ["check", "dbs-insurance", "--profile", "somerset-micro-provider", "--today", iso(new Date())], { input: JSON.stringify(submission) }).toString());
  assert.equal(await widget.locator("[data-careform-outcome]").first().getAttribute("data-careform-outcome"), cli.outcome);
  const shown = await widget.locator("[data-careform-worker] [data-careform-rule]").evaluateAll((els) => els.map((e) => `${e.dataset.careformRule}:${e.dataset.careformOutcome}`));
  const expected = cli.workers.flatMap((w) => w.findings.filter((f) => f.outcome === "warn" || f.outcome === "fail").map((f) => `${f.rule}:${f.outcome}`));
  assert.deepEqual(shown, expected);

  await sendAndAwaitReceipt(widget);
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});

test("sending an empty form lists what is missing in a linked error summary", async () => {
  const { page, watch, widget } = await openWidget();
  await widget.getByRole("button", { name: "Send this check" }).click();
  const summary = widget.locator(".govuk-error-summary");
  await summary.waitFor();
  await followErrorLink(widget, "Enter the applicant's legal name", "legal_name");
  assert.ok(await summary.getByRole("link", { name: /Add at least one worker/ }).isVisible());
  // A worker saved with no details is refused field by field.
  await widget.getByRole("button", { name: "Add a worker" }).click();
  await widget.getByRole("button", { name: "Save worker" }).click();
  await summary.getByRole("link", { name: "Enter the worker's name" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});

test("a reload keeps the applicant, the saved workers and the policies typed so far", async () => {
  const { page, watch, widget } = await openWidget();
  await widget.getByLabel("Applicant's legal name").fill("Ana Silva");
  await addWorker(widget, { name: "Ana Silva", number: "001234567890", issued: shift(-100) });
  await widget.getByRole("group", { name: "Public liability insurance" }).getByLabel("I have this insurance").check();
  await widget.locator("#pl_insurer").fill("Kindly Mutual");
  await widget.locator("#pl_limit").fill("£2m");
  await page.reload();
  await widget.locator("form").waitFor();
  assert.equal(await widget.getByLabel("Applicant's legal name").inputValue(), "Ana Silva");
  assert.equal(await widget.locator("[data-careform-worker]").count(), 1);
  assert.equal(await widget.locator("#pl_insurer").inputValue(), "Kindly Mutual");
  assert.equal(await widget.locator("#pl_limit").inputValue(), "£2m");
  await watch.assertClean();
});
