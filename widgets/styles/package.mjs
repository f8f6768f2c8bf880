// Turns the built pieces in DIR into what the server serves: every file but the entry renamed to
// NAME.HASH.EXT (content-hashed, so it can be cached for a year), the entry careform.js given the
// manifest of those names, and a brotli and a gzip copy beside each file, served by Accept-Encoding.
// Usage: node widgets/styles/package.mjs DIR careform.js
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const [dir, entrySource] = process.argv.slice(2);
const hashed = (name) => {
  const bytes = readFileSync(path.join(dir, name));
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 12);
  const ext = path.extname(name);
  const out = `${path.basename(name, ext)}.${hash}${ext}`;
  renameSync(path.join(dir, name), path.join(dir, out));
  return out;
};

const manifest = { css: hashed("careform.css"), widgets: {} };
for (const name of readdirSync(dir).filter((f) => f.endsWith(".wasm")).sort()) {
  const base = path.basename(name, ".wasm");
  manifest.widgets[base === "pa" ? "pa-acknowledgement" : base] = { js: hashed(`${base}.js`), wasm: hashed(name) };
}

const entry = readFileSync(entrySource, "utf8");
const marked = /\/\*careform:manifest\*\/[\s\S]*?\/\*careform:end\*\//;
if (!marked.test(entry)) throw new Error(`${entrySource} has no /*careform:manifest*/ ... /*careform:end*/ block`);
writeFileSync(path.join(dir, "careform.js"), entry.replace(marked, JSON.stringify(manifest)));

for (const name of readdirSync(dir)) {
  const bytes = readFileSync(path.join(dir, name));
  writeFileSync(path.join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
  writeFileSync(
    path.join(dir, `${name}.br`),
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  );
}
console.log(JSON.stringify(manifest));
