// `flakewarden init`: what it writes, that the scaffold is valid for the other commands, and that it
// is all-or-nothing (refuses before writing; a failed write puts back what it changed).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { SCAFFOLD_FILES } from "../src/init/scaffold-files.ts";
import { assertNoCrash, type CliResult, DENO, REPO_ROOT, runBin, runCli, tempDir, write } from "./support/cli.ts";

const NOW = "2026-11-28T00:00:00Z";
const MAIN = path.join(REPO_ROOT, "packages", "cli", "src", "main.ts");

/** Every file and directory under root (relative, sorted), `.git` excluded. */
function tree(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) => !p.split(path.sep).includes(".git")).sort();
}

function gitRepo(): string {
  const root = tempDir("fw-init-");
  const r = spawnSync("git", ["init", "-q", root]);
  assert.equal(r.status, 0, String(r.stderr));
  return root;
}

function assertScaffold(root: string): void {
  for (const file of SCAFFOLD_FILES) assert.equal(fs.readFileSync(path.join(root, file.path), "utf8"), file.content, file.path);
}

function assertExit2(r: CliResult, message: RegExp): void {
  assertNoCrash(r);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr.split("\n").length, 2, `one stderr line: ${r.stderr}`);
  assert.match(r.stderr, message);
}

test("init in an empty git repository writes the six files and says what it created", async () => {
  const root = gitRepo();
  const r = await runCli(root, ["init"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assertScaffold(root);
  assert.equal(
    r.stdout.split("\n\n")[0],
    [
      "created flakewarden.yaml",
      "created .github/wasm_flake_governance_policy.json",
      "created quarantine/manifest.json",
      "created docs/flake-forensics-playbook.md",
      "created .github/workflows/flake-detection.yml",
      "created .github/workflows/release-rollback.yml",
    ].join("\n"),
  );
  assert.match(r.stdout, /Next steps:\n/);
});

test("the scaffold is valid for the other commands: detect --dry-run, playbook check, quarantine list, gate", async () => {
  const root = gitRepo();
  assert.equal((await runCli(root, ["init"])).code, 0);

  const dry = await runCli(root, ["detect", "--dry-run", "--now", NOW]);
  assert.equal(dry.code, 0, dry.stderr);
  const plan = JSON.parse(dry.stdout);
  assert.deepEqual(plan.suites.map((s: { suite: string }) => s.suite), ["unit"]);
  assert.deepEqual(plan.suites[0].iterations, [1, 2, 3, 4, 5]);
  assert.equal(plan.suites[0].repro_command, "env TEST_SEED=4242 npm test");
  assert.equal(tree(root).some((p) => p.startsWith("target")), false, "a dry run creates nothing");

  const playbook = await runCli(root, ["playbook", "check", "--now", NOW]);
  assert.equal(playbook.code, 0, playbook.stdout + playbook.stderr);
  assert.match(playbook.stdout, /^Forensics playbook check: PASS\n  Clauses: 4 pass, 0 fail\n/);

  const list = await runCli(root, ["quarantine", "list", "--now", NOW]);
  assert.equal(list.code, 0, list.stderr);
  const burndown = await runCli(root, ["burndown", "--now", NOW, "--format", "text"]);
  assert.equal(burndown.code, 0, burndown.stdout + burndown.stderr);
  // The config's sections are accepted by the commands that validate them (incident reads
  // `quarantine`, the policy and the manifest; missing gate reports are evidence, not errors).
  const incident = await runCli(root, ["incident", "--tag", "v0.1.0", "--now", NOW]);
  assert.equal(incident.code, 0, incident.stdout + incident.stderr);

  // Before the first detect run the only failing check is the missing dashboard: policy, manifest
  // and playbook are accepted as written.
  const before = await runCli(root, ["gate", "--now", NOW, "--format", "json"]);
  assert.equal(before.code, 1, before.stderr);
  const report = JSON.parse(before.stdout);
  assert.deepEqual(
    report.results.map((r: { check_id: string; status: string }) => `${r.check_id} ${r.status}`),
    ["WG-POLICY-000 pass", "WG-DASH-001 fail", "WG-QUAR-000 pass", "WG-FORENSICS-000 pass", "WG-REACT-000 pass", "WG-REPLAY-SKIP skip"],
  );
});

test("after init and a real detect run of the scaffolded suite, the gate passes and quarantine sync opens nothing", async () => {
  const root = gitRepo();
  assert.equal((await runCli(root, ["init"])).code, 0);
  // The scaffolded suite is `npm test`; give the empty repository one that passes.
  write(root, "package.json", { name: "scaffold-check", private: true, scripts: { test: "node -e \"\"" } });
  // Durations of a loaded machine must not decide this test: only run statuses count here.
  const detect = await runCli(root, ["detect", "--iterations", "3", "--duration-threshold", "100000", "--now", NOW]);
  assert.equal(detect.code, 0, detect.stdout + detect.stderr);
  const gate = await runCli(root, ["gate", "--now", NOW]);
  assert.equal(gate.code, 0, gate.stdout + gate.stderr);
  assert.match(gate.stdout, /^WASM flake governance gate: PASS\n  Checks: 6 pass, 0 fail\n/);
  const sync = await runCli(root, ["quarantine", "sync", "--now", NOW]);
  assert.equal(sync.code, 0, sync.stderr);
  assert.equal(sync.stdout, "sync: 0 opened, 0 already quarantined, 0 failed\n");
  assert.equal(fs.readFileSync(path.join(root, "quarantine/manifest.json"), "utf8"), SCAFFOLD_FILES[2]!.content, "sync left the manifest bytes alone");
});

test("an existing file: exit 2 naming every existing file, nothing written", async () => {
  const root = gitRepo();
  write(root, "flakewarden.yaml", "suites: []\n");
  write(root, ".github/workflows/release-rollback.yml", "name: mine\n");
  const before = tree(root);
  const r = await runCli(root, ["init"]);
  assertExit2(r, /^ERROR: refusing to overwrite existing files \(pass --force to replace them; nothing was written\): flakewarden\.yaml, \.github\/workflows\/release-rollback\.yml\n$/);
  assert.deepEqual(tree(root), before);
  assert.equal(fs.readFileSync(path.join(root, "flakewarden.yaml"), "utf8"), "suites: []\n");
});

test("an existing symlink (even a dangling one) counts as an existing file", async () => {
  const root = gitRepo();
  fs.mkdirSync(path.join(root, "docs"));
  fs.symlinkSync("nowhere.md", path.join(root, "docs", "flake-forensics-playbook.md"));
  const r = await runCli(root, ["init"]);
  assertExit2(r, /existing files .*: docs\/flake-forensics-playbook\.md\n$/);
  assert.deepEqual(tree(root), ["docs", path.join("docs", "flake-forensics-playbook.md")]);
});

test("--force replaces existing files and says which it overwrote", async () => {
  const root = gitRepo();
  write(root, "flakewarden.yaml", "suites: []\n");
  const r = await runCli(root, ["init", "--force"]);
  assert.equal(r.code, 0, r.stderr);
  assertScaffold(root);
  assert.match(r.stdout, /^overwrote flakewarden\.yaml\ncreated \.github\/wasm_flake_governance_policy\.json\n/);
  const again = await runCli(root, ["init", "--force"]);
  assert.equal(again.code, 0);
  assert.equal(again.stdout.split("\n").filter((l) => l.startsWith("overwrote ")).length, SCAFFOLD_FILES.length);
});

test("a directory where a file goes: exit 2 even with --force, nothing written", async () => {
  for (const force of [[], ["--force"]]) {
    const root = gitRepo();
    fs.mkdirSync(path.join(root, "quarantine", "manifest.json"), { recursive: true });
    const before = tree(root);
    const r = await runCli(root, ["init", ...force]);
    assertExit2(r, /^ERROR: cannot write quarantine\/manifest\.json: a directory is in the way\n$/);
    assert.deepEqual(tree(root), before);
  }
});

test("a FIFO where a file goes: exit 2 (never read), nothing written", async () => {
  const root = gitRepo();
  const made = spawnSync("mkfifo", [path.join(root, "flakewarden.yaml")]);
  assert.equal(made.status, 0, String(made.stderr));
  const r = await runCli(root, ["init", "--force"]);
  assertExit2(r, /^ERROR: cannot write flakewarden\.yaml: not a regular file\n$/);
  assert.deepEqual(tree(root), ["flakewarden.yaml"]);
});

test("a file where a directory goes: exit 2 before anything is written", async () => {
  const root = gitRepo();
  write(root, ".github", "not a directory\n");
  const r = await runCli(root, ["init", "--force"]);
  assertExit2(r, /^ERROR: cannot write \.github\/wasm_flake_governance_policy\.json: \.github is not a directory\n$/);
  assert.deepEqual(tree(root), [".github"]);
});

test("a write that fails part-way puts back every file and directory the run changed", async () => {
  const root = gitRepo();
  write(root, "flakewarden.yaml", "suites: []\n");
  // A dangling symlink named `docs` passes the checks (the directory looks absent) but cannot be
  // created, so the fourth write fails after three succeeded.
  fs.symlinkSync("missing-target", path.join(root, "docs"));
  const before = tree(root);
  const r = await runCli(root, ["init", "--force"]);
  assertExit2(r, /^ERROR: cannot write docs\/flake-forensics-playbook\.md: /);
  assert.deepEqual(tree(root), before, "no new file or directory left behind");
  assert.equal(fs.readFileSync(path.join(root, "flakewarden.yaml"), "utf8"), "suites: []\n", "the overwritten file is restored");
});

test("the put-back is exact: a replaced symlink is a symlink again, replaced bytes are restored byte for byte", async () => {
  const root = gitRepo();
  write(root, "mine.yaml", "suites: []\n");
  fs.symlinkSync("mine.yaml", path.join(root, "flakewarden.yaml"));
  const latin1 = Buffer.from([0x7b, 0xe9, 0x7d, 0x0a]);
  write(root, ".github/wasm_flake_governance_policy.json", latin1);
  fs.symlinkSync("missing-target", path.join(root, "docs"));
  const before = tree(root);
  const r = await runCli(root, ["init", "--force"]);
  assertExit2(r, /^ERROR: cannot write docs\/flake-forensics-playbook\.md: /);
  assert.deepEqual(tree(root), before);
  assert.equal(fs.readlinkSync(path.join(root, "flakewarden.yaml")), "mine.yaml");
  assert.equal(fs.readFileSync(path.join(root, "mine.yaml"), "utf8"), "suites: []\n", "the symlink's target was never written");
  assert.ok(fs.readFileSync(path.join(root, ".github/wasm_flake_governance_policy.json")).equals(latin1));
});

test("--dir writes into another existing directory; paths are shown relative to the current directory", async () => {
  const cwd = tempDir("fw-init-cwd-");
  fs.mkdirSync(path.join(cwd, "repo"));
  const r = await runCli(cwd, ["init", "--dir", "repo"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^created repo\/flakewarden\.yaml\n/);
  assertScaffold(path.join(cwd, "repo"));
  assert.deepEqual(tree(cwd).filter((p) => !p.startsWith("repo")), []);
  const elsewhere = tempDir("fw-init-abs-");
  const abs = await runCli(cwd, ["init", "--dir", elsewhere]);
  assert.equal(abs.code, 0, abs.stderr);
  assert.ok(abs.stdout.startsWith(`created ${elsewhere}/flakewarden.yaml\n`), `an absolute --dir is shown as written: ${abs.stdout}`);
  assertScaffold(elsewhere);
});

test("usage errors: missing or non-directory --dir, empty --dir, unknown flag, extra argument — exit 2, nothing written", async () => {
  const cwd = tempDir("fw-init-usage-");
  write(cwd, "file.txt", "x\n");
  const cases: [string[], RegExp][] = [
    [["init", "--dir", "absent"], /^ERROR: directory not found: absent \(init adds files to an existing repository\)\n$/],
    [["init", "--dir", "file.txt"], /^ERROR: not a directory: file\.txt\n$/],
    [["init", "--dir", ""], /^ERROR: option --dir must not be empty\n$/],
    [["init", "--dir"], /^ERROR: option --dir needs a value\n$/],
    [["init", "--frce"], /^ERROR: unknown option --frce\n$/],
    [["init", "here"], /^ERROR: unexpected argument here\n$/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(cwd, args);
    assertExit2(r, message);
    assert.deepEqual(tree(cwd), ["file.txt"], args.join(" "));
  }
});

test("init --help prints the usage and writes nothing", async () => {
  const cwd = tempDir("fw-init-help-");
  const r = await runCli(cwd, ["init", "--help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Scaffold .*\n\nUsage: flakewarden init \[--dir <path>\] \[--force\]\n/);
  assert.deepEqual(tree(cwd), []);
});

test("the bundled bin and Deno write the same bytes (templates are string modules, no file reads)", () => {
  const viaBin = gitRepo();
  const bin = runBin(viaBin, ["init"]);
  assert.equal(bin.code, 0, bin.stderr);
  assertScaffold(viaBin);
  assert.ok(fs.existsSync(DENO), "the deno devDependency provides node_modules/.bin/deno");
  const viaDeno = gitRepo();
  const deno = spawnSync(DENO, ["run", "-A", MAIN, "init"], { cwd: viaDeno, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.equal(deno.status, 0, deno.stderr);
  assert.equal(deno.stdout, bin.stdout);
  assertScaffold(viaDeno);
});
