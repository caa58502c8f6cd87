// The bundled bin loads, per command, only the chunks that command's module imports statically. A
// command that needs one small renderer must not drag in the report site and handlebars: the gate's
// start-up budget is a few hundred milliseconds, and most of it is module loading.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { CLI_ROOT } from "./support/cli.ts";

const CHUNKS = path.join(CLI_ROOT, "dist", "chunks");

/** The text of a command's chunk and of every chunk it imports statically, transitively. */
function staticClosure(command: string): string {
  const entry = fs.readdirSync(CHUNKS).find((f) => f.startsWith(`${command}-`) && f.endsWith(".mjs"));
  assert.ok(entry !== undefined, `no chunk for ${command} in ${CHUNKS}: run npm run build -w @flakewarden/cli`);
  const seen = new Set<string>();
  const stack = [entry];
  let text = "";
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(path.join(CHUNKS, file), "utf8");
    text += source;
    // Static imports only (`import … from "./x.mjs"`); `import("./x.mjs")` loads lazily.
    for (const m of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*"\.\/([^"]+\.mjs)"/gms)) stack.push(m[1]!);
    for (const m of source.matchAll(/^import\s*"\.\/([^"]+\.mjs)"/gm)) stack.push(m[1]!);
  }
  return text;
}

test("the gate's bundle does not load handlebars or the report site", () => {
  const gate = staticClosure("gate");
  assert.ok(gate.includes("renderGateStepSummary") || gate.includes("step-summary"), "the step summary renderer is there");
  assert.equal(gate.includes("node_modules/handlebars/"), false, "handlebars is loaded by the gate");
  assert.equal(gate.includes("report/src/site/"), false, "the report site is loaded by the gate");
});

test("incident and rollback npm load the rollback renderer but not the report site", () => {
  for (const command of ["incident", "rollback-npm"]) {
    const text = staticClosure(command);
    assert.ok(text.includes("report/src/rollback/render-rollback-instructions.ts"), command);
    assert.equal(text.includes("report/src/site/render-site.ts"), false, `${command} loads the report site`);
  }
});

test("detect does not load handlebars", () => {
  assert.equal(staticClosure("detect").includes("node_modules/handlebars/"), false);
});
