#!/usr/bin/env node
// An offline stand-in for the npm client, used only by the example's `npm start` so its rollback
// dry run reads a recorded registry snapshot (registry/snapshot.json) instead of the network.
// `flakewarden rollback npm` runs it because FLAKEWARDEN_NPM points here. It answers the read-only
// calls a dry run makes and refuses everything that would change a registry: a real rollback
// (`--execute`) must run the real npm against a real registry.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const snapshot = JSON.parse(fs.readFileSync(path.join(here, "..", "registry", "snapshot.json"), "utf8"));
const args = process.argv.slice(2).filter((a, i, all) => a !== "--registry" && all[i - 1] !== "--registry");

if (args[0] !== "view") {
  console.error(`offline-npm: refusing "npm ${args.join(" ")}": the example has no registry; run the real npm to change one`);
  process.exit(1);
}
const spec = args[1] ?? "";
const at = spec.lastIndexOf("@");
const [name, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, null];
const pkg = snapshot[name];
if (pkg === undefined || (version !== null && !pkg.versions.includes(version))) {
  console.error(JSON.stringify({ error: { code: "E404", summary: `'${spec}' is not in this registry.` } }));
  process.exit(1);
}
const field = args.find((a, i) => i >= 2 && !a.startsWith("--"));
if (field === "deprecated") {
  const message = pkg.deprecated[version ?? ""];
  if (message !== undefined) console.log(JSON.stringify(message));
} else if (field === "dist-tags") {
  console.log(JSON.stringify(pkg["dist-tags"], null, 2));
} else if (field === "version") {
  console.log(JSON.stringify(version ?? pkg["dist-tags"].latest));
} else {
  const { deprecated: _ignored, ...view } = pkg;
  console.log(JSON.stringify(view, null, 2));
}
