// The npm package a council hosts itself: `npm pack` of dist/npm (scripts/build-widgets makes
// it), unpacked and served from the council's own static origin. The page loads careform.js and
// the widget's wasm, glue and styles from there, and only its submission goes to the Careform
// server, which must allow the page's origin; the widget renders, submits and verifies its receipt.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, startStaticHost, launchBrowser, axeViolations, watchPage, sendAndAwaitReceipt } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".md": "text/markdown" };

let scratch, unpacked, host, server, browser;
const files = {};
before(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "careform-npm-"));
  // `npm pack` as CI runs it: prints the tarball's name; nothing is published.
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", scratch, path.join(root, "dist/npm")], {
    cwd: root,
  })
    .toString()
    .trim()
    .split("\n")
    .pop();
  execFileSync("tar", ["-xzf", path.join(scratch, tarball), "-C", scratch]);
  unpacked = path.join(scratch, "package");
  for (const name of await readdir(unpacked)) {
    files[`/assets/careform/${name}`] = { body: await readFile(path.join(unpacked, name)), type: types[path.extname(name)] };
  }
  host = await startStaticHost(files);
  server = await startServer(["--allow-origin", `task-scope=${host.base}`]);
  browser = await launchBrowser();
  files["/"] = {
    headers: {
      "content-security-policy": `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' ${server.base}; base-uri 'none'; form-action 'none'`,
    },
    body: `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Homecare tasks – Another Council</title></head>
<body>
<main>
<h1>Check a care plan's tasks</h1>
<script type="module" src="/assets/careform/careform.js"></script>
<careform-task-scope endpoint="${server.base}"></careform-task-scope>
</main>
</body>
</html>
`,
  };
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await host?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test("the package holds what the server serves, byte for byte, and a package.json", async () => {
  const pkg = JSON.parse(await readFile(path.join(unpacked, "package.json"), "utf8"));
  assert.equal(pkg.name, "careform-widgets");
  assert.equal(pkg.exports["."], "./careform.js");
  const shipped = (await readdir(unpacked)).filter((f) => !["package.json", "README.md"].includes(f)).sort();
  // careform-frame.js sizes iframes of the server's own /embed/ pages: served, never packaged.
  const served = (await readdir(path.join(root, "dist/widgets")))
    .filter((f) => !/\.(br|gz)$/.test(f) && f !== "careform-frame.js")
    .sort();
  assert.ok(!shipped.includes("careform-frame.js"), "the iframe helper stays with the server");
  assert.deepEqual(shipped, served);
  for (const f of shipped) {
    assert.ok((await readFile(path.join(unpacked, f))).equals(await readFile(path.join(root, "dist/widgets", f))), f);
  }
  // One wasm module per widget crate (every crate under widgets/ but the kit).
  const crates = (await readdir(path.join(root, "widgets"), { withFileTypes: true }))
    .filter((d) => d.isDirectory() && d.name !== "kit" && existsSync(path.join(root, "widgets", d.name, "Cargo.toml")));
  assert.ok(crates.length >= 5, crates.map((d) => d.name).join(" "));
  assert.equal(shipped.filter((f) => f.endsWith(".wasm")).length, crates.length, shipped.join(" "));
});

test("a council hosts the package on its own origin: the widget loads from there, submits to the server and verifies its receipt", async () => {
  const page = await browser.newPage();
  const watch = await watchPage(page, [host.base, server.base]);
  const fromServer = [];
  page.on("request", (r) => {
    if (r.url().startsWith(server.base)) fromServer.push(new URL(r.url()).pathname);
  });
  await page.goto(`${host.base}/`);
  const widget = page.locator("careform-task-scope");
  await widget.locator("#tasks").waitFor();
  await widget.locator("#tasks").fill("Shopping");
  await page.waitForFunction(
    () => document.querySelector("careform-task-scope").shadowRoot.querySelectorAll("li.careform-task").length === 1,
  );
  assert.deepEqual(await axeViolations(page), []);
  await sendAndAwaitReceipt(widget);

  // The code came from the council's origin; the server was asked only for nonces, the
  // submission and its key set.
  assert.deepEqual(fromServer.filter((p) => p.startsWith("/widgets/")), []);
  assert.ok(fromServer.includes("/v1/submissions"), fromServer.join(" "));
  const audit = JSON.parse(execFileSync(server.bin, ["audit", "--data-dir", server.dataDir]).toString());
  assert.equal(audit.records, 1);
  await watch.assertClean();
});
