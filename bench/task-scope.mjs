// Prints the task scope classifier's throughput: natively (the rules crate's example, release
// build) and in wasm inside headless Chromium (the built widget bundle's checkTaskScope), over
// the fixture phrases. Run after scripts/build-widgets: `npm run bench`.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser, startServer } from "../tests/harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const phrases = readFileSync(path.join(root, "crates/rules/tests/fixtures/task-scope.tsv"), "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => l.split("\t")[0]);

console.log("task scope throughput (tasks per second)");
const native = execFileSync("cargo", ["run", "--release", "-q", "-p", "careform-rules", "--example", "task_scope_throughput"], { cwd: root });
console.log(native.toString().trimEnd().replace(/^/gm, "  "));

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${server.base}/demo/task-scope.html`);
  for (const profile of ["bexley-homecare", "somerset-micro-provider"]) {
    const { rounds, ms } = await page.evaluate(async ([phrases, profile]) => {
      const { checkTaskScope } = await import("/widgets/careform.js");
      const plan = { tasks: phrases.map((description) => ({ description })) };
      await checkTaskScope(plan, { profile, today: "2026-11-23" }); // warm: lexicon compiled once
      let rounds = 0;
      const start = performance.now();
      while (performance.now() - start < 2000) {
        await checkTaskScope(plan, { profile, today: "2026-11-23" });
        rounds++;
      }
      return { rounds, ms: performance.now() - start };
    }, [phrases, profile]);
    const perSecond = (rounds * phrases.length) / (ms / 1000);
    console.log(`  wasm (Chromium) ${profile}: ${perSecond.toFixed(0)} tasks/s (${phrases.length} phrases x ${rounds} rounds in ${(ms / 1000).toFixed(2)} s, JSON in and out included)`);
  }
} finally {
  await browser.close();
  await server.stop();
}
