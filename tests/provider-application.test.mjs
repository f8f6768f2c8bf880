// <careform-provider-application> end to end: a new applicant goes through every section of the
// task list with the keyboard alone, checks their answers with the rules' sourced findings, and
// sends the signed application to a verified receipt; axe-core on every page; the draft opens
// again on the page the person left; the widget's findings are the CLI's for the data it signed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startServer, launchBrowser, axeViolations, watchPage, iso, shift } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The demo page in a new watched tab, once the widget shows its first page. */
async function open() {
  const page = await browser.newPage();
  const watch = await watchPage(page, server.base);
  await page.goto(`${server.base}/demo/provider-application.html`);
  const widget = page.locator("careform-provider-application");
  await widget.locator("#careform-page-title").waitFor();
  return { page, watch, widget };
}

/** Keyboard only: focus moves by the keyboard's own means or to a control, then keys act. */
const keys = (page) => ({
  /** Presses `key` (Enter, Space) on the control, once the page is drawn: after a page change
   * the widget moves focus to the new heading on the next frame, and a person acts after that
   * (focusing sooner, the heading takes the focus back and the key goes to it). */
  async press(locator, key = "Enter") {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await locator.focus();
    await page.keyboard.press(key);
  },
  /** Types `text` into the (empty) field. */
  async type(locator, text) {
    await locator.focus();
    await page.keyboard.insertText(text);
  },
});

const title = (widget) => widget.locator("#careform-page-title");
const focusedId = (widget) => widget.evaluate((el) => el.shadowRoot.activeElement?.id);
const status = (widget, id) => widget.locator(`#${id}-status`).textContent();
const group = (widget, legend) => widget.getByRole("group", { name: legend, exact: true });

/** Opens a section from the task list by keyboard; focus lands on its heading. */
async function openSection(page, widget, name, heading = name) {
  await keys(page).press(widget.getByRole("link", { name, exact: true }));
  await title(widget).filter({ hasText: heading }).waitFor();
  // Focus moves on the next frame, once the page is drawn.
  await widget.evaluate((el) => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await focusedId(widget), "careform-page-title", `focus moves to the heading of ${name}`);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

/** Chooses the radio `label` in the group `legend` with the Space key. */
async function choose(page, widget, legend, label) {
  await keys(page).press(group(widget, legend).getByLabel(label, { exact: true }), "Space");
}

/** Answers "Have you completed this section?" yes and saves: back on the task list. */
async function complete(page, widget) {
  await choose(page, widget, "Have you completed this section?", "Yes, I've completed this section");
  await keys(page).press(widget.getByRole("button", { name: "Save and continue" }));
  await title(widget).filter({ hasText: "Apply to be a micro-provider" }).waitFor();
}

async function date(page, scope, id, d) {
  const k = keys(page);
  await k.type(scope.locator(`#${id}`), String(d.getUTCDate()));
  await k.type(scope.locator(`#${id}-month`), String(d.getUTCMonth() + 1));
  await k.type(scope.locator(`#${id}-year`), String(d.getUTCFullYear()));
}

/** The findings the widget shows for each report section, as "RULE:outcome". */
const shownFindings = (widget) =>
  widget.locator("[data-careform-section]").evaluateAll((cards) =>
    Object.fromEntries(cards.map((c) => [c.dataset.careformSection, [...c.querySelectorAll("[data-careform-rule]")].map((e) => `${e.dataset.careformRule}:${e.dataset.careformOutcome}`)])),
  );

/** A small, real PDF (its bytes are sniffed), distinct for each name. */
const pdf = (name) => Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** The payload of the signed submission the page posts. */
function captureSubmission(page) {
  return new Promise((resolve) => {
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/v1/submissions")) {
        const jws = JSON.parse(r.postData());
        resolve(JSON.parse(Buffer.from(jws.payload, "base64url").toString()));
      }
    });
  });
}

test("a new applicant goes through every section by keyboard to a verified receipt, the findings the CLI's", async () => {
  const { page, watch, widget } = await open();
  const k = keys(page);
  assert.deepEqual(await axeViolations(page), [], "axe on the task list");
  assert.equal(await status(widget, "about-you"), "Not yet started");
  assert.equal(await status(widget, "workers"), "Cannot start yet");
  assert.equal(await widget.getByRole("link", { name: "Workers and DBS checks" }).count(), 0, "nothing to follow yet");
  assert.equal(await status(widget, "check"), "Cannot start yet");

  // About you. Saving without saying whether it is completed is refused, and says why.
  await openSection(page, widget, "About you");
  await k.type(widget.getByLabel("Your full legal name"), "Sam Carter");
  await k.press(widget.getByRole("button", { name: "Save and continue" }));
  await widget.locator(".govuk-error-summary").getByRole("link", { name: "Select whether you have completed this section" }).waitFor();
  assert.deepEqual(await axeViolations(page), [], "axe on a page with errors");
  await k.press(widget.getByRole("link", { name: "Back to the task list" }));
  assert.equal(await status(widget, "about-you"), "In progress");
  await openSection(page, widget, "About you");
  await k.type(widget.getByLabel("The postcode where you live"), "TA1 2AB");
  await choose(page, widget, "Have you ever been subject to disciplinary or other action, such as the end of a contract, because of poor practice in a care or related role?", "No");
  await complete(page, widget);
  assert.equal(await status(widget, "about-you"), "Completed");
  assert.equal(await status(widget, "workers"), "Not yet started", "the workers can start once you are known");

  await openSection(page, widget, "Your enterprise");
  await choose(page, widget, "How is your enterprise set up?", "Sole trader (self-employed)");
  await choose(page, widget, "Are you trading now?", "Yes, I am trading now");
  await choose(page, widget, "Is your enterprise a franchise?", "No");
  await choose(page, widget, "Is your enterprise a branch, subsidiary or part of a larger organisation?", "No");
  await choose(page, widget, "Is your enterprise registered with the Care Quality Commission (CQC)?", "No");
  await complete(page, widget);

  await openSection(page, widget, "Where you work");
  await k.type(widget.getByLabel("Where do you deliver your services?"), "TA1, TA2 7");
  await complete(page, widget);

  // What you offer: each task is classed as it is typed, by the task scope checker.
  await openSection(page, widget, "What you offer");
  await k.type(widget.getByLabel("What will you do for the people you support?"), "Shopping\nHoovering\nSit and chat");
  await widget.locator(".careform-task").nth(2).waitFor();
  assert.deepEqual(await widget.locator(".careform-task").evaluateAll((els) => els.map((e) => e.dataset.careformCategory)), ["practical_support", "practical_support", "practical_support"]);
  assert.deepEqual(await axeViolations(page), [], "axe with the tasks classed");
  await complete(page, widget);

  // Workers: the first one is you, named from "About you".
  await openSection(page, widget, "Workers and DBS checks");
  await k.press(widget.getByRole("button", { name: "Add a worker" }));
  assert.equal(await widget.getByLabel("Full name").inputValue(), "Sam Carter");
  assert.ok(await group(widget, "Is this worker you?").getByLabel("Yes").isChecked());
  await choose(page, widget, "Are they paid?", "Paid");
  await k.type(widget.getByLabel("Usual hours a week"), "30");
  await choose(page, widget, "Do they deliver personal care?", "No");
  await k.type(widget.getByLabel("DBS certificate number"), "001234567890");
  await choose(page, widget, "Level of the check", "Enhanced with adults' barred list");
  await choose(page, widget, "Workforce on the certificate", "Adult");
  await date(page, widget, "dbs_issue", shift(-200));
  await choose(page, widget, "Does the certificate show any information (convictions, cautions or police information)?", "No");
  await choose(page, widget, "Are they on the DBS Update Service?", "No");
  assert.deepEqual(await axeViolations(page), [], "axe with the worker editor open");
  await k.press(widget.getByRole("button", { name: "Save worker" }));
  await widget.locator('[data-careform-worker="Sam Carter"]').waitFor();
  await complete(page, widget);

  await openSection(page, widget, "Insurance");
  const pl = group(widget, "Public liability insurance");
  await choose(page, widget, "Public liability insurance", "I have this insurance");
  await k.type(widget.locator("#pl_insurer"), "Example Mutual");
  await k.type(widget.locator("#pl_insured"), "Sam Carter");
  await k.type(widget.locator("#pl_limit"), "£5,000,000");
  await date(page, pl, "pl_start", shift(-30));
  await date(page, pl, "pl_expiry", shift(300));
  await choose(page, widget, "What evidence do you have?", "Certificate or schedule");
  await choose(page, widget, "Professional indemnity insurance", "I do not have it");
  await complete(page, widget);

  // Policies and evidence: each document chosen by keyboard (the file picker opens from the
  // keyboard), checked, hashed, kept and uploaded.
  await openSection(page, widget, "Policies and evidence");
  const uploads = widget.locator('input[type="file"]');
  assert.equal(await uploads.count(), 8);
  for (let i = 0; i < 8; i++) {
    const chooser = page.waitForEvent("filechooser");
    await k.press(uploads.nth(i), "Space");
    const name = `document-${i + 1}.pdf`;
    await (await chooser).setFiles({ name, mimeType: "application/pdf", buffer: pdf(name) });
    await widget.getByText(new RegExp(`^${name} \\(\\d+ bytes\\) is ready to send\\.$`)).waitFor();
  }
  assert.deepEqual(await axeViolations(page), [], "axe with the documents chosen");
  await complete(page, widget);

  // Commitments: every statement with its exact text; all ticked by the Space key.
  await openSection(page, widget, "Commitments");
  const boxes = widget.locator('input[type="checkbox"]');
  const n = await boxes.count();
  assert.ok(n > 20, `${n} commitments`);
  for (let i = 0; i < n; i++) await k.press(boxes.nth(i), "Space");
  await complete(page, widget);

  assert.equal(await widget.locator('[data-careform-progress]').textContent(), "You have completed 8 of 8 sections.");
  await openSection(page, widget, "Check your answers and send", "Check your answers before sending your application");
  const shown = await shownFindings(widget);
  const outcome = await widget.locator("[data-careform-report] [data-careform-outcome]").getAttribute("data-careform-outcome");

  const submitted = captureSubmission(page);
  await k.press(widget.getByRole("button", { name: "Accept and send" }));
  const panel = widget.locator("[data-careform-receipt]");
  await panel.waitFor({ timeout: 20000 });
  assert.match(await panel.getAttribute("data-careform-receipt"), /^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.deepEqual(await axeViolations(page), [], "axe on the confirmation");

  // The CLI on the data the widget signed: the same verdict and the same findings, section by section.
  const payload = await submitted;
  assert.equal(payload.form.id, "provider-application");
  const { profile, ...application } = payload.data;
  application.commitments = payload.attestations.map(({ id, version, text_sha256 }) => ({ id, version, text_sha256 }));
  const cli = JSON.parse(execFileSync(server.bin, ["check", "provider-application", "--profile", profile, "--today", iso(new Date())], { input: JSON.stringify(application) }).toString());
  assert.equal(payload.data.evidence.length, 8, "every document is listed, with its hash");
  assert.equal(outcome, cli.outcome);
  // A sole trader in Somerset offering practical support, with an enhanced DBS, public liability
  // cover, every document and every commitment: nothing fails (no professional indemnity warns).
  assert.equal(cli.outcome, "warn", JSON.stringify(cli.findings.filter((f) => f.outcome === "fail" || f.outcome === "warn")));
  for (const s of cli.sections) {
    const expected = s.findings.filter((f) => f.outcome !== "pass").map((f) => `${f.rule}:${f.outcome}`);
    assert.deepEqual(shown[s.id], expected, `section ${s.id}`);
  }
  await watch.assertClean();
});

test("a closed tab opens again on the page the person left, with their answers", async () => {
  const { page, widget } = await open();
  const k = keys(page);
  await openSection(page, widget, "Your enterprise");
  await choose(page, widget, "How is your enterprise set up?", "Limited company");
  await choose(page, widget, "Is your enterprise a branch, subsidiary or part of a larger organisation?", "Yes");
  await k.type(widget.getByLabel("Name of the larger organisation"), "Big Care Group");
  await page.reload();
  await title(widget).filter({ hasText: "Your enterprise" }).waitFor();
  assert.ok(await group(widget, "How is your enterprise set up?").getByLabel("Limited company").isChecked());
  assert.equal(await widget.getByLabel("Name of the larger organisation").inputValue(), "Big Care Group");
  await k.press(widget.getByRole("link", { name: "Back to the task list" }));
  assert.equal(await status(widget, "enterprise"), "In progress");
});
