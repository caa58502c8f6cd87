// `flakewarden schema` and the committed JSON Schemas (gate.md §7 item 4, §8 item 39).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { Dashboard, Policy, QuarantineManifest, TIMESTAMP_PATTERN } from "@flakewarden/core";
import { assertNoCrash, entry, fixture, manifest, referencePolicy, REPO_ROOT, runCli, tempDir, write } from "./support/cli.ts";

const COMMITTED = path.join(REPO_ROOT, "schemas");
const NAMES = [
  "sem-variance-dashboard-v1.schema.json",
  "wasm-flake-governance-event-v1.schema.json",
  "wasm-flake-governance-policy-v1.schema.json",
  "wasm-flake-governance-report-v1.schema.json",
  "wasm-flake-quarantine-v1.schema.json",
];
const CANONICAL_FIELDS = [
  "id",
  "suite",
  "severity",
  "status",
  "owner",
  "opened_at_utc",
  "sla_hours",
  "replay_command",
  "trace_pointer",
  "reactivation_criteria",
];

function committed(name: string): string {
  return fs.readFileSync(path.join(COMMITTED, name), "utf8");
}

function committedSchema(name: string): any {
  return JSON.parse(committed(name));
}

/**
 * A validator for exactly the JSON Schema keywords our generated schemas use. Any other keyword
 * throws, so a schema that grows a construct this cannot check fails loudly instead of passing.
 * (No dependency is added for this; see the zod checks beside each use.)
 */
const ANNOTATIONS = new Set(["$schema", "title", "description", "default"]);

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    case "array":
      return Array.isArray(v);
    case "string":
      return typeof v === "string";
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "boolean":
      return typeof v === "boolean";
    case "null":
      return v === null;
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

function validate(schema: any, v: unknown, where = "$"): string[] {
  if (schema === true || (typeof schema === "object" && schema !== null && Object.keys(schema).length === 0)) return [];
  if (schema === false) return [`${where}: not allowed`];
  const errors: string[] = [];
  const s = schema as Record<string, any>;
  for (const key of Object.keys(s)) {
    if (ANNOTATIONS.has(key)) continue;
    const k = s[key];
    switch (key) {
      case "type": {
        const types: string[] = Array.isArray(k) ? k : [k];
        if (!types.some((t) => typeOk(t, v))) return [`${where}: expected ${types.join("|")}`];
        break;
      }
      case "enum":
        if (!(k as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(v))) errors.push(`${where}: not in enum`);
        break;
      case "const":
        if (JSON.stringify(k) !== JSON.stringify(v)) errors.push(`${where}: not the const`);
        break;
      case "pattern":
        if (typeof v === "string" && !new RegExp(k, "u").test(v)) errors.push(`${where}: does not match ${k}`);
        break;
      case "minLength":
        if (typeof v === "string" && Array.from(v).length < k) errors.push(`${where}: shorter than ${k}`);
        break;
      case "minItems":
        if (Array.isArray(v) && v.length < k) errors.push(`${where}: fewer than ${k} items`);
        break;
      case "minimum":
        if (typeof v === "number" && !(v >= k)) errors.push(`${where}: below ${k}`);
        break;
      case "maximum":
        if (typeof v === "number" && !(v <= k)) errors.push(`${where}: above ${k}`);
        break;
      case "exclusiveMinimum":
        if (typeof v === "number" && !(v > k)) errors.push(`${where}: not above ${k}`);
        break;
      case "items":
        if (Array.isArray(v)) v.forEach((item, i) => errors.push(...validate(k, item, `${where}[${i}]`)));
        break;
      case "required":
        if (typeOk("object", v)) {
          for (const name of k as string[]) if (!(name in (v as object))) errors.push(`${where}: missing ${name}`);
        }
        break;
      case "properties":
        if (typeOk("object", v)) {
          for (const [name, sub] of Object.entries(k as Record<string, unknown>)) {
            if (name in (v as object)) errors.push(...validate(sub, (v as Record<string, unknown>)[name], `${where}.${name}`));
          }
        }
        break;
      case "additionalProperties":
        if (typeOk("object", v)) {
          const known = new Set(Object.keys(s.properties ?? {}));
          for (const [name, value] of Object.entries(v as Record<string, unknown>)) {
            if (!known.has(name)) errors.push(...validate(k, value, `${where}.${name}`));
          }
        }
        break;
      case "propertyNames":
        if (typeOk("object", v)) for (const name of Object.keys(v as object)) errors.push(...validate(k, name, `${where} key ${name}`));
        break;
      case "anyOf":
        if (!(k as unknown[]).some((sub) => validate(sub, v, where).length === 0)) errors.push(`${where}: matches no anyOf branch`);
        break;
      default:
        throw new Error(`validator does not support the keyword ${key} (at ${where})`);
    }
  }
  return errors;
}

function goodEntry(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return entry("Q-1", "medium", "open", "2026-03-10T00:00:00Z", 168, extra);
}

function manifestVerdicts(m: unknown): { zod: boolean; jsonSchema: string[] } {
  return {
    zod: QuarantineManifest.safeParse(m).success,
    jsonSchema: validate(committedSchema("wasm-flake-quarantine-v1.schema.json"), m),
  };
}

test("item 39: a fresh `schema --out` equals the committed schemas byte for byte", async () => {
  const cwd = tempDir();
  const r = await runCli(cwd, ["schema", "--out", "out"]);
  assert.equal(r.code, 0, r.stderr);
  assertNoCrash(r);
  const generated = fs.readdirSync(path.join(cwd, "out")).sort();
  assert.deepEqual(generated, NAMES);
  for (const name of NAMES) {
    const fresh = fs.readFileSync(path.join(cwd, "out", name), "utf8");
    assert.equal(fresh, committed(name), `${name} differs from schemas/${name}: run \`npm run schemas\``);
  }
});

test("item 39: the committed schema folder holds exactly the five §7 item 4 schemas", () => {
  assert.deepEqual(fs.readdirSync(COMMITTED).filter((n) => n.endsWith(".schema.json")).sort(), NAMES);
});

test("schema --out with an absolute directory writes the same bytes there", async () => {
  const cwd = tempDir();
  const out = path.join(tempDir(), "nested", "schemas");
  const r = await runCli(cwd, ["schema", "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  for (const name of NAMES) assert.equal(fs.readFileSync(path.join(out, name), "utf8"), committed(name), name);
  assert.deepEqual(fs.readdirSync(cwd), []);
});

test("schema files are draft 2020-12, 2-space JSON with a trailing newline", () => {
  for (const name of NAMES) {
    const text = committed(name);
    const value = JSON.parse(text);
    assert.equal(text, `${JSON.stringify(value, null, 2)}\n`, name);
    assert.equal(value.$schema, "https://json-schema.org/draft/2020-12/schema", name);
    assert.equal(value.type, "object", name);
  }
});

test("schema without --out → exit 2, one ERROR line, nothing on stdout", async () => {
  const cwd = tempDir();
  const r = await runCli(cwd, ["schema"]);
  assert.equal(r.code, 2);
  assertNoCrash(r);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "ERROR: missing required option --out\n");
  assert.deepEqual(fs.readdirSync(cwd), []);
});

test("schema --out that cannot be written → exit 2, no stack", async () => {
  const cwd = tempDir();
  write(cwd, "blocker", "a file, not a directory\n");
  const r = await runCli(cwd, ["schema", "--out", "blocker"]);
  assert.equal(r.code, 2);
  assertNoCrash(r);
  assert.match(r.stderr, /^ERROR: cannot write blocker\/[a-z0-9-]+\.schema\.json: /);
  const empty = await runCli(cwd, ["schema", "--out", ""]);
  assert.equal(empty.code, 2);
  assertNoCrash(empty);
});

test("item 39: the reference policy validates (zod and the published JSON Schema)", () => {
  const policy = referencePolicy();
  const parsed = Policy.safeParse(policy);
  assert.equal(parsed.success, true, parsed.success ? "" : JSON.stringify(parsed.error.issues));
  assert.deepEqual(validate(committedSchema("wasm-flake-governance-policy-v1.schema.json"), policy), []);
});

test("the policy JSON Schema encodes §3.1: schema_version const, statuses enum, sla targets", () => {
  const schema = committedSchema("wasm-flake-governance-policy-v1.schema.json");
  assert.equal(schema.title, "wasm-flake-governance-policy-v1");
  assert.equal(schema.properties.schema_version.const, "wasm-flake-governance-policy-v1");
  assert.deepEqual(schema.required, ["schema_version", "detection", "quarantine", "quality_thresholds", "sla_targets_hours", "forensics_playbook", "output"]);
  const statuses = schema.properties.quarantine.properties.statuses;
  assert.equal(statuses.type, "array");
  assert.deepEqual(statuses.items.enum, ["open", "resolved", "reactivated"]);
  assert.deepEqual(statuses.default, ["open", "resolved", "reactivated"]);
  const sla = schema.properties.sla_targets_hours;
  assert.deepEqual(Object.keys(sla.properties), ["critical", "high", "medium", "low"]);
  assert.equal(sla.properties.high.type, "integer");
  assert.equal(sla.properties.high.exclusiveMinimum, 0);
  // Unknown keys are informational in the policy (scope, bead, release_blocking_conditions, …).
  assert.deepEqual(schema.additionalProperties, {});
  // Defaults of §3.1 are published as input defaults, not requirements.
  assert.equal(schema.properties.output.properties.report_path.default, "artifacts/wasm_flake_governance_report.json");
  assert.deepEqual(schema.properties.output.required ?? [], []);
});

test("policies that break §3.1 fail both zod and the JSON Schema", () => {
  const schema = committedSchema("wasm-flake-governance-policy-v1.schema.json");
  const bad: [string, Record<string, unknown>][] = [
    ["schema_version v0", { ...referencePolicy(), schema_version: "v0" }],
    ["unknown severity target", { ...referencePolicy(), sla_targets_hours: { urgent: 5 } }],
    ["non-integer target", { ...referencePolicy(), sla_targets_hours: { high: 7.5 } }],
    ["string threshold", { ...referencePolicy(), quality_thresholds: { ...referencePolicy().quality_thresholds, max_flake_rate_pct: "0" } }],
  ];
  for (const [name, policy] of bad) {
    assert.equal(Policy.safeParse(policy).success, false, `zod accepted ${name}`);
    assert.notDeepEqual(validate(schema, policy), [], `JSON Schema accepted ${name}`);
  }
});

test("the manifest JSON Schema encodes §3.3: statuses enum, integer sla_hours, timestamp pattern, canonical required fields", () => {
  const schema = committedSchema("wasm-flake-quarantine-v1.schema.json");
  assert.equal(schema.title, "wasm-flake-quarantine-v1");
  assert.equal(schema.properties.entries.type, "array");
  const item = schema.properties.entries.items;
  assert.deepEqual(item.properties.status.enum, ["open", "resolved", "reactivated"]);
  assert.deepEqual(item.properties.severity.enum, ["critical", "high", "medium", "low"]);
  assert.equal(item.properties.sla_hours.type, "integer");
  assert.equal(item.properties.sla_hours.exclusiveMinimum, 0);
  for (const field of ["opened_at_utc", "resolved_at_utc", "reactivated_at_utc"]) {
    assert.equal(item.properties[field].type, "string", field);
    assert.equal(item.properties[field].pattern, TIMESTAMP_PATTERN, field);
  }
  assert.equal(item.properties.reactivation_evidence.type, "array");
  assert.deepEqual(item.required, CANONICAL_FIELDS);
  // Additional properties are allowed on the entry and at the root (e.g. `$schema`).
  assert.deepEqual(item.additionalProperties, {});
  assert.deepEqual(schema.additionalProperties, {});
  assert.deepEqual(schema.required, ["schema_version"]);
});

test("item 39: a good manifest entry passes the manifest schema", () => {
  assert.deepEqual(manifestVerdicts(manifest([goodEntry()])), { zod: true, jsonSchema: [] });
  assert.deepEqual(manifestVerdicts(manifest([])), { zod: true, jsonSchema: [] });
  // Optional fields and unknown keys, as written by resolve/reactivate and by users.
  const full = goodEntry({
    status: "reactivated",
    resolved_at_utc: "2026-03-10T06:00:00Z",
    notes: { root_cause: "timer race", fix_ref: "PR#12" },
    reactivated_at_utc: "2026-03-10T10:00:01.000Z",
    reactivation_evidence: [{ attempt_id: "ra-1" }],
    seed: 4242,
    custom_key: ["kept"],
  });
  assert.deepEqual(manifestVerdicts({ $schema: "./schemas/wasm-flake-quarantine-v1.schema.json", ...manifest([full]) }), {
    zod: true,
    jsonSchema: [],
  });
  assert.deepEqual(manifestVerdicts(manifest([goodEntry({ notes: "legacy note" })])), { zod: true, jsonSchema: [] });
});

test("item 39: sla_hours \"x\" fails the manifest schema", () => {
  const v = manifestVerdicts(manifest([goodEntry({ sla_hours: "x" })]));
  assert.equal(v.zod, false);
  assert.deepEqual(v.jsonSchema, ["$.entries[0].sla_hours: expected integer"]);
});

test("item 39: status closed fails the manifest schema", () => {
  const v = manifestVerdicts(manifest([goodEntry({ status: "closed" })]));
  assert.equal(v.zod, false);
  assert.deepEqual(v.jsonSchema, ["$.entries[0].status: not in enum"]);
});

test("other §3.3 violations fail both zod and the JSON Schema", () => {
  const cases: [string, unknown][] = [
    ["sla_hours 0", manifest([goodEntry({ sla_hours: 0 })])],
    ["sla_hours 1.5", manifest([goodEntry({ sla_hours: 1.5 })])],
    ["sla_hours true", manifest([goodEntry({ sla_hours: true })])],
    ["severity urgent", manifest([goodEntry({ severity: "urgent" })])],
    ["naive opened_at_utc", manifest([goodEntry({ opened_at_utc: "2026-03-01T00:00:00" })])],
    ["blank trace_pointer", manifest([goodEntry({ trace_pointer: "" })])],
    ["missing owner", manifest([Object.fromEntries(Object.entries(goodEntry()).filter(([k]) => k !== "owner"))])],
    ["notes with a number", manifest([goodEntry({ notes: { fix_ref: 12 } })])],
    ["entries not an array", { schema_version: "wasm-flake-quarantine-v1", entries: {} }],
  ];
  for (const [name, m] of cases) {
    const v = manifestVerdicts(m);
    assert.equal(v.zod, false, `zod accepted ${name}`);
    assert.notDeepEqual(v.jsonSchema, [], `JSON Schema accepted ${name}`);
  }
});

test("the reference dashboards validate against the dashboard schema (zod and JSON Schema)", () => {
  const schema = committedSchema("sem-variance-dashboard-v1.schema.json");
  for (const name of ["variance_dashboard_pass.json", "variance_dashboard_fail.json"]) {
    const dashboard = JSON.parse(fixture(`reference-gate/${name}`));
    assert.equal(Dashboard.safeParse(dashboard).success, true, name);
    assert.deepEqual(validate(schema, dashboard), [], name);
  }
  // `unstable` must be a boolean (gate.md §6 item 5): "false" is malformed.
  const bad = { schema_version: "sem-variance-dashboard-v1", suites: [{ suite: "s", unstable: "false" }] };
  assert.equal(Dashboard.safeParse(bad).success, false);
  assert.deepEqual(validate(schema, bad), ["$.suites[0].unstable: expected boolean"]);
});

test("the test validator rejects keywords it does not implement", () => {
  assert.throws(() => validate({ $ref: "#/x" }, {}), /does not support the keyword \$ref/);
  assert.deepEqual(validate({ type: "integer" }, 72.0), []);
  assert.deepEqual(validate({ type: "integer" }, 1.5), ["$: expected integer"]);
});
