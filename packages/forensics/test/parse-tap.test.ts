import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test, { after } from "node:test";
import type { ParsedResult } from "@flakewarden/core";
import { TAP_MAX_LINE, parseResultFile, parseTapFile, parseTapText, splitDirective } from "../src/index.ts";

const fixtures = new URL("./fixtures/tap/", import.meta.url);
const fixture = (name: string): string => new URL(name, fixtures).pathname;
const tmpDirs: string[] = [];
const tmp = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fw-tap-"));
  tmpDirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Real node:test TAP: `node --test --test-reporter=tap <fixture>` in a child process, written to a
 * .tap file. NODE_TEST_CONTEXT is dropped, or the child would think it runs under our runner and
 * report to it in its private format instead of TAP.
 */
function nodeTestTap(name: string): { file: string; text: string } {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  const run = spawnSync(process.execPath, ["--test", "--test-reporter=tap", fixture(name)], { encoding: "utf8", env, timeout: 60_000 });
  assert.equal(run.error, undefined);
  assert.match(run.stdout, /^TAP version 13\n/);
  const file = path.join(tmp(), `${name}.tap`);
  fs.writeFileSync(file, run.stdout);
  return { file, text: run.stdout };
}

function cases(result: ParsedResult): [string, string][] {
  if (result.kind === "invalid") assert.fail(`expected cases, got ${JSON.stringify(result)}`);
  assert.equal(result.kind, "tap");
  return result.cases.map((c) => [c.id, c.status]);
}

/** Parse a file and the same text in memory; both ways must agree. */
async function parseBoth(file: string): Promise<ParsedResult> {
  const fromFile = await parseResultFile(file, "tap");
  assert.deepEqual(parseTapText(fs.readFileSync(file, "utf8")), fromFile);
  return fromFile;
}

test("acceptance 32: node:test describe('s') with a passing, a skipped and a failing it → s > a pass, s > b skip, s > c fail, s not counted", async () => {
  const { file } = nodeTestTap("suite-pass-skip-fail.fixture.mjs");
  const result = await parseBoth(file);
  assert.deepEqual(cases(result), [
    ["s > a", "pass"],
    ["s > b", "skip"],
    ["s > c", "fail"],
  ]);
  assert.equal(result.kind === "tap" && result.bailOut, null);
  assert.equal(typeof (result.kind === "tap" && result.durationMs), "number");
});

test("acceptance 32: a failing after hook in describe('h') whose tests pass → h fails under its own id", async () => {
  const { file, text } = nodeTestTap("after-hook-fails.fixture.mjs");
  assert.match(text, /failureType: 'hookFailed'/);
  assert.deepEqual(cases(await parseBoth(file)), [
    ["h > x", "pass"],
    ["h > y", "pass"],
    ["h", "fail"],
  ]);
});

test("acceptance 32: Bail out! after plan 1..3 and one test point → bail_out; what follows and the plan are not checked", async () => {
  // node:test on Node 20 never bails out, so this is a TAP 14 producer's output kept as a file.
  const result = await parseBoth(fixture("bail-out.tap"));
  assert.deepEqual(result, { kind: "tap", cases: [{ id: "connects", status: "pass" }], bailOut: "database container did not start", durationMs: null });
  assert.deepEqual(parseTapText("    Bail out!\nok 1\n"), { kind: "tap", cases: [], bailOut: "", durationMs: null });
});

test("acceptance 32: plan 1..3 with 2 depth-0 test points → result_invalid at the plan's line", async () => {
  const result = await parseBoth(fixture("plan-mismatch.tap"));
  assert.equal(result.kind, "invalid");
  assert.deepEqual(result.kind === "invalid" && [result.format, result.line, result.column], ["tap", 7, 1]);
  // Nested plans and nested test points are not part of the count.
  assert.equal(parseTapText("# Subtest: p\n    ok 1 - q\n    1..1\nok 1 - p\n1..1\n").kind, "tap");
  assert.equal(parseTapText("ok 1 - a\n    1..5\n").kind, "tap");
  const late = parseTapText("ok 1\nok 2\n  1..3\n");
  assert.deepEqual(late.kind === "invalid" && [late.line, late.column], [3, 3]);
});

test("real node:test output: '#' in names, TODO rules, escapes, runtime skip, nesting, repeated ids, duration", async () => {
  const { file } = nodeTestTap("names-and-directives.fixture.mjs");
  const result = await parseBoth(file);
  assert.deepEqual(cases(result), [
    ["issue # 42", "pass"],
    ["todo that passes", "pass"],
    ["todo that fails", "skip"],
    ["name with # SKIP inside", "pass"],
    ["back\\slash", "pass"],
    ["skipped at runtime", "skip"],
    ["outer > inner > leaf", "pass"],
    ["outer > inner > leaf#2", "pass"],
    ["outer > sibling", "fail"],
  ]);
  assert.ok(result.kind === "tap" && result.durationMs !== null && result.durationMs >= 0);
});

test("test point text: an unescaped # followed by SKIP or TODO in any case starts the directive; other # stay", () => {
  const table: [string, string, "skip" | "todo" | null][] = [
    ["issue # 42", "issue # 42", null],
    ["issue #42 # skip flaky", "issue #42", "skip"],
    ["x # SKIP", "x", "skip"],
    ["x #skip", "x", "skip"],
    ["x #   Todo later", "x", "todo"],
    ["x # TODOS are directives by prefix", "x", "todo"],
    ["x \\# SKIP", "x # SKIP", null],
    ["x \\\\# SKIP", "x \\", "skip"],
    ["x \\\\\\# SKIP", "x \\# SKIP", null],
    ["a \\n b", "a \\n b", null],
    ["  spaced  ", "spaced", null],
    ["", "", null],
    ["# skip", "", "skip"],
  ];
  for (const [text, description, directive] of table) assert.deepEqual(splitDirective(text), { description, directive }, text);
  assert.deepEqual(
    cases(parseTapText("ok 1 - a # SKIP\nnot ok 2 - b # skip why\nok 3 - c # TODO\nnot ok 4 - d # todo\nnot ok 5 - e\nok 6 f\nok\nnot ok 8 - issue # 42\n")),
    [
      ["a", "skip"],
      ["b", "skip"],
      ["c", "pass"],
      ["d", "skip"],
      ["e", "fail"],
      ["f", "pass"],
      ["", "pass"],
      ["issue # 42", "fail"],
    ],
  );
});

test("parents: a deeper test point or type: 'suite' makes one; a failing parent is counted only without failing descendants", () => {
  const tap = [
    "# Subtest: failing child",
    "    not ok 1 - leaf",
    "not ok 1 - failing child",
    "# Subtest: empty suite",
    "not ok 2 - empty suite",
    "  ---",
    "  type: 'suite'",
    "  error: 'before hook failed'",
    "  ...",
    "# Subtest: deep",
    "    # Subtest: mid",
    "        ok 1 - leaf",
    "    ok 1 - mid",
    "not ok 3 - deep",
    "# Subtest: skipped parent",
    "    ok 1 - inside",
    "not ok 4 - skipped parent # SKIP",
    "ok 5 - plain # TODO",
    "1..5",
  ].join("\n");
  assert.deepEqual(cases(parseTapText(tap)), [
    ["failing child > leaf", "fail"],
    ["empty suite", "fail"],
    ["deep > mid > leaf", "pass"],
    ["deep", "fail"],
    ["skipped parent > inside", "pass"],
    ["plain", "pass"],
  ]);
  // Levels without a `# Subtest:` line are left out of the id.
  assert.deepEqual(cases(parseTapText("# Subtest: top\n        ok 1 - leaf\n    ok 1 - mid\nok 1 - top\n1..1\n")), [["top > leaf", "pass"]]);
  assert.deepEqual(cases(parseTapText("        ok 1 - deep leaf\n    not ok 1 - unnamed\nok 1 - top\n1..1\n")), [
    ["deep leaf", "pass"],
    ["unnamed", "fail"],
  ]);
});

test("YAML blocks are skipped, end at '...' or at a line indented less, and only their top level is read for type", () => {
  const tap = [
    "ok 1 - a",
    "  ---",
    "  stack: |-",
    "    not ok 99 - inside yaml",
    "    type: 'suite'",
    "    Bail out! inside yaml",
    "",
    "  ...",
    "not ok 2 - b",
    "  ---",
    "  error: never closed",
    "ok 3 - c",
    "---",
    "not ok 4 - after a markdown rule, not YAML",
    "1..4",
  ].join("\n");
  assert.deepEqual(cases(parseTapText(tap)), [
    ["a", "pass"],
    ["b", "fail"],
    ["c", "pass"],
    ["after a markdown rule, not YAML", "fail"],
  ]);
});

test("mixed logs (result_file '-'): non-TAP lines are ignored", () => {
  const log = [
    "> npm test",
    "starting server on :8080",
    "TAP version 13",
    "# Subtest: api",
    "[server] GET /health 200",
    "    # Subtest: responds",
    "    ok 1 - responds",
    "okay, shutting down",
    "    1..1",
    "ok 1 - api",
    "  ---",
    "  type: 'suite'",
    "  ...",
    "1..1",
    "# duration_ms 12.5",
    "npm ERR! nothing",
  ].join("\r\n");
  const result = parseTapText(log);
  assert.deepEqual(cases(result), [["api > responds", "pass"]]);
  assert.equal(result.kind === "tap" && result.durationMs, 12);
});

test("no plan and no test point is result_invalid at the end of input", async () => {
  const at = (r: ParsedResult): string => (r.kind === "invalid" ? `${r.format} ${r.line}:${r.column}` : JSON.stringify(r));
  assert.equal(at(parseTapText("")), "tap 1:1");
  assert.equal(at(parseTapText("hello\nworld\n")), "tap 3:1");
  assert.equal(at(parseTapText("hello\nworld")), "tap 2:6");
  assert.equal(at(parseTapText("# Subtest: never finished\n    # comment")), "tap 2:14");
  const dir = tmp();
  for (const [name, text, expected] of [
    ["empty.tap", "", "tap 1:1"],
    ["log.tap", "hello\nworld\n", "tap 3:1"],
    ["unterminated.tap", "hello\nworld", "tap 2:6"],
  ] as const) {
    fs.writeFileSync(path.join(dir, name), text);
    assert.equal(at(await parseTapFile(path.join(dir, name))), expected, name);
  }
  // A plan alone is enough (1..0: nothing ran).
  assert.deepEqual(parseTapText("1..0 # SKIP no tests\n"), { kind: "tap", cases: [], bailOut: null, durationMs: null });
});

test("duration: the last depth-0 '# duration_ms', exact; nested or malformed ones do not count", () => {
  const duration = (text: string): [number | null, string | undefined] => {
    const r = parseTapText(text);
    return r.kind === "invalid" ? [-1, undefined] : [r.durationMs, r.durationMsExact];
  };
  assert.deepEqual(duration("ok 1\n1..1\n# duration_ms 45.678901\n"), [45, "45.678901"]);
  assert.deepEqual(duration("ok 1\n1..1\n    # duration_ms 99\n"), [null, undefined]);
  assert.deepEqual(duration("ok 1\n1..1\n# duration_ms 1,5\n"), [null, undefined]);
  assert.deepEqual(duration("ok 1\n1..1\n# duration_ms 3\n# duration_ms 7.0\n"), [7, "7"]);
});

test("lines are cut to their first 64 KiB, in files and in text", async () => {
  const long = "x".repeat(TAP_MAX_LINE + 5000);
  const text = `ok 1 - ${long}\nnot ok 2 - after\n1..2\n`;
  const expected = [
    ["x".repeat(TAP_MAX_LINE - "ok 1 - ".length), "pass"],
    ["after", "fail"],
  ];
  assert.deepEqual(cases(parseTapText(text)), expected);
  const file = path.join(tmp(), "long.tap");
  fs.writeFileSync(file, text);
  assert.deepEqual(cases(await parseTapFile(file)), expected);
  assert.deepEqual(cases(await parseTapFile(file, { chunkBytes: 1000 })), expected);
});

test("file parsing gives the same result at every chunk size, with CRLF, a BOM and invalid UTF-8", async () => {
  const dir = tmp();
  const samples: Buffer[] = [
    fs.readFileSync(fixture("bail-out.tap")),
    fs.readFileSync(fixture("plan-mismatch.tap")),
    Buffer.from("\uFEFFTAP version 13\r\n# Subtest: caf\u00e9 \u2615\r\nok 1 - caf\u00e9 \u2615\r\n1..1\r\n# duration_ms 1.25\r\n"),
    Buffer.concat([Buffer.from("ok 1 - bad "), Buffer.from([0xff, 0xe2, 0x82]), Buffer.from(" bytes\n1..1")]),
    Buffer.from("no tap here\n"),
  ];
  for (const [index, bytes] of samples.entries()) {
    const file = path.join(dir, `sample-${index}.tap`);
    fs.writeFileSync(file, bytes);
    const reference = parseTapText(new TextDecoder().decode(bytes));
    for (const chunkBytes of [1, 2, 3, 5, 64 * 1024]) assert.deepEqual(await parseTapFile(file, { chunkBytes }), reference, `sample ${index}, chunk ${chunkBytes}`);
  }
  assert.deepEqual(cases(parseTapText(new TextDecoder().decode(samples[3]))), [["bad \uFFFD\uFFFD bytes", "pass"]]);
  assert.deepEqual(cases(parseTapText(new TextDecoder().decode(samples[2]))), [["caf\u00e9 \u2615", "pass"]]);
});
