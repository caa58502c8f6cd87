// The GitHub workflows `flakewarden init` writes and examples/github-workflows/ publishes: their
// structure, their safety rules (inputs only through env, uploads under always(), --execute only
// when asked) and that every flakewarden command and flag they use exists. The checks are
// functions so that mutated workflows can prove each one fails.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { COMMANDS } from "../src/commands/registry.ts";
import { WORKFLOW_FILES } from "../src/init/scaffold-files.ts";
import { REPO_ROOT, runCli, tempDir } from "./support/cli.ts";

const EXAMPLES = path.join(REPO_ROOT, "examples", "github-workflows");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  env?: Record<string, unknown>;
  strategy?: { matrix?: Record<string, unknown> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, any>;
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
}

function template(name: string): string {
  const file = WORKFLOW_FILES.find((f) => f.path === `.github/workflows/${name}`);
  assert.ok(file, `init writes ${name}`);
  return file.content;
}

function load(name: string): Workflow {
  return parse(template(name)) as Workflow;
}

const allSteps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((job) => job.steps);
const isUpload = (s: Step): boolean => typeof s.uses === "string" && s.uses.startsWith("actions/upload-artifact@");
const runsCommand = (s: Step, words: string): boolean => typeof s.run === "string" && new RegExp(`npx flakewarden ${words}(\\s|$)`).test(s.run);

/** Problems with the rules every workflow follows; [] when it is sound. */
function safetyProblems(wf: Workflow): string[] {
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(wf.jobs)) {
    for (const [i, step] of job.steps.entries()) {
      const where = `${jobName}.steps[${i}]`;
      if (typeof step.run === "string") {
        // Stronger than the rule: no expression at all is spliced into a script; values come through env.
        if (step.run.includes("${{")) problems.push(`${where}: expression inside run:`);
        if (/\binputs\.|github\.event\.inputs/.test(step.run)) problems.push(`${where}: inputs referenced inside run:`);
      }
      if (isUpload(step) && step.if !== "${{ always() }}") problems.push(`${where}: upload without if: always()`);
    }
  }
  return problems;
}

/** Each `npx flakewarden <command> …` invocation: the command must be registered and every flag in its usage. */
async function commandProblems(wf: Workflow): Promise<string[]> {
  const problems: string[] = [];
  for (const step of allSteps(wf)) {
    if (typeof step.run !== "string") continue;
    for (const match of step.run.matchAll(/npx flakewarden ([^\n;&|]*)/g)) {
      const argv = (match[1] ?? "").split(/\s+/).filter((a) => a.length > 0);
      const entry = [...COMMANDS].sort((a, b) => b.words.length - a.words.length).find((c) => c.words.every((w, i) => argv[i] === w));
      if (entry === undefined) {
        // `report` is being written in parallel; once registered, its flags are checked like the others.
        if (argv[0] !== "report") problems.push(`unknown command in: ${match[0]}`);
        continue;
      }
      const usage = (await entry.load()).usage;
      for (const arg of argv.slice(entry.words.length)) {
        const flag = /^--[a-z][a-z0-9-]*/.exec(arg)?.[0];
        if (flag !== undefined && !new RegExp(`${flag}(?![a-z0-9-])`).test(usage)) problems.push(`${entry.words.join(" ")}: no flag ${flag}`);
      }
    }
  }
  return problems;
}

test("examples/github-workflows/* are byte-identical to the templates init writes (run `npm run docs` after editing a template)", () => {
  const published = fs.readdirSync(EXAMPLES).sort();
  assert.deepEqual(published, WORKFLOW_FILES.map((f) => path.posix.basename(f.path)).sort(), "run `npm run docs`: the published workflow set differs");
  for (const file of WORKFLOW_FILES) {
    const name = path.posix.basename(file.path);
    assert.equal(fs.readFileSync(path.join(EXAMPLES, name), "utf8"), file.content, `examples/github-workflows/${name} differs from its template: run \`npm run docs\``);
  }
});

test("init writes byte-identical copies of examples/github-workflows/* into .github/workflows/", async () => {
  const root = tempDir("fw-init-wf-");
  const r = await runCli(root, ["init"]);
  assert.equal(r.code, 0, r.stderr);
  for (const name of fs.readdirSync(EXAMPLES)) {
    assert.ok(fs.readFileSync(path.join(root, ".github", "workflows", name)).equals(fs.readFileSync(path.join(EXAMPLES, name))), name);
  }
});

test("every workflow: no expression or input inside run:, every upload under always(), only real commands and flags", async () => {
  for (const file of WORKFLOW_FILES) {
    const wf = parse(file.content) as Workflow;
    assert.deepEqual(safetyProblems(wf), [], file.path);
    assert.deepEqual(await commandProblems(wf), [], file.path);
  }
});

test("the checks fail on a spliced input, an upload without always() and an unknown flag", async () => {
  const spliced = load("release-rollback.yml");
  const incident = spliced.jobs.rollback!.steps.find((s) => runsCommand(s, "incident"))!;
  incident.run = 'npx flakewarden incident --tag "${{ inputs.tag }}"';
  const at = spliced.jobs.rollback!.steps.indexOf(incident);
  assert.deepEqual(safetyProblems(spliced), [`rollback.steps[${at}]: expression inside run:`, `rollback.steps[${at}]: inputs referenced inside run:`]);
  const legacy = load("release-rollback.yml");
  legacy.jobs.rollback!.steps.find((s) => runsCommand(s, "incident"))!.run = "npx flakewarden incident --tag $X # github.event.inputs.tag";
  assert.match(safetyProblems(legacy).join("\n"), /inputs referenced inside run/);
  const noAlways = load("flake-detection.yml");
  delete noAlways.jobs.detect!.steps.find(isUpload)!.if;
  assert.match(safetyProblems(noAlways).join("\n"), /upload without if: always\(\)/);
  const badFlag = load("flake-detection.yml");
  const gateStep = badFlag.jobs.gate!.steps.find((s) => runsCommand(s, "gate"))!;
  gateStep.run = "npx flakewarden gate --dashbaord x";
  assert.deepEqual(await commandProblems(badFlag), ["gate: no flag --dashbaord"]);
  const badCommand = load("flake-detection.yml");
  badCommand.jobs.gate!.steps.find((s) => runsCommand(s, "gate"))!.run = "npx flakewarden gates";
  assert.match((await commandProblems(badCommand)).join("\n"), /unknown command/);
});

test("flake-detection.yml: a matrix of detect shards, then one job that merges, syncs quarantine, gates and reports", () => {
  const wf = load("flake-detection.yml");
  assert.ok("pull_request" in wf.on && "push" in wf.on && "schedule" in wf.on && "workflow_dispatch" in wf.on);
  assert.deepEqual(Object.keys(wf.jobs), ["detect", "gate"]);
  const detect = wf.jobs.detect!;
  const shards = detect.strategy?.matrix?.shard as number[];
  assert.ok(Array.isArray(shards) && shards.length >= 2);
  assert.deepEqual(shards, shards.map((_, i) => i + 1), "shards are 1..n");
  assert.equal(Number(wf.env?.SHARD_COUNT), shards.length, "SHARD_COUNT equals the matrix size");
  const detectStep = detect.steps.find((s) => runsCommand(s, "detect"))!;
  assert.match(detectStep.run!, /--shard "\$SHARD\/\$SHARD_COUNT"/);
  assert.match(detectStep.run!, /--run-id "\$FLAKE_RUN_ID"/);
  assert.equal(detectStep.env?.SHARD, "${{ matrix.shard }}");
  const shardUpload = detect.steps.find(isUpload)!;
  assert.ok(detect.steps.indexOf(shardUpload) > detect.steps.indexOf(detectStep));
  assert.equal(shardUpload.with?.name, "flake-shard-${{ matrix.shard }}");

  const gate = wf.jobs.gate!;
  assert.equal(gate.needs, "detect");
  assert.equal(gate.if, "${{ !cancelled() }}", "the gate job runs even when a shard failed");
  const at = (pred: (s: Step) => boolean): number => gate.steps.findIndex(pred);
  const download = at((s) => typeof s.uses === "string" && s.uses.startsWith("actions/download-artifact@"));
  const order = [download, at((s) => runsCommand(s, "merge")), at((s) => runsCommand(s, "quarantine sync")), at((s) => runsCommand(s, "gate")), at((s) => runsCommand(s, "report"))];
  assert.ok(order.every((i) => i >= 0), `all steps present: ${order}`);
  assert.deepEqual([...order].sort((a, b) => a - b), order, "download, merge, quarantine sync, gate, report in this order");
  assert.equal(gate.steps[download]!.with?.pattern, "flake-shard-*");
  assert.match(gate.steps[order[1]!]!.run!, /merge shards\/flake-shard-\* /);
  // After a flaky merge (exit 1) the later steps still run.
  for (const i of order.slice(2)) assert.match(String(gate.steps[i]!.if), /!cancelled\(\)|always\(\)/);
  const uploads = gate.steps.filter(isUpload);
  assert.ok(uploads.length >= 2);
  assert.ok(gate.steps.indexOf(uploads[0]!) > order[4]!, "uploads come after the report");
  const uploaded = uploads.map((u) => String(u.with?.path)).join("\n");
  for (const p of ["artifacts/", "${{ env.FLAKE_OUT }}/", "quarantine/manifest.json", "flake-report/"]) assert.ok(uploaded.includes(p), p);
});

test("release-rollback.yml: dispatch inputs through env, incident + dry-run rollback, --execute only when the input says so", () => {
  const wf = load("release-rollback.yml");
  assert.deepEqual(Object.keys(wf.on), ["workflow_dispatch"]);
  const inputs = wf.on.workflow_dispatch.inputs as Record<string, { required?: boolean; type?: string; default?: unknown }>;
  for (const name of ["tag", "packages", "known_good_version", "reason", "execute"]) assert.ok(inputs[name], name);
  for (const name of ["tag", "known_good_version", "reason"]) assert.equal(inputs[name]!.required, true, name);
  assert.equal(inputs.execute!.type, "boolean");
  assert.equal(inputs.execute!.default, false, "a dry run unless asked");
  const job = wf.jobs.rollback!;
  assert.deepEqual(job.env, {
    RELEASE_TAG: "${{ inputs.tag }}",
    ROLLBACK_PACKAGES: "${{ inputs.packages }}",
    KNOWN_GOOD_VERSION: "${{ inputs.known_good_version }}",
    DIST_TAG: "${{ inputs.dist_tag }}",
    ROLLBACK_REASON: "${{ inputs.reason }}",
  });
  const rollbacks = job.steps.filter((s) => runsCommand(s, "rollback npm"));
  const dry = rollbacks.filter((s) => !/--execute\b/.test(s.run!));
  const execute = rollbacks.filter((s) => /--execute\b/.test(s.run!));
  assert.equal(dry.length, 1);
  assert.equal(dry[0]!.if, undefined, "the dry run always runs");
  assert.equal(execute.length, 1);
  assert.equal(execute[0]!.if, "${{ inputs.execute }}", "--execute only when the input is ticked");
  for (const s of job.steps) if (s !== execute[0] && typeof s.run === "string") assert.doesNotMatch(s.run, /--execute\b/);
  assert.ok(job.steps.indexOf(execute[0]!) > job.steps.indexOf(dry[0]!), "the plan is printed before anything moves");
  for (const s of rollbacks) {
    assert.match(s.run!, /--to "\$KNOWN_GOOD_VERSION"/);
    assert.match(s.run!, /--reason "\$ROLLBACK_REASON"/);
    assert.match(s.run!, /--package "\$package"/);
  }
  const incident = job.steps.find((s) => runsCommand(s, "incident"))!;
  assert.equal(incident.if, "${{ always() }}");
  assert.match(incident.run!, /--tag "\$RELEASE_TAG"/);
  const upload = job.steps.find(isUpload)!;
  assert.ok(job.steps.indexOf(upload) > job.steps.indexOf(incident), "upload after the incident packet");
  for (const p of ["artifacts/wasm/release/", "artifacts/npm/"]) assert.ok(String(upload.with?.path).includes(p), p);
});

test("release-rollback.yml: the package list splits on spaces and commas without a shell splice or glob", async () => {
  const { spawnSync } = await import("node:child_process");
  const step = load("release-rollback.yml").jobs.rollback!.steps.find((s) => runsCommand(s, "rollback npm"))!;
  // Run the step's own script with `npx` replaced by a printer of its arguments.
  const script = `npx() { printf '[%s]\\n' "$@"; }\n${step.run}`;
  const env = { PATH: process.env.PATH, KNOWN_GOOD_VERSION: "1.0.0", DIST_TAG: "latest", ROLLBACK_REASON: `it's "bad" $(touch pwned) \`id\``, ROLLBACK_PACKAGES: "@s/a, b  * $(id)" };
  const cwd = tempDir("fw-wf-sh-");
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd, env, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    ["flakewarden", "rollback", "npm", "--to", "1.0.0", "--tag", "latest", "--reason", `it's "bad" $(touch pwned) \`id\``, "--out", "artifacts/npm", "--package", "@s/a", "--package", "b", "--package", "*", "--package", "$(id)"].map((a) => `[${a}]\n`).join(""),
  );
  assert.equal(fs.existsSync(path.join(cwd, "pwned")), false);
  const none = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd, env: { ...env, ROLLBACK_PACKAGES: "" }, encoding: "utf8" });
  assert.doesNotMatch(none.stdout, /--package/, "no packages given: the config's list applies");
});

test("flake-detection.yml end to end: its own run: scripts, in order, on an init-scaffolded repository, with the bundled bin", async () => {
  const { spawnSync } = await import("node:child_process");
  const wf = load("flake-detection.yml");
  const root = tempDir("fw-wf-e2e-");
  assert.equal(spawnSync("git", ["init", "-q", root]).status, 0);
  assert.equal((await runCli(root, ["init"])).code, 0);
  fs.writeFileSync(path.join(root, "package.json"), `${JSON.stringify({ name: "wf-e2e", private: true, scripts: { test: 'node -e ""' } })}\n`);
  // Durations of a loaded machine must not decide this test: only run statuses count.
  fs.appendFileSync(path.join(root, "flakewarden.yaml"), "duration_threshold_pct: 100000\n");
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: "1",
    FLAKEWARDEN_NOW: "2026-11-28T00:00:00Z",
    GITHUB_STEP_SUMMARY: "",
    FLAKE_RUN_ID: "gh-1-1", // what `gh-${{ github.run_id }}-${{ github.run_attempt }}` becomes
    SHARD_COUNT: String(wf.env?.SHARD_COUNT),
    FLAKE_OUT: String(wf.env?.FLAKE_OUT),
  };
  // `npx flakewarden …` runs the bundled bin, as `npm ci` of a project depending on flakewarden would.
  const npx = `npx() { [ "$1" = flakewarden ] || return 127; shift; node ${JSON.stringify(path.join(REPO_ROOT, "packages/cli/bin/flakewarden.mjs"))} "$@"; }\n`;
  const run = (cwd: string, script: string, extra: Record<string, string> = {}) =>
    spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", npx + script], { cwd, env: { ...env, ...extra }, encoding: "utf8" });

  // The matrix: one checkout per shard; each shard's upload is its run directory.
  const detectStep = wf.jobs.detect!.steps.find((s) => runsCommand(s, "detect"))!;
  for (const shard of wf.jobs.detect!.strategy!.matrix!.shard as number[]) {
    const machine = tempDir("fw-wf-shard-");
    fs.cpSync(root, machine, { recursive: true });
    const r = run(machine, detectStep.run!, { SHARD: String(shard) });
    assert.equal(r.status, 0, `shard ${shard}: ${r.stdout}${r.stderr}`);
    fs.cpSync(path.join(machine, env.FLAKE_OUT, env.FLAKE_RUN_ID), path.join(root, "shards", `flake-shard-${shard}`), { recursive: true });
  }
  // The gate job: every run: step in order (download-artifact is the copy above).
  const codes: Record<string, number | null> = {};
  for (const step of wf.jobs.gate!.steps) {
    if (typeof step.run !== "string" || step.run === "npm ci") continue;
    const r = run(root, step.run);
    codes[step.name ?? step.run] = r.status;
    assert.doesNotMatch(r.stderr, /this is a bug|^\s{4}at /m, `${step.name}: ${r.stderr}`);
  }
  assert.deepEqual(Object.values(codes), [0, 0, 0, 0, 0], JSON.stringify(codes));
  const dashboard = JSON.parse(fs.readFileSync(path.join(root, env.FLAKE_OUT, "latest", "variance_dashboard.json"), "utf8"));
  assert.equal(dashboard.source, "merge");
  assert.equal(dashboard.run_id, env.FLAKE_RUN_ID);
  assert.deepEqual(dashboard.suites.map((s: { suite: string }) => s.suite), ["unit"]);
  const gate = JSON.parse(fs.readFileSync(path.join(root, "artifacts", "wasm_flake_governance_report.json"), "utf8"));
  assert.equal(gate.gate_status, "pass");
  assert.ok(fs.existsSync(path.join(root, "flake-report", "report_manifest.json")), "the report site was written");
});

test("release-rollback.yml: its incident step writes the packet for a real tag and refuses a hostile one without running it", async () => {
  const { spawnSync } = await import("node:child_process");
  const step = load("release-rollback.yml").jobs.rollback!.steps.find((s) => runsCommand(s, "incident"))!;
  const root = tempDir("fw-wf-incident-");
  assert.equal((await runCli(root, ["init"])).code, 0);
  const npx = `npx() { [ "$1" = flakewarden ] || return 127; shift; node ${JSON.stringify(path.join(REPO_ROOT, "packages/cli/bin/flakewarden.mjs"))} "$@"; }\n`;
  const run = (tag: string) =>
    spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", npx + step.run], {
      cwd: root,
      env: { PATH: process.env.PATH, NO_COLOR: "1", FLAKEWARDEN_NOW: "2026-11-28T00:00:00Z", RELEASE_TAG: tag },
      encoding: "utf8",
    });
  const hostile = run("v1.0.0$(touch pwned); touch pwned2");
  assert.equal(hostile.status, 2, hostile.stderr);
  assert.equal(fs.existsSync(path.join(root, "pwned")) || fs.existsSync(path.join(root, "pwned2")), false);
  const ok = run("v1.0.0");
  assert.equal(ok.status, 0, ok.stderr);
  for (const name of ["release_traceability.json", "rollback_safety_report.json", "incident_response_packet.json", "rollback_instructions.md", "postmortem.json", "artifact_index.json"]) {
    assert.ok(fs.existsSync(path.join(root, "artifacts/wasm/release", name)), name);
  }
  const safety = JSON.parse(fs.readFileSync(path.join(root, "artifacts/wasm/release/rollback_safety_report.json"), "utf8"));
  assert.deepEqual(safety.required_gate_reports, ["artifacts/wasm_flake_governance_report.json", "artifacts/incident_forensics_playbook_check_report.json"]);
});
