// `npm run bench`: every benchmark under bench/, one after another. Not a test: nothing here asserts timing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const build = spawnSync("npm", ["run", "build", "-w", "@flakewarden/cli"], { cwd: path.resolve(here, ".."), stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const file of fs.readdirSync(here).filter((f) => f.endsWith(".bench.mjs")).sort()) {
  console.log(`\n=== ${file}`);
  // --import tsx: a benchmark may load TypeScript sources directly (ingest parses through forensics).
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(here, file)], { cwd: path.resolve(here, ".."), stdio: "inherit" });
  if (r.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
