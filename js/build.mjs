// Bundles each widget's ES module (and copies its CSS) into efp_widgets/static/, or into the folder given as
// the first argument (the Python test that checks the shipped files are current builds into a temporary folder).
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(process.argv[2] ?? path.join(here, "..", "efp_widgets", "static"));
const widgets = ["explainer", "sankey"];

await mkdir(outdir, { recursive: true });
await build({
  entryPoints: widgets.map((name) => path.join(here, `${name}.js`)),
  outdir,
  absWorkingDir: here,
  bundle: true,
  format: "esm",
  target: "es2020",
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
});
await Promise.all(widgets.map((name) => copyFile(path.join(here, `${name}.css`), path.join(outdir, `${name}.css`))));
