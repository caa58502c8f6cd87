// `quarantine list` (gate.md §2.3): gate acceptance 34, the table, filters and invalid entries.
import assert from "node:assert/strict";
import test from "node:test";
import { assertNoCrash, entry, hoursAgo, makeTree, manifest, PATHS } from "./support/cli.ts";
import { assertRefused, manifestBytes, quarantine } from "./support/quarantine.ts";

const M = PATHS.manifest;

/** Acceptance 8's manifest. */
const TEST_8 = [
  entry("Q-MED-OLD", "medium", "open", hoursAgo(216), 168),
  entry("Q-MED-LONGSLA", "medium", "open", hoursAgo(1), 200),
  entry("Q-LOW-OLD", "low", "open", hoursAgo(672), 100),
  entry("Q-HIGH-BOTH", "high", "open", hoursAgo(228), 96),
  entry("Q-RES", "medium", "resolved", "2025-01-01T00:00:00Z", 1),
];

function listed(id: string, severity: string, status: string, opened: string, sla: unknown, rest: object): object {
  return { id, suite: "cross_seed_replay", severity, status, owner: "runtime-core", opened_at_utc: opened, sla_hours: sla, ...rest };
}

test("gate acceptance 34: list --format json on test 8's manifest gives 5 entries in order with overdue flags", async () => {
  const root = makeTree({ [M]: manifest(TEST_8) });
  const r = await quarantine(root, ["list", "--format", "json"]);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ["entries", "generated_at_utc", "manifest_path"]);
  assert.equal(out.generated_at_utc, "2026-03-10T12:00:00Z");
  assert.equal(out.manifest_path, M);
  assert.deepEqual(
    out.entries.map((e: any) => [e.id, e.overdue]),
    [
      ["Q-MED-OLD", true],
      ["Q-MED-LONGSLA", false],
      ["Q-LOW-OLD", true],
      ["Q-HIGH-BOTH", true],
      ["Q-RES", false],
    ],
  );
  assert.deepEqual(out.entries, [
    listed("Q-MED-OLD", "medium", "open", "2026-03-01T12:00:00Z", 168, { age_hours: 216, due_at_utc: "2026-03-08T12:00:00Z", overdue: true, problems: [] }),
    listed("Q-MED-LONGSLA", "medium", "open", "2026-03-10T11:00:00Z", 200, { age_hours: 1, due_at_utc: "2026-03-18T19:00:00Z", overdue: false, problems: [] }),
    listed("Q-LOW-OLD", "low", "open", "2026-02-10T12:00:00Z", 100, { age_hours: 672, due_at_utc: "2026-02-14T16:00:00Z", overdue: true, problems: [] }),
    listed("Q-HIGH-BOTH", "high", "open", "2026-03-01T00:00:00Z", 96, { age_hours: 228, due_at_utc: "2026-03-05T00:00:00Z", overdue: true, problems: [] }),
    listed("Q-RES", "medium", "resolved", "2025-01-01T00:00:00Z", 1, { age_hours: 10404, due_at_utc: null, overdue: false, problems: [] }),
  ]);
  // Key order of each entry is the documented one.
  assert.deepEqual(Object.keys(out.entries[0]), [
    "id",
    "suite",
    "severity",
    "status",
    "owner",
    "opened_at_utc",
    "sla_hours",
    "age_hours",
    "due_at_utc",
    "overdue",
    "problems",
  ]);
});

test("gate acceptance 34: the text table pads columns two spaces apart with AGE_H and DUE", async () => {
  const root = makeTree({ [M]: manifest(TEST_8) });
  const r = await quarantine(root, ["list"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      "ID             SUITE              SEVERITY  STATUS    OWNER         AGE_H    SLA_H  DUE",
      "Q-MED-OLD      cross_seed_replay  medium    open      runtime-core  216.0    168    overdue 48.0h",
      "Q-MED-LONGSLA  cross_seed_replay  medium    open      runtime-core  1.0      200    in 199.0h",
      "Q-LOW-OLD      cross_seed_replay  low       open      runtime-core  672.0    100    overdue 572.0h",
      "Q-HIGH-BOTH    cross_seed_replay  high      open      runtime-core  228.0    96     overdue 132.0h",
      "Q-RES          cross_seed_replay  medium    resolved  runtime-core  10404.0  1      -",
      "",
    ].join("\n"),
  );
});

test("gate acceptance 34: an invalid entry is listed as INVALID with its messages on stderr, exit 1", async () => {
  const root = makeTree({
    [M]: manifest([
      entry("Q-OK", "medium", "open", hoursAgo(2), 168),
      entry("Q-BAD", "urgent", "open", "2026-03-01T00:00:00", "72"),
      42,
    ]),
  });
  const before = manifestBytes(root);
  const r = await quarantine(root, ["list"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    [
      `${M}: entries[1].severity: invalid quarantine severity: urgent`,
      `${M}: entries[1].opened_at_utc: open quarantine entry has invalid opened_at_utc: 2026-03-01T00:00:00 (expected ISO-8601 with an offset)`,
      `${M}: entries[1].sla_hours: open quarantine entry requires positive integer sla_hours`,
      `${M}: entries[2]: quarantine entries must be objects`,
      "",
    ].join("\n"),
  );
  assert.equal(
    r.stdout,
    [
      "ID     SUITE              SEVERITY  STATUS  OWNER         AGE_H  SLA_H  DUE",
      "Q-OK   cross_seed_replay  medium    open    runtime-core  2.0    168    in 166.0h",
      "Q-BAD  cross_seed_replay  urgent    open    runtime-core  -      72     INVALID",
      "-      -                  -         -       -             -      -      INVALID",
      "",
    ].join("\n"),
  );
  const json = JSON.parse((await quarantine(root, ["list", "--format", "json"])).stdout);
  assert.deepEqual(json.entries[1], {
    id: "Q-BAD",
    suite: "cross_seed_replay",
    severity: "urgent",
    status: "open",
    owner: "runtime-core",
    opened_at_utc: "2026-03-01T00:00:00",
    sla_hours: "72",
    age_hours: null,
    due_at_utc: null,
    overdue: null,
    problems: [
      "invalid quarantine severity: urgent",
      "open quarantine entry has invalid opened_at_utc: 2026-03-01T00:00:00 (expected ISO-8601 with an offset)",
      "open quarantine entry requires positive integer sla_hours",
    ],
  });
  assert.deepEqual(json.entries[2], {
    id: null,
    suite: null,
    severity: null,
    status: null,
    owner: null,
    opened_at_utc: null,
    sla_hours: null,
    age_hours: null,
    due_at_utc: null,
    overdue: null,
    problems: ["quarantine entries must be objects"],
  });
  assert.deepEqual(manifestBytes(root), before, "list never writes");
});

test("gate acceptance 34: duplicate ids and future timestamps make list exit 1 too", async () => {
  const dup = makeTree({ [M]: manifest([entry("Q-1", "low", "open", hoursAgo(1), 5), entry("Q-1", "low", "open", hoursAgo(1), 5)]) });
  const r = await quarantine(dup, ["list", "--format", "json"]);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout).entries[1].problems, ["duplicate quarantine entry id Q-1 (entries[0] and entries[1])"]);
  const future = makeTree({ [M]: manifest([entry("Q-F", "low", "open", "2026-03-10T13:00:00Z", 5)]) });
  assert.equal((await quarantine(future, ["list"])).code, 1);
});

test("gate acceptance 34: no manifest, or a bad envelope, is exit 2 with nothing on stdout", async () => {
  const cases: [string | object | null, string][] = [
    [null, `quarantine manifest missing: ${M}`],
    ['{"a":', `invalid JSON in ${M}: line 1 column 6: unexpected end of input`],
    [[], `root object required in ${M}`],
    [{ schema_version: "wasm-flake-quarantine-v0" }, `${M}: quarantine schema mismatch: expected wasm-flake-quarantine-v1, got wasm-flake-quarantine-v0`],
    [{ schema_version: "wasm-flake-quarantine-v1", entries: "x" }, `${M}: quarantine entries must be a list`],
  ];
  for (const [content, line] of cases) {
    const root = makeTree({ [M]: content });
    const before = manifestBytes(root);
    const r = await quarantine(root, ["list"]);
    assertRefused(r, [line], before, manifestBytes(root));
    assert.equal(r.stderr, `ERROR: ${line}\n`);
  }
});

test("gate acceptance 34: --status and --owner filter the rows; exit status still reflects the whole manifest", async () => {
  const root = makeTree({
    [M]: manifest([...TEST_8, entry("Q-TEAM", "high", "open", hoursAgo(1), 10, { owner: "team-b" }), entry("Q-BAD", "medium", "open", hoursAgo(1), 0)]),
  });
  const ids = async (args: string[]): Promise<{ code: number; ids: string[] }> => {
    const r = await quarantine(root, ["list", "--format", "json", ...args]);
    return { code: r.code, ids: JSON.parse(r.stdout).entries.map((e: any) => e.id) };
  };
  assert.deepEqual(await ids(["--status", "resolved"]), { code: 1, ids: ["Q-RES"] });
  assert.deepEqual(await ids(["--owner", "team-b"]), { code: 1, ids: ["Q-TEAM"] });
  assert.deepEqual(await ids(["--status", "open", "--owner", "team-b"]), { code: 1, ids: ["Q-TEAM"] });
  assert.deepEqual((await ids(["--status", "reactivated"])).ids, []);
  assert.equal((await ids(["--status", "all"])).ids.length, 7);
  const before = manifestBytes(root);
  const bad = await quarantine(root, ["list", "--status", "closed"]);
  assertRefused(bad, ["invalid value for --status: closed (expected open or resolved or reactivated or all)"], before, manifestBytes(root));
  assertRefused(await quarantine(root, ["list", "--owner", ""]), ["option --owner must not be empty"], before, manifestBytes(root));
});

test("gate acceptance 34: an empty manifest prints the header only, exit 0", async () => {
  const root = makeTree();
  const r = await quarantine(root, ["list"]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "ID  SUITE  SEVERITY  STATUS  OWNER  AGE_H  SLA_H  DUE\n");
});

test("gate acceptance 34: a reactivated entry without valid evidence is on the SLA clock; with valid evidence it is not", async () => {
  const evidence = [1, 2, 3].map((k) => ({
    attempt_id: "ra-20260310T100000Z",
    run_id: `ra-20260310T100000Z-${k}`,
    ts: "2026-03-10T10:00:00.000Z",
    status: "passed",
    exit_code: 0,
    fingerprint: "sha256:ab",
    certificate: null,
    artifact_dir: `r/${k}`,
  }));
  const good = entry("Q-GOOD", "critical", "reactivated", hoursAgo(48), 24, {
    notes: { root_cause: "race", fix_ref: "PR#1" },
    reactivated_at_utc: "2026-03-10T10:00:01.000Z",
    reactivation_evidence: evidence,
  });
  const bare = entry("Q-BARE", "critical", "reactivated", hoursAgo(48), 24);
  const root = makeTree({ [M]: manifest([good, bare]) });
  const r = await quarantine(root, ["list", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const [g, b] = JSON.parse(r.stdout).entries;
  assert.deepEqual([g.due_at_utc, g.overdue], [null, false]);
  assert.deepEqual([b.due_at_utc, b.overdue], ["2026-03-09T12:00:00Z", true]);
  // A config minimum above the evidence puts the good one back on the clock, as the gate would.
  const strict = makeTree({ [M]: manifest([good]), "flakewarden.json": { reactivate: { min_runs: 4 } } });
  const s = JSON.parse((await quarantine(strict, ["list", "--format", "json"])).stdout).entries[0];
  assert.equal(s.overdue, true);
});

test("gate acceptance 34: an entry opened a little in the future has age 0.0 and its full SLA ahead", async () => {
  const root = makeTree({ [M]: manifest([entry("Q-SOON", "high", "open", "2026-03-10T12:03:00Z", 72)]) });
  const r = await quarantine(root, ["list"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Q-SOON .* 0\.0 +72 +in 72\.0h\n$/);
});
