// renderRollbackInstructions (reports.md §4.8; acceptance 27–30), with the flakewarden incident's own outputs as
// input (assembleIncident) and with hand-written original-format artifacts.
import assert from "node:assert/strict";
import { test } from "node:test";
import MarkdownIt from "markdown-it";
import { assembleIncident, type IncidentInputs } from "@flakewarden/core";
import { renderRollbackInstructions, type RollbackInstructionsInput } from "../src/index.ts";

const md = new MarkdownIt({ html: true });

/** The contents of every fenced code block, in order. */
function codeBlocks(text: string): string[] {
  return md.parse(text, {}).filter((t) => t.type === "fence").map((t) => t.content);
}

/** The lines of the fenced block that follows the first line matching `after`. */
function blockAfter(text: string, after: RegExp): string[] {
  const at = text.search(after);
  assert.ok(at >= 0, `no line matching ${after}`);
  const blocks = codeBlocks(text.slice(at));
  assert.ok(blocks.length > 0, `no block after ${after}`);
  return (blocks[0] as string).trimEnd().split("\n");
}

const SEVERITY_PROTOCOL = {
  sev_1: { initial_ack_sla_minutes: 5, update_interval_minutes: 15, required_roles: ["release-captain", "security-oncall", "runtime-owner"], rollback_default: "mandatory" },
};

/** Acceptance 27's artifacts. */
function acceptance27(): RollbackInstructionsInput {
  return {
    incident: {
      communication_protocol: SEVERITY_PROTOCOL,
      incident: { incident_id: "inc-v1.3.0-20260310T120000Z", tag: "v1.3.0", version: "1.3.0", channel: "stable", severity: "sev_1", gate_status: "fail" },
      sla_clocks: { ack_due_utc: "2026-03-10T12:05:00.000Z", first_update_due_utc: "2026-03-10T12:15:00.000Z", postmortem_due_utc: "2026-03-12T12:00:00.000Z" },
      artifact_revocation_strategy: { npm_dist_tag_rollback_command_template: "npm dist-tag add <package>@<known-good-version> <tag>", required_artifacts: [], stable_channel_action: "demote" },
    },
    traceability: { version: "1.3.0", tag: "v1.3.0" },
    npmRollback: { packages: ["@a/core", "@a/web"], rollback_version: "1.2.3", npm_tag: "latest", rollback_reason: "r", actions_executed: [], action_count: 0 },
  };
}

test("acceptance 27: step 4 dry run then --execute, the --deprecate block, the fallback order, the verify loop", () => {
  const text = renderRollbackInstructions(acceptance27());
  const cmd = "flakewarden rollback npm --package @a/core --package @a/web --to 1.2.3 --tag latest --reason inc-v1.3.0-20260310T120000Z";
  assert.deepEqual(blockAfter(text, /^4\. /m), [cmd, `${cmd} --execute`]);
  assert.deepEqual(blockAfter(text, /^Only if 1\.3\.0 was published:$/m), [`${cmd} --deprecate 1.3.0`, `${cmd} --deprecate 1.3.0 --execute`]);

  const fallback = blockAfter(text, /^## Manual fallback \(npm client\)$/m);
  const core = fallback.indexOf("npm dist-tag add @a/core@1.2.3 latest");
  const web = fallback.indexOf("npm dist-tag add @a/web@1.2.3 latest");
  assert.ok(core >= 0 && web > core, fallback.join("\n"));
  assert.ok(fallback.includes("npm view @a/core dist-tags --json") && fallback.includes("npm view @a/web@1.2.3 version"));
  assert.ok(fallback.includes("npm deprecate @a/core@1.3.0 'Rolled back to 1.2.3: inc-v1.3.0-20260310T120000Z'"));

  const verify = blockAfter(text, /^5\. /m);
  for (const pkg of ["@a/core", "@a/web"]) {
    const loop = `for i in 1 2 3 4 5 6 7 8 9 10; do [ "$(npm view ${pkg} dist-tags.latest)" = 1.2.3 ] && break; sleep 15; done`;
    assert.ok(verify.includes(loop), verify.join("\n"));
    assert.ok(verify.includes(`npm view ${pkg} dist-tags.latest`));
  }
  for (const block of codeBlocks(text)) assert.doesNotMatch(block, /sleep (?!15;)|\b11\b/);
  assert.match(text, /^# Release Rollback Guidance — v1\.3\.0$/m);
  assert.match(text, /^Incident inc-v1\.3\.0-20260310T120000Z · SEV-1 · rollback default: mandatory · gate status: fail$/m);
});

test("acceptance 27: no --deprecate block when the bad version equals the good one or is unknown", () => {
  const same = acceptance27();
  const text = renderRollbackInstructions({ ...same, traceability: { version: "1.2.3", tag: "v1.2.3" } });
  assert.doesNotMatch(text, /Only if|--deprecate|npm deprecate/);
  const unknown = renderRollbackInstructions({ ...same, traceability: null });
  assert.doesNotMatch(unknown, /Only if|--deprecate|npm deprecate/);
});

test("acceptance 28: no known-good version → a guarded variable in every command, no <placeholder> in any block", () => {
  const input = acceptance27();
  const text = renderRollbackInstructions({ ...input, npmRollback: { packages: ["@a/core"], npm_tag: "latest", actions_executed: [], action_count: 0 } });
  const guard = '"${KNOWN_GOOD_VERSION:?set KNOWN_GOOD_VERSION first}"';
  assert.match(text, /^KNOWN_GOOD_VERSION=''  # TODO\(known_good_version\): the last good version$/m);
  const lines = codeBlocks(text).flatMap((b) => b.split("\n"));
  const toOrTag = lines.filter((l) => /--to |npm dist-tag add /.test(l));
  assert.ok(toOrTag.length >= 3, lines.join("\n"));
  for (const line of toOrTag) assert.ok(line.includes(guard) || line.startsWith("#"), line);
  assert.ok(lines.includes(`npm dist-tag add @a/core@${guard} latest`));
  for (const block of codeBlocks(text)) assert.doesNotMatch(block, /<[a-z-]+>/);
  // Nothing known at all: every value is a guarded variable, still no placeholder.
  const empty = renderRollbackInstructions({});
  for (const v of ["KNOWN_GOOD_VERSION", "NPM_TAG", "ROLLBACK_REASON", "PACKAGE"]) assert.match(empty, new RegExp(`^${v}=''  # TODO\\(`, "m"));
  for (const block of codeBlocks(empty)) assert.doesNotMatch(block, /<[a-z-]+>/);
  assert.match(empty, /--package "\$\{PACKAGE:\?set PACKAGE first\}" --to "\$\{KNOWN_GOOD_VERSION:\?set KNOWN_GOOD_VERSION first\}" --tag "\$\{NPM_TAG:\?set NPM_TAG first\}" --reason "\$\{ROLLBACK_REASON:\?set ROLLBACK_REASON first\}"/);
});

test("acceptance 29: an invalid package never reaches a code block; a hostile reason is display-quoted", () => {
  const text = renderRollbackInstructions({ npmRollback: { packages: ["x; rm -rf ~"], rollback_version: "1.2.3", npm_tag: "latest", rollback_reason: "'; rm -rf / #", actions_executed: [], action_count: 0 } });
  for (const block of codeBlocks(text)) assert.ok(!block.includes("x; rm"), block);
  assert.match(text, /TODO\(packages\): invalid value x; rm -rf \\~ \(/);
  assert.match(text, /--reason ''\\''; rm -rf \/ #'/);
  const lines = blockAfter(text, /^4\. /m);
  assert.ok(lines.includes(`PACKAGE=''  # TODO(packages): one package name; repeat --package per package`), lines.join("\n"));
  // Every other invalid value is also kept out of the commands.
  const bad = renderRollbackInstructions({
    npmRollback: { packages: ["@a/core", "Bad Name"], rollback_version: "v1.0.0", npm_tag: "1.0", rollback_reason: "two\nlines", registry: "javascript:alert(1)", actions_executed: [], action_count: 0 },
  });
  for (const block of codeBlocks(bad)) assert.doesNotMatch(block, /v1\.0\.0|Bad Name|two|javascript|--tag 1\.0/);
  for (const name of ["known_good_version", "npm_tag", "rollback_reason", "registry", "packages"]) assert.match(bad, new RegExp(`TODO\\(${name}\\): invalid value`), name);
  assert.match(bad, /--package @a\/core --to "\$\{KNOWN_GOOD_VERSION/);
  // A reason that looks like a flag is joined to --reason, so the CLI cannot read it as an option.
  const flagLike = renderRollbackInstructions({ npmRollback: { packages: ["@a/core"], rollback_version: "1.0.0", npm_tag: "latest", rollback_reason: "--registry=http://evil.example/ x", actions_executed: [], action_count: 0 } });
  assert.match(flagLike, /--tag latest --reason='--registry=http:\/\/evil\.example\/ x'$/m);
});

test("acceptance 30: an original npm outcome's action lines give the packages in line order and the action count", () => {
  const actions = ["@o/d", "@o/a", "@o/c", "@o/b"].map((p) => `npm dist-tag add ${p}@2.0.1 latest`);
  const text = renderRollbackInstructions({ npmRollback: { rollback_version: "2.0.1", rollback_reason: "", npm_tag: "latest", actions_executed: actions, action_count: 4 } });
  assert.match(text, /^\| packages \| @o\/d, @o\/a, @o\/c, @o\/b \| npm outcome actions_executed \|$/m);
  assert.match(text, /already executed: 4 actions \|/);
  assert.match(blockAfter(text, /^4\. /m).at(-1) as string, /^flakewarden rollback npm --package @o\/d --package @o\/a --package @o\/c --package @o\/b --to 2\.0\.1 --tag latest --reason "\$\{ROLLBACK_REASON/);
  const withStatus = renderRollbackInstructions({ npmRollback: { rollback_version: "2.0.1", npm_tag: "latest", actions_executed: actions, action_count: 4, status: "succeeded" } });
  assert.match(withStatus, /already executed: 4 actions, status succeeded/);
  assert.match(withStatus, /already reports `succeeded`: re-running is a `noop`/);
});

test("Why names each report that did not pass with its failing checks; all passing says so", () => {
  const safety = {
    gate_status: "fail",
    gate_reports: [
      { path: "a/security.json", verdict: "fail", failing_checks: [{ check_id: "SEC-BLOCK-01" }, { check_id: "SEC-BLOCK-02" }] },
      { path: "a/dep.json", verdict: "pass", failing_checks: [] },
      { path: "a/missing.json", verdict: "missing", failing_checks: [] },
    ],
    deterministic_repro_commands: ["flakewarden drill --seed 4242", "sh -c 'a | b'"],
  };
  const text = renderRollbackInstructions({ rollbackSafety: safety });
  assert.match(text, /^- `a\/security\.json`: fail: SEC-BLOCK-01, SEC-BLOCK-02$/m);
  assert.match(text, /^- `a\/missing\.json`: missing$/m);
  assert.doesNotMatch(text, /a\/dep\.json/);
  assert.deepEqual(blockAfter(text, /^## Reproduce$/m), safety.deterministic_repro_commands);
  const pass = renderRollbackInstructions({ rollbackSafety: { ...safety, gate_reports: [{ path: "a/dep.json", verdict: "pass", failing_checks: [] }] } });
  assert.match(pass, /^All required gate reports passed\.$/m);
  // The original static report: no verdicts, only missing reports.
  const original = renderRollbackInstructions({ rollbackSafety: { gate_status: "pass", missing_gate_reports: ["x.json"], rollback_safety_checks: ["a"] } });
  assert.match(original, /records no verdicts per gate report; gate status: pass\./);
  assert.match(original, /^- `x\.json`: missing$/m);
});

test("evidence comes from the artifact index without the incident's own outputs, else from the packet", () => {
  const index = { entries: [{ path: "in/a.json", sha256: "a".repeat(64), role: "gate_report" }, { path: "out/rollback_instructions.md", sha256: "b".repeat(64), role: "incident_output" }] };
  const text = renderRollbackInstructions({ artifactIndex: index });
  assert.match(text, /^ {3}- `in\/a\.json` sha256 `a{64}`$/m);
  assert.doesNotMatch(text, /out\/rollback_instructions\.md/);
  const fromPacket = renderRollbackInstructions({ incident: { artifact_index: { entries: [{ path: "p.json", sha256: "c".repeat(64) }], missing: [] } } });
  assert.match(fromPacket, /`p\.json` sha256 `c{64}`/);
  assert.match(renderRollbackInstructions({}), /TODO\(artifact_index\)/);
});

test("a severity outside sev_1..3 is shown as written; an original packet takes the rollback default from the severity", () => {
  assert.match(renderRollbackInstructions({ incident: { incident: { severity: "Sev-2" }, communication_protocol: {} } }), /· SEV-2 · rollback default: unless waiver signed ·/);
  assert.match(renderRollbackInstructions({ incident: { incident: { severity: "p0" } } }), /· p0 \(unrecognised severity\) · rollback default: TODO\(rollback_default\)/);
});

test("hostile text in every field stays Markdown text; control and bidi characters follow the shared rules", () => {
  const text = renderRollbackInstructions({
    incident: { incident: { incident_id: "inc|<img src=x onerror=alert(1)>", tag: "v1\u202e.0", channel: "<b>x</b>" } },
    rollbackSafety: { gate_reports: [{ path: "a|b`c", verdict: "fail\u0000", failing_checks: [{ check_id: "*x*" }] }], deterministic_repro_commands: ["echo \u202e ```"] },
  });
  const html = md.render(text);
  assert.doesNotMatch(html, /<img|<b>/);
  assert.match(text, /fail\uFFFD: \\\*x\\\*/);
  assert.match(text, /````sh\necho <U\+202E> ```\n````/);
  for (const line of text.split("\n").filter((l) => l.startsWith("|"))) assert.equal(line.match(/(?<!\\)\|/g)?.length, 4, line);
});

// The outputs flakewarden incident writes, fed back in: the guidance a real incident produces.
function incidentInputs(): IncidentInputs {
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
      load: { kind: "json", path: "o", value: { status: "succeeded", rollback_version: "1.0.0", rollback_reason: "r", npm_tag: "latest", action_count: 2, actions_executed: actions, verification: { all_verified: true } } },
    },
    npmActions: { kind: "text", path: "artifacts/npm/rollback_actions.txt", text: `${actions.join("\n")}\n` },
    inputArtifacts: { entries: [{ path: "artifacts/security_release_gate_report.json", sha256: "ab".repeat(32), size_bytes: 10, role: "gate_report" }], missing: [] },
    outputs: { traceability: "t", rollback_guidance: "g", incident_packet: "i", postmortem: "pm", artifact_index: "ai" },
    evidenceErrors: [],
  };
}

test("from assembleIncident's outputs: the real tag, failing gate, clocks, and deterministic bytes", () => {
  const inputs = incidentInputs();
  const a = assembleIncident(inputs);
  const input = { incident: a.packet, rollbackSafety: a.safety, traceability: a.traceability, npmRollback: inputs.npmOutcome.load.kind === "json" ? inputs.npmOutcome.load.value : null };
  const text = renderRollbackInstructions(input);
  assert.equal(renderRollbackInstructions(structuredClone(input)), text);
  assert.match(text, /^# Release Rollback Guidance — v1\.1\.0$/m);
  assert.match(text, /^Incident inc-v1\.1\.0-20260306T100000Z · SEV-1 · rollback default: mandatory · gate status: fail$/m);
  assert.match(text, /^- `artifacts\/security_release_gate_report\.json`: fail: SEC-BLOCK-01$/m);
  assert.match(text, /^flakewarden rollback npm --package @fwtest\/core --package @fwtest\/ui --to 1\.0\.0 --tag latest --reason inc-v1\.1\.0-20260306T100000Z --execute$/m);
  assert.match(text, /^- Acknowledge by: 2026-03-06 10:05:00Z$/m);
  assert.match(text, /^- Postmortem due: 2026-03-10 10:00:00Z$/m);
  assert.match(text, /^1\. Freeze the stable lane/m);
  assert.match(text, /`artifacts\/security_release_gate_report\.json` sha256 `(ab){32}`/);
  assert.match(text, /^- Command template \(plain text, not a command\): npm dist-tag add \\<package\\>@\\<known-good-version\\> \\<tag\\>$/m);
  assert.doesNotMatch(text, /&#x|&amp;|&quot;/);
  assert.ok(text.endsWith("\n") && !text.endsWith("\n\n"));
});

test("wrong types, naive timestamps and non-object inputs never crash: the values become TODOs", () => {
  const weird: RollbackInstructionsInput = {
    incident: { incident: { incident_id: 42, tag: ["v1"], severity: null, channel: 7 }, sla_clocks: { ack_due_utc: "2026-03-10T12:05:00", postmortem_due_utc: 5 }, communication_protocol: "x", artifact_index: "nope" },
    rollbackSafety: { gate_reports: "x", deterministic_repro_commands: [1, null, "ok cmd"], version: 130 },
    traceability: [],
    npmRollback: { packages: "@a/core", rollback_version: 123, npm_tag: {}, actions_executed: [5, "npm dist-tag add @a/x@1.0.0 latest"], results: [null, 3, { package: 9 }] },
    artifactIndex: { entries: [null, { path: 3 }, { path: "ok.json", sha256: 5 }] },
  };
  const text = renderRollbackInstructions(weird);
  for (const key of ["incident_id", "tag", "severity", "channel", "ack_due_utc", "postmortem_due_utc", "known_good_version", "npm_tag", "bad_version"]) assert.match(text, new RegExp(`TODO\\(${key}\\)`), key);
  assert.match(text, /`ok\.json` sha256 `not recorded`/);
  assert.deepEqual(blockAfter(text, /^## Reproduce$/m), ["ok cmd"]);
  // Packages fall back to the action lines when the list is not an array of strings.
  assert.match(text, /--package @a\/x /);
  for (const v of [null, undefined, 5, "text", []]) assert.match(renderRollbackInstructions({ incident: v, rollbackSafety: v, traceability: v, npmRollback: v, artifactIndex: v }), /^# Release Rollback Guidance — TODO\(tag\)/);
});
