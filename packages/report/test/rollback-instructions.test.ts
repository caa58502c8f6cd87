// rollback_instructions.md: golden file (UPDATE_GOLDEN=1 rewrites it) plus the escaping rules.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { assembleIncident, type IncidentInputs } from "@flakewarden/core";
import { renderRollbackInstructions } from "../src/index.ts";

const GOLDEN = fileURLToPath(new URL("./golden/rollback_instructions.md", import.meta.url));

function inputs(over: Partial<IncidentInputs> = {}): IncidentInputs {
  const actions = ["npm dist-tag add @fwtest/core@1.0.0 latest", "npm dist-tag add @fwtest/ui@1.0.0 latest"];
  return {
    tag: "v1.1.0",
    now: Date.parse("2026-03-06T10:00:00Z"),
    severityFlag: null,
    config: {},
    minReactivationRuns: 3,
    securityPolicy: { path: ".github/security_release_policy.json", load: { kind: "missing", path: "p" } },
    gateReports: [
      {
        path: "artifacts/security_release_gate_report.json",
        sha256: "ab".repeat(32),
        size_bytes: 10,
        load: { kind: "json", path: "s", value: { gate_status: "fail", check_results: [{ criterion_id: "SEC-BLOCK-01", status: "fail", severity: "critical", blocks_release: true }] } },
      },
    ],
    dashboard: null,
    manifest: null,
    drill: null,
    npmOutcome: {
      path: "artifacts/npm/rollback_outcome.json",
      load: {
        kind: "json",
        path: "o",
        value: { status: "succeeded", rollback_version: "1.0.0", rollback_reason: "r", npm_tag: "latest", action_count: 2, actions_executed: actions, verification: { all_verified: true } },
      },
    },
    npmActions: { kind: "text", path: "artifacts/npm/rollback_actions.txt", text: `${actions.join("\n")}\n` },
    inputArtifacts: { entries: [], missing: [] },
    outputs: { traceability: "t", rollback_guidance: "g", incident_packet: "i", postmortem: "pm", artifact_index: "ai" },
    evidenceErrors: [],
    ...over,
  };
}

const EVIDENCE = [{ path: "artifacts/security_release_gate_report.json", sha256: "ab".repeat(32), size_bytes: 10, role: "gate_report" }];

test("rollback instructions match the golden file", () => {
  const text = renderRollbackInstructions(assembleIncident(inputs()), EVIDENCE);
  if (process.env.UPDATE_GOLDEN === "1") {
    fs.mkdirSync(new URL("./golden/", import.meta.url), { recursive: true });
    fs.writeFileSync(GOLDEN, text);
  }
  const golden = fs.readFileSync(GOLDEN, "utf8");
  const a = text.split("\n");
  const b = golden.split("\n");
  const line = a.findIndex((l, i) => l !== b[i]);
  assert.equal(text, golden, `rollback_instructions.md differs from ${GOLDEN} at line ${line + 1}`);
});

test("rollback instructions name the real tag, the failing gate and validated package commands", () => {
  const text = renderRollbackInstructions(assembleIncident(inputs()), EVIDENCE);
  assert.match(text, /^# Release Rollback Guidance — v1\.1\.0$/m);
  assert.match(text, /SEC-BLOCK-01/);
  assert.match(text, /^flakewarden rollback npm --package @fwtest\/core --package @fwtest\/ui --to 1\.0\.0 --tag latest --reason inc-v1\.1\.0-20260306T100000Z --execute$/m);
  assert.match(text, /^npm view @fwtest\/ui dist-tags --json$/m);
  assert.doesNotMatch(text, /&#x|&amp;|&quot;/);
});

test("an invalid npm value never reaches a command; Markdown specials in evidence are escaped", () => {
  const bad = inputs({
    tag: "v1.1.0",
    npmOutcome: {
      path: "o",
      load: { kind: "json", path: "o", value: { status: "failed", rollback_version: "1.0.0; rm -rf /", npm_tag: "latest", actions_executed: [], packages: ["Bad Name"] } },
    },
  });
  const text = renderRollbackInstructions(assembleIncident(bad), [{ path: "a|b*c.json", sha256: "0".repeat(64), size_bytes: 1, role: "gate_report" }]);
  assert.doesNotMatch(text, /--to 1\.0\.0; rm/);
  assert.match(text, /TODO\(known_good_version\): invalid value/);
  assert.match(text, /TODO\(package\): invalid value "Bad Name"/);
  assert.match(text, /--to "\$\{KNOWN_GOOD_VERSION:\?set KNOWN_GOOD_VERSION first\}"/);
});
