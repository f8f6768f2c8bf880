// Makes the npm package of the built widgets: the files scripts/build-widgets put in
// dist/widgets (careform.js with its manifest, careform.css, each widget's wasm-pack glue and
// wasm, content-hashed), byte for byte what the Careform server serves, without the brotli and
// gzip copies (a council's own web server compresses as it likes), plus package.json and the
// package's README. A council web team hosts these files from its own origin
// (README: "Hosting the widgets yourself"); `npm pack dist/npm` makes the tarball.
// Usage: node widgets/npm/assemble.mjs dist/widgets dist/npm
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const [from, to] = process.argv.slice(2);
if (!from || !to) throw new Error("usage: node widgets/npm/assemble.mjs DIST_WIDGETS OUT");

// One version for the crates and the package: the workspace's.
const cargo = readFileSync(path.join(here, "../../Cargo.toml"), "utf8");
const workspace = cargo.slice(cargo.indexOf("[workspace.package]"));
const field = (name) => workspace.match(new RegExp(`^${name} = "([^"]+)"`, "m"))[1];

// careform-frame.js resizes iframes of the Careform server's /embed/ pages: it belongs with that
// server, not in a copy hosted elsewhere.
const files = readdirSync(from)
  .filter((f) => !f.endsWith(".gz") && !f.endsWith(".br") && f !== "careform-frame.js")
  .sort();
if (!files.includes("careform.js")) throw new Error(`${from} has no careform.js: run scripts/build-widgets`);
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const f of files) copyFileSync(path.join(from, f), path.join(to, f));
copyFileSync(path.join(here, "README.md"), path.join(to, "README.md"));
const pkg = {
  name: "careform-widgets",
  version: field("version"),
  description:
    "Careform's form and checklist widgets for English adult social care as custom elements (Rust, Leptos, WebAssembly built with wasm-pack), to host from your own origin",
  license: field("license"),
  type: "module",
  // The entry defines the custom elements when it runs: importing it is the point.
  sideEffects: true,
  exports: { ".": "./careform.js", "./careform.js": "./careform.js" },
  files,
};
writeFileSync(path.join(to, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
console.log(JSON.stringify(pkg.files));
