import assert from "node:assert/strict";
import test from "node:test";
import type { GateReport } from "@flakewarden/core";
import { renderGateStepSummary } from "../src/index.ts";

function report(status: "pass" | "fail", findings: number): GateReport {
  const fs = Array.from({ length: findings }, (_, i) => ({
    actual: null,
    check_id: "WG-QUAR-011",
    limit: null,
    message: `Q-${i} breached entry SLA (10.0h > 1h)`,
    path: null,
    subject: null,
  }));
  return {
    gate_status: status,
    generated_at_utc: "2026-03-10T12:00:00+00:00",
    git_sha: null,
    policy_path: "p.json",
    results: [
      { check_id: "WG-POLICY-000", detail: "ok | piped\nnewline", findings: [], status: "pass" },
      ...(findings > 0 ? [{ check_id: "WG-QUAR-011", detail: "x", findings: fs, status: "fail" as const }] : []),
    ],
    schema_version: "wasm-flake-governance-report-v1",
    summary: { fail: findings > 0 ? 1 : 0, pass: 1, skip: 0, total: findings > 0 ? 2 : 1 },
  };
}

test("a passing gate renders a heading and a table ending in a blank line, pipes escaped", () => {
  assert.equal(
    renderGateStepSummary(report("pass", 0), "r.json"),
    "## WASM flake governance gate: PASS\n\n| Check | Status | Detail |\n|---|---|---|\n| WG-POLICY-000 | pass | ok \\| piped\\nnewline |\n\n",
  );
});

test("a failing gate lists at most 100 findings and points at the report for the rest", () => {
  const text = renderGateStepSummary(report("fail", 103), "artifacts/r.json");
  assert.match(text, /^## WASM flake governance gate: FAIL\n/);
  assert.match(text, /\n### Findings \(103\)\n- `WG-QUAR-011` Q-0 breached entry SLA \(10\.0h > 1h\)\n/);
  assert.equal(text.split("\n").filter((l) => l.startsWith("- `")).length, 100);
  assert.ok(text.endsWith("- … and 3 more (see artifacts/r.json)\n\n"));
});
