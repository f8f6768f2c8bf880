// <careform-gift-register> end to end: record the offers of one visit by keyboard and clicks, see
// at once which is a breach and when the commissioner must be told, change one, send the signed
// entry and keep the verified receipt; the CLI gives the same verdicts for the same data.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, launchBrowser, axeViolations, sendAndAwaitReceipt, openDemo, followErrorLink } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const openWidget = () => openDemo(browser, server, "gift-register");

const group = (widget, name) => widget.getByRole("group", { name });
const choose = (widget, legend, label) => group(widget, legend).getByLabel(label, { exact: true }).check();

async function fillDate(widget, id, [d, m, y]) {
  await widget.locator(`#${id}`).fill(d);
  await widget.locator(`#${id}-month`).fill(m);
  await widget.locator(`#${id}-year`).fill(y);
}

/** The editor's answers for one offer (it is open). */
async function fillOffer(widget, { kind, description, value, outcome }) {
  await fillDate(widget, "offer_date", ["2", "11", "2026"]);
  await widget.getByLabel("Worker it was offered to").fill("Alex Rowe");
  await widget.getByLabel("Client reference").fill("C-104");
  await choose(widget, "Who made the offer?", "The client");
  await choose(widget, "What was offered or asked?", kind);
  await widget.getByLabel("Describe it").fill(description);
  await widget.getByLabel("Rough value").fill(value);
  await choose(widget, "Did the worker ask for it?", "No");
  await choose(widget, "What happened?", outcome);
  await fillDate(widget, "offer_reported", ["2", "11", "2026"]);
  await choose(widget, "Is anyone concerned the client is being pressured or exploited?", "No");
  await choose(widget, "Has the commissioner been told?", "Not yet");
}

/** The same offer as the rules' input. */
const offer = (kind, description, pence, outcome) => ({
  offered_on: "2026-11-02", worker: "Alex Rowe", client: "C-104", offered_by: "client", kind, description,
  estimated_value_pence: pence, solicited: false, outcome, reported_on: "2026-11-02", commissioner_notified_on: null,
  safeguarding_concern: false,
});

const findingsOf = (scope) =>
  scope.locator("[data-careform-rule]").evaluateAll((els) => els.map((e) => `${e.dataset.careformRule}:${e.dataset.careformOutcome}`));

test("a visit's offers get sourced verdicts at once, the commissioner's deadline from the rules, and the signed entry lands", async () => {
  const { page, watch, widget } = await openWidget();
  await widget.getByLabel("Provider").fill("Acme Care");

  // The first offer, partly by keyboard: the add button, a radio group and Save.
  const add = widget.getByRole("button", { name: "Add an offer" });
  await add.focus();
  await page.keyboard.press("Enter");
  await fillOffer(widget, { kind: "A gift, such as flowers, chocolates or a present", description: "Box of chocolates", value: "£8", outcome: "Declined" });
  await widget.locator("#offer_by").focus();
  await page.keyboard.press("ArrowDown"); // the representative
  assert.ok(await group(widget, "Who made the offer?").getByLabel("Their representative, such as an attorney or deputy").isChecked());
  await page.keyboard.press("ArrowUp"); // back to the client
  assert.ok(await group(widget, "Who made the offer?").getByLabel("The client").isChecked());
  const preview = widget.locator("[data-careform-preview]");
  await preview.getByText("No problems found.").waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await widget.getByRole("button", { name: "Save offer" }).focus();
  await page.keyboard.press("Enter");
  await widget.locator('[data-careform-offer="0"]').waitFor();

  // The second: cash, accepted. The editor says at once: a breach, tell the commissioner by when.
  await widget.getByRole("button", { name: "Add another offer" }).click();
  await fillOffer(widget, { kind: "Cash", description: "Twenty pounds for Christmas", value: "£20", outcome: "Accepted" });
  await preview.locator('[data-careform-rule="GR-18"]').waitFor();
  assert.equal(await preview.locator('[data-careform-rule="GR-18"]').getAttribute("data-careform-outcome"), "fail");
  assert.match(await preview.locator('[data-careform-rule="GR-18"]').textContent(), /never acceptable.*GR-18\. Source: https:\/\/www\.uttlesford\.gov\.uk/s);
  const due = preview.locator('[data-careform-notification="due"]');
  assert.equal(await due.getAttribute("data-careform-due"), "2026-11-09");
  assert.match(await due.textContent(), /Tell the commissioner by 9 November 2026 about an accepted offer/);
  assert.match(await due.textContent(), /Source: .*003_511e571f1df8e389\.txt §16\.1 \(as soon as it is practical\).*5 working days after the report/);
  assert.deepEqual(await axeViolations(page), []);
  await widget.getByRole("button", { name: "Save offer" }).click();
  const cash = widget.locator('[data-careform-offer="1"]');
  await cash.locator('[data-careform-rule="GR-05"]').waitFor();

  // A third offer, changed and then removed: rows keep their keys.
  await widget.getByRole("button", { name: "Add another offer" }).click();
  await fillOffer(widget, { kind: "A tip or reward", description: "A fiver", value: "5", outcome: "Declined" });
  await widget.getByRole("button", { name: "Save offer" }).click();
  const tip = widget.locator('[data-careform-offer="2"]');
  await tip.getByRole("button", { name: /Change 2 November 2026, C-104: A fiver/ }).click();
  assert.equal(await widget.getByLabel("Describe it").inputValue(), "A fiver");
  await choose(widget, "What happened?", "Accepted");
  await widget.getByRole("button", { name: "Save offer" }).click();
  await tip.locator('[data-careform-rule="GR-03"]').waitFor();
  await tip.getByRole("button", { name: /Remove 2 November 2026, C-104: A fiver/ }).click();
  assert.equal(await widget.locator("[data-careform-offer]").count(), 2);
  assert.equal(await widget.evaluate((el) => el.shadowRoot.activeElement?.id), "add_offer", "focus moves on to the add button");

  // The CLI says the same about the same data, the deadline included.
  const register = {
    provider: { name: "Acme Care" },
    offers: [offer("gift", "Box of chocolates", 800, "declined"), offer("money", "Twenty pounds for Christmas", 2000, "accepted")],
  };
  const today = new Date().toISOString().slice(0, 10);
  const cli = JSON.parse(execFileSync(server.bin, ["check", "gift-register", "--profile", "somerset-micro-provider", "--today", today], { input: JSON.stringify(register) }).toString());
  assert.equal(cli.outcome, "fail");
  assert.equal(await widget.locator("p[data-careform-outcome]").getAttribute("data-careform-outcome"), cli.outcome);
  for (const [i, o] of cli.offers.entries()) {
    const expected = o.findings.filter((f) => f.outcome === "warn" || f.outcome === "fail").map((f) => `${f.rule}:${f.outcome}`);
    assert.deepEqual(await findingsOf(widget.locator(`[data-careform-offer="${i}"]`)), expected, `offer ${i}`);
  }
  const notices = await widget.locator("[data-careform-notification]").evaluateAll((els) => els.map((e) => e.dataset.careformDue));
  assert.deepEqual(notices, cli.notifications.map((n) => n.due_by));
  const shownSources = await widget.locator("[data-careform-notification]").evaluateAll((els) => els.map((e) => e.textContent));
  shownSources.forEach((text, i) => assert.ok(text.includes(cli.notifications[i].source), text));
  assert.deepEqual(await axeViolations(page), []);

  const reference = await sendAndAwaitReceipt(widget, "Send this entry");
  assert.match(await widget.locator("[data-careform-receipt]").textContent(), new RegExp(reference));
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});

test("sending an empty register lists what is missing; an offer saved blank is refused field by field", async () => {
  const { page, watch, widget } = await openWidget();
  await widget.getByRole("button", { name: "Send this entry" }).click();
  const summary = widget.locator(".govuk-error-summary");
  await summary.waitFor();
  await followErrorLink(widget, "Enter the provider's name", "provider");
  await followErrorLink(widget, "Add the offer you are recording", "add_offer");
  await widget.getByRole("button", { name: "Add an offer" }).click();
  // A new offer starts dated today; everything else is asked.
  assert.notEqual(await widget.locator("#offer_date-year").inputValue(), "");
  await widget.getByRole("button", { name: "Save offer" }).click();
  for (const message of ["Enter the name of the worker it was offered to", "Enter the client's reference", "Select who made the offer", "Select what was offered", "Select what happened to the offer"]) {
    await summary.getByRole("link", { name: message }).waitFor();
  }
  assert.deepEqual(await axeViolations(page), []);
  await watch.assertClean();
});
