// <careform-key-holding> end to end: a provider records a key-holding agreement by keyboard and
// clicks (a tag carrying the client's name flagged as it is typed), gets the same verdict as
// `careform check key-holding`, sends it and keeps its verified receipt; then records the keys'
// return, a second signed submission whose receipt names the agreement. axe-core on each screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, launchBrowser, axeViolations, openDemo, iso, shift, fillDate, followErrorLink } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const openWidget = () => openDemo(browser, server, "key-holding");

const start = shift(0);
const end = shift(13);

/** The example agreement, dated from today. */
function agreement(reason = "carer_sudden_incapacity") {
  return {
    provider: { name: "Bexley Home Support Ltd" },
    client: { ref: "C-2291", name: "Margaret Ellis", has_capacity: true },
    reason, reason_text: "Her daughter, who lets carers in, is in hospital",
    start_date: iso(start), planned_end_date: iso(end),
    keys: [{ tag: "K-0417", doors: "front door", copies: 1 }],
    storage: "office_safe", no_duplicates_attested: true,
    signed_by: { role: "client", name: "Margaret Ellis", date: iso(start) },
    manager_approval: { name: "Priya Shah", date: iso(start) },
    care_plan_reference: "CP-2291-7", returned: null,
  };
}

function cli(input) {
  return JSON.parse(execFileSync(server.bin, ["check", "key-holding", "--profile", "bexley-homecare", "--today", iso(new Date())], { input: JSON.stringify(input) }).toString());
}

/** The widget's verdict and its warn/fail findings, as `rule:outcome`. */
async function shown(widget) {
  const outcome = await widget.locator("[data-careform-outcome]").first().getAttribute("data-careform-outcome");
  const findings = await widget.locator("li[data-careform-rule]").evaluateAll((els) => els.map((e) => `${e.dataset.careformRule}:${e.dataset.careformOutcome}`));
  return { outcome, findings };
}

function expected(report) {
  return { outcome: report.outcome, findings: report.findings.filter((f) => f.outcome === "warn" || f.outcome === "fail").map((f) => `${f.rule}:${f.outcome}`) };
}

async function receipt(widget, button, previous = null) {
  await widget.getByRole("button", { name: button }).click();
  const panel = widget.locator("[data-careform-receipt]");
  await panel.waitFor({ timeout: 20000 });
  const reference = await panel.getAttribute("data-careform-receipt");
  assert.match(reference, /^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.notEqual(reference, previous);
  return reference;
}

test("an agreement is recorded, checked as the CLI checks it, sent, and closed by its return; the receipt shows both", async () => {
  const { page, watch, widget } = await openWidget();
  await widget.getByLabel("Provider's name").fill("Bexley Home Support Ltd");
  await widget.getByLabel("Client's reference").fill("C-2291");
  await widget.getByLabel("Client's name").fill("Margaret Ellis");
  await widget.getByRole("group", { name: /Does the client have capacity/ }).getByLabel("Yes", { exact: true }).check();
  await widget.getByRole("group", { name: "Why must you hold the keys?" }).getByLabel("As a matter of routine").check();
  await widget.getByLabel("Describe the reason").fill("Her daughter, who lets carers in, is in hospital");
  await fillDate(widget, "start", start);
  await fillDate(widget, "end", end);

  // A key whose tag carries the client's surname is flagged as it is typed; a code is not.
  await widget.getByRole("button", { name: "Add a key" }).click();
  await widget.getByLabel("Tag code").pressSequentially("K-ELLIS");
  const warning = widget.locator("[data-careform-tag-warning]");
  await warning.waitFor();
  assert.match(await warning.textContent(), /ellis.*client's name/);
  await widget.getByLabel("Tag code").fill("K-0417");
  await warning.waitFor({ state: "detached" });
  await widget.getByLabel("Which doors it opens").fill("front door");
  await widget.getByLabel("Number of copies received").fill("1");
  await widget.getByRole("button", { name: "Save key" }).click();
  assert.equal(await widget.locator('[data-careform-key="K-0417"]').count(), 1);

  await widget.getByRole("group", { name: /Where are the keys kept/ }).getByLabel("In the office safe").check();
  // The attestation by keyboard: focus it and press Space.
  await widget.getByLabel("No duplicate keys will be made or obtained").focus();
  await page.keyboard.press("Space");
  assert.ok(await widget.getByLabel("No duplicate keys will be made or obtained").isChecked());
  await widget.getByRole("group", { name: "Who signed the agreement?" }).getByLabel("The client", { exact: true }).check();
  await widget.getByLabel("Name of the person who signed").fill("Margaret Ellis");
  await fillDate(widget, "signed", start);
  await widget.getByLabel("Manager who approved it").fill("Priya Shah");
  await fillDate(widget, "approved", start);
  await widget.getByLabel("Care plan reference").fill("CP-2291-7");

  // Routine holding fails, and the widget says what the CLI says about the same data.
  await widget.locator('li[data-careform-rule="KH-01"]').waitFor();
  assert.deepEqual(await shown(widget), expected(cli(agreement("routine"))));
  assert.equal((await shown(widget)).outcome, "fail");
  // An emergency passes, with the return-by date shown.
  await widget.getByRole("group", { name: "Why must you hold the keys?" }).getByLabel(/informal carer/).check();
  await widget.locator('li[data-careform-rule="KH-01"]').waitFor({ state: "detached" });
  const report = cli(agreement());
  assert.deepEqual(await shown(widget), expected(report));
  assert.equal(report.outcome, "pass");
  assert.equal(await widget.locator("[data-careform-return-by]").getAttribute("data-careform-return-by"), report.return_by);
  assert.deepEqual(await axeViolations(page), []);

  const first = await receipt(widget, "Send the agreement");
  assert.deepEqual(await axeViolations(page), []);

  // The agreement is listed with its reference under the keys held; its return is recorded from
  // there, now or on a later visit. Opening the return and leaving never leaves the sent agreement
  // behind as a draft to send twice.
  const held = widget.locator(`[data-careform-held="${first}"]`);
  const recordReturn = held.getByRole("button", { name: `Record the return of keys for C-2291 (${first})` });
  await recordReturn.click();
  await widget.getByLabel("Who were they returned to?").waitFor();
  await page.reload();
  await widget.locator("form").waitFor();
  assert.equal(await widget.getByLabel("Provider's name").inputValue(), "");
  assert.equal(await widget.locator('[data-careform-key]').count(), 0);
  await recordReturn.click();
  assert.equal(await widget.locator("[data-careform-agreement]").getAttribute("data-careform-agreement"), first);
  await fillDate(widget, "returned_date", shift(0));
  await widget.getByLabel("Who were they returned to?").fill("Margaret Ellis");
  await widget.getByLabel("How many copies were returned?").fill("2");
  await widget.locator('li[data-careform-rule="KH-06"]').waitFor();
  const returned = { ...agreement(), returned: { date: iso(shift(0)), to: "Margaret Ellis", copies: 2 } };
  assert.deepEqual(await shown(widget), expected(cli(returned)));
  await widget.getByLabel("How many copies were returned?").fill("1");
  await widget.locator('li[data-careform-rule="KH-06"]').waitFor({ state: "detached" });
  returned.returned.copies = 1;
  assert.deepEqual(await shown(widget), expected(cli(returned)));
  assert.deepEqual(await axeViolations(page), []);

  const second = await receipt(widget, "Send the return", first);
  // The return's receipt names the agreement, as the server confirmed it.
  const refers = widget.locator(".govuk-summary-list__row", { hasText: "Refers to" });
  assert.match(await refers.textContent(), new RegExp(first));
  assert.match(await widget.locator("[data-careform-receipt]").textContent(), new RegExp(second));
  assert.equal(await widget.locator("[data-careform-held]").count(), 0, "nothing left to return");
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});

test("sending an empty agreement lists what is missing in a linked error summary", async () => {
  const { page, watch, widget } = await openWidget();
  await widget.getByRole("button", { name: "Send the agreement" }).click();
  const summary = widget.locator(".govuk-error-summary");
  await summary.waitFor();
  await followErrorLink(widget, "Enter the provider's name", "provider");
  assert.ok(await summary.getByRole("link", { name: /Enter the start date/ }).isVisible());
  // A key saved with no details is refused field by field.
  await widget.getByRole("button", { name: "Add a key" }).click();
  await widget.getByRole("button", { name: "Save key" }).click();
  await summary.getByRole("link", { name: "Enter the code on the key's tag" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});
