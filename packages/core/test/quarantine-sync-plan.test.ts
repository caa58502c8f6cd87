// planSync (gate.md §4.10 "sync"): which suites get entries and what those entries hold.
import assert from "node:assert/strict";
import test from "node:test";
import { BUILTIN_POLICY, planSync, type OwnerLookup, type SyncOptions } from "../src/index.ts";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const REF = "target/semantic-verification/flake/latest/variance_dashboard.json";

function options(ownerFor: (suite: string) => OwnerLookup = () => ({ owner: "team" })): SyncOptions {
  return { policy: BUILTIN_POLICY, severity: "medium", slaHours: 168, now: NOW, dashboardRef: REF, ownerFor };
}

function dashboard(suites: unknown[], extra: object = {}): Record<string, unknown> {
  return { schema_version: "sem-variance-dashboard-v1", suites, ...extra };
}

test("planSync opens unstable and failing suites in dashboard order and skips stable ones", () => {
  const out = planSync(
    dashboard([
      { suite: "stable", unstable: false, outcomes: { fail: 0 }, replay_command: "r" },
      { suite: "flaky", unstable: true, replay_command: "npm run flaky" },
      { suite: "failing", unstable: false, outcomes: { fail: 2 }, command: "make failing" },
    ]),
    [],
    options(),
  );
  assert.deepEqual(
    out.map((o) => [o.kind, o.suite]),
    [
      ["opened", "flaky"],
      ["opened", "failing"],
    ],
  );
  const failing = out[1];
  assert.ok(failing?.kind === "opened");
  assert.equal(failing.entry.replay_command, "make failing");
  assert.equal(failing.entry.id, "Q-FAILING-20260310");
});

test("planSync: a log relative to the dashboard is re-based onto the base dir; ingest logs and absolute logs stay", () => {
  const suites = [
    { suite: "a", unstable: true, replay_command: "r", artifacts: { logs: ["", "  ", "a/run_0.log"] } },
    { suite: "b", unstable: true, replay_command: "r", artifacts: { logs: ["/abs/b.log"] } },
    { suite: "c", unstable: true, replay_command: "r", trace_pointer: "given.json", artifacts: { logs: ["x.log"] } },
    { suite: "d", unstable: true, replay_command: "r" },
  ];
  const pointers = (doc: Record<string, unknown>): unknown[] =>
    planSync(doc, [], options()).map((o) => (o.kind === "opened" ? o.entry.trace_pointer : null));
  assert.deepEqual(pointers(dashboard(suites)), [
    "target/semantic-verification/flake/latest/a/run_0.log",
    "/abs/b.log",
    "given.json",
    `${REF}#/suites/3`,
  ]);
  assert.deepEqual(pointers(dashboard(suites, { source: "ingest" })), ["a/run_0.log", "/abs/b.log", "given.json", `${REF}#/suites/3`]);
});

test("planSync: notes name the dashboard and its run_id", () => {
  const doc = dashboard([{ suite: "a", unstable: true, replay_command: "r" }], { run_id: "run-7" });
  const [first] = planSync(doc, [], options());
  assert.ok(first?.kind === "opened");
  assert.deepEqual(first.entry.notes, { comment: `opened by flakewarden quarantine sync from ${REF} (run_id run-7)` });
  const [plain] = planSync(dashboard([{ suite: "a", unstable: true, replay_command: "r" }]), [], options());
  assert.ok(plain?.kind === "opened");
  assert.deepEqual(plain.entry.notes, { comment: `opened by flakewarden quarantine sync from ${REF}` });
});

test("planSync: an open entry means already quarantined; a resolved one does not", () => {
  const entries = [
    { id: "Q-OLD", suite: "a", status: "resolved" },
    { id: "Q-A", suite: "a", status: "open" },
    { id: "Q-B-20260310", suite: "b", status: "resolved" },
  ];
  const out = planSync(
    dashboard([
      { suite: "a", unstable: true, replay_command: "r" },
      { suite: "b", unstable: true, replay_command: "r" },
    ]),
    entries,
    options(),
  );
  assert.deepEqual(out[0], { kind: "already", suite: "a", id: "Q-A" });
  assert.ok(out[1]?.kind === "opened");
  assert.equal(out[1].entry.id, "Q-B-20260310-2", "ids taken by entries of any status are skipped");
});

test("planSync: ids stay distinct within one run when slugs collide", () => {
  const out = planSync(
    dashboard([
      { suite: "a.b", unstable: true, replay_command: "r" },
      { suite: "a_b", unstable: true, replay_command: "r" },
    ]),
    [],
    options(),
  );
  assert.deepEqual(
    out.map((o) => (o.kind === "opened" ? o.entry.id : null)),
    ["Q-A-B-20260310", "Q-A-B-20260310-2"],
  );
});

test("planSync: missing replay command, no owner and malformed suites fail with a reason", () => {
  const out = planSync(
    dashboard([
      { suite: "noreplay", unstable: true, replay_command: " ", command: "" },
      { suite: "noowner", unstable: true, replay_command: "r" },
      { suite: "bad", unstable: "yes" },
      7,
      { suite: "ctl", unstable: true, replay_command: "a\nb" },
    ]),
    [],
    options((suite) => (suite === "noowner" ? { problem: "no owner" } : { owner: "t" })),
  );
  assert.deepEqual(out, [
    { kind: "failed", suite: "noreplay", reason: "dashboard gives no replay_command", malformed: false },
    { kind: "failed", suite: "noowner", reason: "no owner", malformed: false },
    { kind: "failed", suite: "bad", reason: "dashboard suite malformed at suites[2]: unstable must be a boolean", malformed: true },
    { kind: "failed", suite: "suites[3]", reason: "dashboard suite malformed at suites[3]: not an object", malformed: true },
    { kind: "failed", suite: "ctl", reason: "dashboard replay_command must not contain control characters", malformed: false },
  ]);
});
