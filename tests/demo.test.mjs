// The demo pages in headless Chromium against a real `careform serve`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, axeViolations } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the server's index page links to the demo pages", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/`);
  await page.getByRole("link", { name: /Demo/ }).click();
  await page.getByRole("link", { name: /personal assistant code of practice/ }).click();
  await page.locator("careform-pa-acknowledgement form").waitFor();
});

test("a host that cannot use custom tags mounts a widget into any element", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/demo/`);
  await page.evaluate(async () => {
    const host = document.createElement("div");
    host.id = "mounted-here";
    document.querySelector("main").append(host);
    const { mountWidget } = await import("/widgets/careform.js");
    await mountWidget(host, "pa-acknowledgement");
  });
  await page.locator("#mounted-here form").waitFor();
  assert.equal(await page.locator("#mounted-here ul.govuk-list--bullet > li").count(), 19);
  assert.equal(await page.locator("#mounted-here").evaluate((el) => el.shadowRoot.adoptedStyleSheets.length), 1);
});

test("the staff sign-in page meets WCAG 2.2 AA", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/staff`);
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
});
