// Bundles the CLI into one ESM file so `flakewarden` starts without tsx.
// The createRequire banner lets bundled CommonJS (handlebars, yaml) call require().
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: "dist/flakewarden.mjs",
  legalComments: "none",
  logLevel: "warning",
  banner: {
    js: "import { createRequire as __fwCreateRequire } from 'node:module'; const require = __fwCreateRequire(import.meta.url);",
  },
});
