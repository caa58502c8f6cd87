// `flakewarden report` (reports.md §2, §8): flags, order of checks, --out ownership, the stub site after a
// failed run, the stdout line, atomic replacement, relative/absolute paths, and the injected renderer fault.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { makeReportCommand } from "../src/commands/report.ts";
import { runCommand } from "../src/run.ts";
import { assertNoCrash, exists, NOW, read, readJsonFile, REPO_ROOT, runBin, runCli, tempDir, write, type CliResult } from "./support/cli.ts";

const SCENARIOS = path.join(REPO_ROOT, "packages", "report", "test", "fixtures");

/** A temp dir holding a copy of a report scenario at `in/`. */
function scenario(name: string): string {
  const root = tempDir("fw-report-");
  fs.cpSync(path.join(SCENARIOS, name), path.join(root, "in"), { recursive: true });
  return root;
}

function report(root: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCli(root, ["report", ...args], { env });
}

function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[]).map((p) => p.split(path.sep).join("/")).sort();
}

function assertExit2(r: CliResult, mention: string): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr.split("\n").filter((l) => l !== "").length, 1, r.stderr);
  assert.ok(r.stderr.startsWith("flakewarden report: "), r.stderr);
  assert.ok(r.stderr.includes(mention), `stderr should name ${mention}: ${r.stderr}`);
  assertNoCrash(r);
}

function assertStub(root: string, out: string, reason: string): void {
  assert.deepEqual(listTree(path.join(root, out)), [".flakewarden-report", "index.html", "index.md", "report_manifest.json"]);
  const m = readJsonFile(root, `${out}/report_manifest.json`);
  assert.equal(m.overall_verdict, "no_report");
  assert.deepEqual(m.gates, []);
  assert.deepEqual(m.inputs, []);
  assert.deepEqual(m.pages.map((p: any) => p.path), ["index.html", "index.md"]);
  assert.ok(read(root, `${out}/index.html`).includes("NO REPORT"));
  assert.ok(read(root, `${out}/index.md`).includes(reason), read(root, `${out}/index.md`));
  assert.equal(read(root, `${out}/.flakewarden-report`), "flakewarden-report-site-v1\n");
}

test("acceptance 1: no --in → exit 2 naming --in, nothing written", async () => {
  const root = tempDir();
  const r = await report(root, ["--out", "site", "--now", NOW]);
  assertExit2(r, "--in");
  assert.ok(!exists(root, "site"));
  assertExit2(await report(root, ["--in", "in", "--now", NOW]), "--out");
  assert.ok(!exists(root, "site"));
});

test("acceptance 2: --in missing with a valid --out → exit 2 and the stub site in --out", async () => {
  const root = tempDir();
  const r = await report(root, ["--in", "nope", "--out", "site", "--now", NOW]);
  assertExit2(r, "--in: nope: directory not found");
  assertStub(root, "site", "--in: nope: directory not found");
});

test("acceptance 3: --out non-empty without the marker → exit 2, files untouched", async () => {
  const root = scenario("all-pass");
  write(root, "site/keep.txt", "mine\n");
  const r = await report(root, ["--in", "in", "--out", "site", "--now", NOW]);
  assertExit2(r, "refusing to replace site: not a flakewarden report directory");
  assert.deepEqual(listTree(path.join(root, "site")), ["keep.txt"]);
  assert.equal(read(root, "site/keep.txt"), "mine\n");
  write(root, "file-out", "x");
  assertExit2(await report(root, ["--in", "in", "--out", "file-out", "--now", NOW]), "not a flakewarden report directory");
  assert.equal(read(root, "file-out"), "x");
});

test("acceptance 4: --out equal to --in, or containing it → exit 2, nothing written", async () => {
  const root = scenario("all-pass");
  const before = listTree(path.join(root, "in"));
  assertExit2(await report(root, ["--in", "in", "--out", "in", "--now", NOW]), "must not equal or contain --in");
  assertExit2(await report(root, ["--in", "in", "--out", ".", "--now", NOW]), "must not equal or contain --in");
  assertExit2(await report(root, ["--in", "in/", "--out", path.join(root, "in"), "--now", NOW]), "must not equal or contain --in");
  assert.deepEqual(listTree(path.join(root, "in")), before);
  fs.symlinkSync(path.join(root, "in"), path.join(root, "alias"));
  assertExit2(await report(root, ["--in", "in", "--out", "alias", "--now", NOW]), "must not equal or contain --in");
});

test("acceptance 5: --format pdf or empty → exit 2, nothing written; md writes no .html; default writes flakes.html and no flakes.md", async () => {
  const root = scenario("all-pass");
  assertExit2(await report(root, ["--in", "in", "--out", "site", "--format", "pdf", "--now", NOW]), "--format");
  assertExit2(await report(root, ["--in", "in", "--out", "site", "--format", "", "--now", NOW]), "--format");
  assertExit2(await report(root, ["--in", "in", "--out", "site", "--format", "html,", "--now", NOW]), "--format");
  assert.ok(!exists(root, "site"));
  const md = await report(root, ["--in", "in", "--out", "md", "--format", "md", "--now", NOW]);
  assert.equal(md.code, 0, md.stderr);
  assert.deepEqual(listTree(path.join(root, "md")).filter((p) => p.endsWith(".html") || p.startsWith("flakes")), []);
  assert.deepEqual(readJsonFile(root, "md/report_manifest.json").formats, ["md"]);
  const both = await report(root, ["--in", "in", "--out", "both", "--format", "md,html,md", "--now", NOW]);
  assert.equal(both.code, 0, both.stderr);
  assert.ok(exists(root, "both/flakes.html") && !exists(root, "both/flakes.md"));
  assert.deepEqual(readJsonFile(root, "both/report_manifest.json").formats, ["html", "md"]);
});

test("acceptance 6: a naive --now → exit 2 naming --now; a bad FLAKEWARDEN_NOW → exit 2 naming it; an empty one is unset", async () => {
  const root = scenario("all-pass");
  assertExit2(await report(root, ["--in", "in", "--out", "site", "--now", "2026-03-10T12:00:00"]), "--now");
  assertExit2(await report(root, ["--in", "in", "--out", "site"], { FLAKEWARDEN_NOW: "2026-02-30T00:00:00Z" }), "FLAKEWARDEN_NOW");
  assert.ok(!exists(root, "site"));
  // --now wins and FLAKEWARDEN_NOW is then not read at all.
  const ok = await report(root, ["--in", "in", "--out", "site", "--now", NOW], { FLAKEWARDEN_NOW: "garbage" });
  assert.equal(ok.code, 0, ok.stderr);
  const env = await report(root, ["--in", "in", "--out", "site2"], { FLAKEWARDEN_NOW: NOW });
  assert.equal(readJsonFile(root, "site2/report_manifest.json").clock_source, "FLAKEWARDEN_NOW");
  assert.equal(env.code, 0);
  const sys = await report(root, ["--in", "in", "--out", "site3"], { FLAKEWARDEN_NOW: "" });
  assert.equal(sys.code, 0);
  assert.equal(readJsonFile(root, "site3/report_manifest.json").clock_source, "system");
  assert.equal(readJsonFile(root, "site3/report_manifest.json").generated_at, NOW);
});

test("acceptance 7: only unrecognised JSON → exit 2 `no flakewarden artifacts found under <in>`, and the stub replaces an earlier passing site", async () => {
  const root = scenario("all-pass");
  const first = await report(root, ["--in", "in", "--out", "site", "--now", NOW]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(readJsonFile(root, "site/report_manifest.json").overall_verdict, "pass");
  write(root, "other/x.json", { hello: "world" });
  write(root, "other/y.ndjson", '{"a":1}\n');
  const r = await report(root, ["--in", "other", "--out", "site", "--now", NOW]);
  assertExit2(r, "no flakewarden artifacts found under other");
  assertStub(root, "site", "no flakewarden artifacts found under other");
});

test("acceptance 8: all-pass → exit 0, stdout PASS line, banner PASS, overall_verdict pass", async () => {
  const root = scenario("all-pass");
  const r = await report(root, ["--in", "in", "--out", "site", "--now", NOW]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "flakewarden report: PASS - 4 gates: 4 pass, 0 fail; 0 invalid inputs; 7 files -> site\n");
  assert.equal(r.stderr, "");
  assert.ok(read(root, "site/index.html").includes("<h1>Overall verdict: PASS</h1>"));
  assert.equal(readJsonFile(root, "site/report_manifest.json").overall_verdict, "pass");
  assert.equal(listTree(path.join(root, "site")).length, 7);
});

test("acceptance 11: a truncated governance report → invalid input with a parse problem, FAIL, exit 0, no stack trace", async () => {
  const root = tempDir();
  write(root, "in/wasm_flake_governance_report.json", '{"schema_version": "wasm-flake-governance-report-v1", "gate_status": "pa');
  const r = await report(root, ["--in", "in", "--out", "site", "--now", NOW]);
  assert.equal(r.code, 0, r.stderr);
  assertNoCrash(r);
  assert.equal(r.stdout, "flakewarden report: FAIL - 0 gates: 0 pass, 0 fail; 1 invalid inputs; 7 files -> site\n");
  const input = readJsonFile(root, "site/report_manifest.json").inputs[0];
  assert.equal(input.status, "invalid");
  assert.match(input.problems[0], /invalid JSON at line 1/);
});

test("stdout counts FAIL and NO VERDICT, and every written file", async () => {
  const fail = scenario("gate-fail-incident");
  const r = await report(fail, ["--in", "in", "--out", "out", "--now", NOW]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^flakewarden report: FAIL - (\d+) gates: 0 pass, \1 fail; 0 invalid inputs; (\d+) files -> out\n$/);
  const files = Number(/; (\d+) files/.exec(r.stdout)![1]);
  assert.equal(listTree(path.join(fail, "out")).length, files);
  const none = scenario("dashboard-only");
  const n = await report(none, ["--in", "in", "--out", "out", "--now", NOW]);
  assert.equal(n.stdout, "flakewarden report: NO VERDICT - 0 gates: 0 pass, 0 fail; 0 invalid inputs; 7 files -> out\n");
});

test("a re-run replaces the old site completely (no stale page survives) and leaves no temp directory", async () => {
  const root = tempDir();
  const many = Array.from({ length: 250 }, (_, i) => ({ id: `e${i}`, suite: "s", severity: "low", status: "open", owner: "o", opened_at_utc: "2026-03-09T00:00:00Z", sla_hours: 72, replay_command: "x", trace_pointer: "t", reactivation_criteria: "c" }));
  write(root, "in/wasm_flake_quarantine_manifest.json", { schema_version: "wasm-flake-quarantine-v1", entries: many });
  assert.equal((await report(root, ["--in", "in", "--out", "site", "--now", NOW])).code, 0);
  assert.ok(exists(root, "site/quarantine-2.html"));
  write(root, "in/wasm_flake_quarantine_manifest.json", { schema_version: "wasm-flake-quarantine-v1", entries: many.slice(0, 10) });
  assert.equal((await report(root, ["--in", "in", "--out", "site", "--now", NOW])).code, 0);
  assert.ok(!exists(root, "site/quarantine-2.html"));
  assert.deepEqual(fs.readdirSync(root).sort(), ["in", "site"]);
});

test("the walk: --out inside --in is skipped, other report sites, dot names and node_modules are skipped, symlinks listed, depth 8", async () => {
  const root = scenario("all-pass");
  write(root, "in/node_modules/x/variance_dashboard.json", { schema_version: "sem-variance-dashboard-v1", suites: [] });
  write(root, "in/.hidden/variance_dashboard.json", { schema_version: "sem-variance-dashboard-v1", suites: [] });
  write(root, "in/old-site/.flakewarden-report", "flakewarden-report-site-v1\n");
  write(root, "in/old-site/report_manifest.json", { schema_version: "flakewarden-report-site-v1" });
  write(root, "in/a/b/c/d/e/f/g/h.json", { hello: 1 });
  write(root, "in/a/b/c/d/e/f/g/h/i.json", { hello: 1 });
  fs.symlinkSync(path.join(root, "in", "wasm_flake_quarantine_manifest.json"), path.join(root, "in", "link.json"));
  const r = await report(root, ["--in", "in", "--out", "in/site", "--now", NOW]);
  assert.equal(r.code, 0, r.stderr);
  const again = await report(root, ["--in", "in", "--out", "in/site", "--now", NOW]);
  assert.equal(again.code, 0, again.stderr);
  const inputs = readJsonFile(root, "in/site/report_manifest.json").inputs.map((i: any) => `${i.path}:${i.status}:${i.problems.join(";")}`);
  assert.ok(inputs.includes("link.json:ignored:symlink not followed"), inputs.join("\n"));
  assert.ok(inputs.includes("a/b/c/d/e/f/g/h.json:ignored:no recognised schema_version"));
  assert.ok(!inputs.some((i: string) => i.startsWith("site/") || i.includes("node_modules") || i.includes(".hidden") || i.startsWith("old-site") || i.includes("h/i.json")), inputs.join("\n"));
});

test("acceptance 37: --in/--out relative and absolute (same layout) → identical files", async () => {
  const root = scenario("gate-fail-incident");
  assert.equal((await report(root, ["--in", "in", "--out", "rel", "--now", NOW])).code, 0);
  assert.equal((await report(root, ["--in", path.join(root, "in"), "--out", path.join(root, "abs"), "--now", NOW])).code, 0);
  const rel = listTree(path.join(root, "rel"));
  assert.deepEqual(rel, listTree(path.join(root, "abs")));
  for (const f of rel) assert.ok(fs.readFileSync(path.join(root, "rel", f)).equals(fs.readFileSync(path.join(root, "abs", f))), f);
  assert.ok(!read(root, "rel/index.html").includes(root), "no absolute path in the site");
  assert.ok(read(root, "rel/index.html").includes('href="../in/'));
});

test("acceptance 40: an injected renderer fault → exit 3 (a non-user error) with the stub replacing the old site", async () => {
  const root = scenario("all-pass");
  assert.equal((await report(root, ["--in", "in", "--out", "site", "--now", NOW])).code, 0);
  const faulty = makeReportCommand(() => {
    throw new Error("injected renderer fault");
  });
  let stdout = "";
  let stderr = "";
  const io = { argv: [], env: {}, cwd: root, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, now: () => Date.parse(NOW) };
  // Through the same exit-code mapping as main(): exit 3, the stack and "this is a bug" on stderr.
  const code = await runCommand(faulty, io, ["--in", "in", "--out", "site", "--now", NOW]);
  assert.equal(code, 3);
  assert.match(stderr, /injected renderer fault/);
  assert.match(stderr, /this is a bug/);
  assert.equal(stdout, "");
  assertStub(root, "site", "internal error: this is a bug");
  assert.ok(!read(root, "site/index.md").includes("injected renderer fault"), "never the stack or message");
});

test("unknown flags and positionals are exit 2 with nothing written", async () => {
  const root = scenario("all-pass");
  const r = await report(root, ["--in", "in", "--out", "site", "--bogus", "--now", NOW]);
  assert.equal(r.code, 2);
  assertNoCrash(r);
  assert.ok(!exists(root, "site"));
  assert.equal((await report(root, ["--in", "in", "--out", "site", "extra", "--now", NOW])).code, 2);
  assert.ok(!exists(root, "site"));
});

test("--in that is a file → exit 2 and the stub", async () => {
  const root = tempDir();
  write(root, "f.json", {});
  assertExit2(await report(root, ["--in", "f.json", "--out", "site", "--now", NOW]), "--in: f.json: not a directory");
  assertStub(root, "site", "not a directory");
});

test("the bundled bin renders the same site as the in-process CLI", async () => {
  const a = scenario("hostile");
  const b = scenario("hostile");
  const inProcess = await report(a, ["--in", "in", "--out", "out", "--now", NOW]);
  const bin = runBin(b, ["report", "--in", "in", "--out", "out", "--now", NOW]);
  assert.equal(bin.code, 0, bin.stderr);
  assert.equal(bin.stdout, inProcess.stdout);
  const files = listTree(path.join(a, "out"));
  assert.deepEqual(listTree(path.join(b, "out")), files);
  for (const f of files) assert.ok(fs.readFileSync(path.join(a, "out", f)).equals(fs.readFileSync(path.join(b, "out", f))), f);
  const bad = runBin(b, ["report", "--in", "in", "--out", "out", "--format", "pdf"]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'flakewarden report: --format: unknown format "pdf" (expected html, md)\n');
});

test("files over 64 MiB are not read: invalid under a known name (FAIL), ignored otherwise", async () => {
  const root = scenario("dashboard-only");
  const big = (rel: string): void => {
    const abs = path.join(root, "in", rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, "");
    fs.truncateSync(abs, 64 * 1024 * 1024 + 1); // sparse: no 64 MiB written to disk
  };
  big("x/wasm_flake_quarantine_manifest.json");
  big("x/huge.json");
  const r = await report(root, ["--in", "in", "--out", "out", "--now", NOW]);
  assert.equal(r.code, 0, r.stderr);
  const inputs = readJsonFile(root, "out/report_manifest.json").inputs;
  const byPath = Object.fromEntries(inputs.map((i: any) => [i.path, i]));
  assert.deepEqual([byPath["x/wasm_flake_quarantine_manifest.json"].status, byPath["x/wasm_flake_quarantine_manifest.json"].problems], ["invalid", ["too large to inspect"]]);
  assert.deepEqual([byPath["x/huge.json"].status, byPath["x/huge.json"].problems], ["ignored", ["too large to inspect"]]);
  assert.equal(byPath["x/huge.json"].sha256, null);
  assert.match(r.stdout, /^flakewarden report: FAIL - 0 gates: 0 pass, 0 fail; 1 invalid inputs;/);
});

test("every golden scenario through the CLI matches its golden pages (with link prefix ../in) and manifest", async () => {
  const goldens = path.join(REPO_ROOT, "packages", "report", "test", "golden");
  for (const name of ["all-pass", "gate-fail-incident", "original-format", "hostile", "dashboard-only", "invalid-inputs"]) {
    const root = scenario(name);
    const r = await report(root, ["--in", "in", "--out", "out", "--now", NOW]);
    assert.equal(r.code, 0, `${name}: ${r.stderr}`);
    const files = listTree(path.join(root, "out"));
    assert.deepEqual(files, listTree(path.join(goldens, name)), name);
    for (const f of files) {
      const got = read(root, `out/${f}`);
      const want = fs.readFileSync(path.join(goldens, name, f), "utf8");
      if (f === "report_manifest.json") {
        const [g, w] = [JSON.parse(got), JSON.parse(want)];
        assert.deepEqual([g.overall_verdict, g.gates, g.inputs, g.pages.map((p: any) => p.path)], [w.overall_verdict, w.gates, w.inputs, w.pages.map((p: any) => p.path)], name);
        assert.equal(g.tool_version, "0.1.0");
        continue;
      }
      const normalised = want.split(`../../fixtures/${name}`).join("../in").split("0.0.0-golden").join("0.1.0");
      assert.equal(got, normalised, `${name}/${f}`);
    }
  }
});
