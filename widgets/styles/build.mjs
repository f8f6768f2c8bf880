// Compiles the widget styles with Sass: only the GOV.UK Frontend components used, minified.
// Custom properties GOV.UK declares on :root are moved to :host, where they apply inside a
// shadow root and a host page can still override them.
import { writeFileSync } from "node:fs";
import * as sass from "sass";

const [input, output] = process.argv.slice(2);
const result = sass.compile(input, {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
const css = result.css.replaceAll(":root", ":host");
writeFileSync(output, css);
console.log(`${output}: ${css.length} bytes`);
