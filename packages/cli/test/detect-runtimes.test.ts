// detect under Deno and as the bundled bin gives what the in-process Node run gives, once the
// measured fields are masked (detector.md §8 item 35).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, BIN, DENO, NOW, REPO_ROOT } from "./support/cli.ts";
import { baseEnv, detect, exitOn, fixtureScript, maskDashboard, maskEvents, NODE, OUT, project } from "./support/detect.ts";

const MAIN = path.join(REPO_ROOT, "packages", "cli", "src", "main.ts");

const CONFIG = {
  suites: [
    { name: "A", command: exitOn([2]) },
    { name: "J", command: [NODE, fixtureScript("junit-writer.fixture.mjs"), "fail-on-3"], result_file: "r-{iteration}.xml" },
    { name: "T", command: [NODE, fixtureScript("tap-writer.fixture.mjs")], result_file: "-", result_format: "tap" },
    { name: "S", command: "echo \"seed $FLAKEWARDEN_SEED\"" },
  ],
};
const RUN_ARGS = ["--iterations", "3", "--run-id", "rt", "--duration-threshold", "100000", "--jobs", "2"];
/** The command line of a child process (the in-process helper adds --now itself). */
const ARGS = ["detect", "--now", NOW, ...RUN_ARGS];

interface Snapshot {
  code: number | null;
  stdout: string;
  dashboard: unknown;
  events: string;
  summary: string;
  tables: string[];
}

function snapshot(root: string, code: number | null, stdout: string): Snapshot {
  const runDir = path.join(root, OUT, "rt");
  const read = (rel: string): string => fs.readFileSync(path.join(runDir, rel), "utf8");
  return {
    code,
    stdout,
    dashboard: maskDashboard(JSON.parse(read("variance_dashboard.json"))),
    events: maskEvents(read("variance_events.ndjson")),
    summary: read("summary.txt"),
    tables: [read("J/tests.ndjson"), read("T/tests.ndjson")],
  };
}

async function nodeSnapshot(): Promise<Snapshot> {
  const root = project(CONFIG);
  const r = await detect(root, RUN_ARGS);
  return snapshot(root, r.code, r.stdout);
}

test("acceptance 35: deno run -A packages/cli/src/main.ts detect equals Node's output after masking", async () => {
  assert.ok(fs.existsSync(DENO), "the deno devDependency provides node_modules/.bin/deno");
  const expected = await nodeSnapshot();
  assert.equal(expected.code, 1);
  const root = project(CONFIG);
  const deno = spawnSync(DENO, ["run", "-A", MAIN, ...ARGS], { cwd: root, encoding: "utf8", env: { ...process.env, ...baseEnv(), FLAKEWARDEN_NOW: "" } });
  assertNoCrash({ code: deno.status ?? -1, stdout: deno.stdout, stderr: deno.stderr });
  assert.deepEqual(snapshot(root, deno.status, deno.stdout), expected);
  assert.equal(fs.readlinkSync(path.join(root, OUT, "latest")), "rt");
});

test("acceptance 35: Deno reports a usage error as exit 2 with one detect line and no stack", () => {
  const root = project(CONFIG);
  const deno = spawnSync(DENO, ["run", "-A", MAIN, "detect", "--iterations", "1"], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.equal(deno.status, 2);
  assert.equal(deno.stdout, "");
  assert.equal(deno.stderr, "flakewarden detect: --iterations must be an integer >= 2 (got '1')\n");
});

test("the bundled bin runs detect like the in-process CLI", async () => {
  const expected = await nodeSnapshot();
  const root = project(CONFIG);
  const bin = spawnSync(NODE, [BIN, ...ARGS], { cwd: root, encoding: "utf8", env: { ...baseEnv(), FLAKEWARDEN_NOW: "" } });
  assertNoCrash({ code: bin.status ?? -1, stdout: bin.stdout, stderr: bin.stderr });
  assert.deepEqual(snapshot(root, bin.status, bin.stdout), expected);
});
