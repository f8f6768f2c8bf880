// The demo pages in headless Chromium against a real `careform serve`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser } from "./harness.mjs";

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
