// Bundles the CLI so `flakewarden` starts without tsx. Code splitting keeps startup small:
// each command (and yaml, needed only for a YAML config) is a chunk loaded when first used.
// The createRequire banner lets bundled CommonJS (handlebars) call require().
import { build } from "esbuild";
import fs from "node:fs";

fs.rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: { flakewarden: "src/main.ts" },
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  legalComments: "none",
  logLevel: "warning",
  banner: {
    js: "import { createRequire as __fwCreateRequire } from 'node:module'; const require = __fwCreateRequire(import.meta.url);",
  },
});
