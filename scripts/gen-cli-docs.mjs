// `npm run docs`: write docs/cli.md from the command registry and each command's usage, and copy
// the workflow templates `flakewarden init` writes to examples/github-workflows/. The sources are
// TypeScript, loaded through tsx. `--check` writes nothing and exits 1 when a file is stale.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");

const { renderCliReference } = await tsImport("../packages/cli/src/docs/cli-reference.ts", import.meta.url);
const { WORKFLOW_FILES } = await tsImport("../packages/cli/src/init/scaffold-files.ts", import.meta.url);

const { markdown, undescribed } = await renderCliReference();
const targets = [
  ["docs/cli.md", markdown],
  ...WORKFLOW_FILES.map((f) => [`examples/github-workflows/${path.posix.basename(f.path)}`, f.content]),
];

let stale = 0;
for (const [rel, content] of targets) {
  const abs = path.join(root, rel);
  const current = fs.existsSync(abs) ? fs.readFileSync(abs, "utf8") : null;
  if (current === content) continue;
  stale += 1;
  if (check) {
    console.error(`stale: ${rel} (run \`npm run docs\`)`);
    continue;
  }
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const temp = `${abs}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, abs);
  console.log(`wrote ${rel}`);
}
for (const name of undescribed) console.error(`warning: no description for ${name} (add it to packages/cli/src/docs/flag-descriptions.ts)`);
if (!check && stale === 0) console.log("docs up to date");
process.exit(check && stale > 0 ? 1 : 0);
