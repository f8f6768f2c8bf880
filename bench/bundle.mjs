// Prints what a host page loads for the Careform widgets (raw, gzip and brotli bytes), and the
// median time until the PA acknowledgement's form controls exist, over fresh loads in headless
// Chromium. Run after scripts/build-widgets: `npm run bench` (LOADS=n to change the count).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { launchBrowser, startServer } from "../tests/harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist/widgets");
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const files = readdirSync(dist, { recursive: true }).filter((f) => statSync(path.join(dist, f)).isFile()).sort();
const rows = files.map((name) => {
  const bytes = readFileSync(path.join(dist, name));
  return {
    name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
console.log("bundle (everything a host page loads for the widgets)");
for (const r of [...rows, { name: "total", ...total }]) {
  console.log(`  ${r.name.replace(/careform-widgets-[0-9a-f]+/, "…").padEnd(40)} raw ${kb(r.raw).padStart(9)}  gzip ${kb(r.gzip).padStart(9)}  brotli ${kb(r.brotli).padStart(9)}`);
}
console.log(`  budget: 120 KB gzip for all widgets; now ${kb(total.gzip)} (${total.gzip <= 120 * 1024 ? "within" : "over"})`);

const loads = Number(process.env.LOADS ?? 7);
const server = await startServer();
const browser = await launchBrowser();
try {
  const times = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext(); // fresh: nothing cached
    const page = await context.newPage();
    await page.goto(`${server.base}/demo/pa-acknowledgement.html`);
    await page.waitForFunction(
      () => document.querySelector("careform-pa-acknowledgement")?.shadowRoot?.querySelector("input, button"),
      null,
      { polling: "raf", timeout: 30000 },
    );
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`time to controls (navigation start to first input), ${loads} fresh loads on localhost:`);
  console.log(`  median ${median.toFixed(0)} ms  min ${times[0].toFixed(0)} ms  max ${times.at(-1).toFixed(0)} ms`);
} finally {
  await browser.close();
  await server.stop();
}
