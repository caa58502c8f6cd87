// reports.md acceptance 31: `flakewarden incident` and the report site write the same rollback_instructions.md,
// both being renderRollbackInstructions on the same artifacts.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { renderRollbackInstructions } from "@flakewarden/report";
import { assertNoCrash, read, runCli, write } from "./support/cli.ts";
import { incident, NOW, OUT, tree } from "./support/incident.ts";
import process from "node:process";

const ACTIONS = ["npm dist-tag add @a/core@1.2.3 latest", "npm dist-tag add @a/web@1.2.3 latest"];

/** An incident tree with an npm outcome (under artifacts/, so the report's --in sees it too). */
function incidentTree(): string {
  return tree(undefined, {
    "artifacts/npm/rollback_actions.txt": `${ACTIONS.join("\n")}\n`,
    "artifacts/npm/rollback_outcome.json": {
      schema_version: "npm-rollback-outcome-v1",
      rollback_version: "1.2.3",
      rollback_reason: "it's \"bad\" $(id)",
      npm_tag: "latest",
      actions_executed: ACTIONS,
      action_count: 2,
      generated_at_utc: "2026-03-06T09:30:00.000Z",
      registry: null,
      packages: ["@a/core", "@a/web"],
      status: "succeeded",
      results: [
        { package: "@a/core", previous_holder: "1.4.0", status: "moved", exit_code: 0, stderr_tail: "" },
        { package: "@a/web", previous_holder: "1.4.0", status: "moved", exit_code: 0, stderr_tail: "" },
      ],
      verification: { all_verified: true, packages: [] },
    },
  });
}

const json = (root: string, rel: string): unknown => JSON.parse(read(root, rel));

test("acceptance 31: incident's rollback_instructions.md equals renderRollbackInstructions on its artifacts and the site's file", async () => {
  const root = incidentTree();
  const r = await incident(root);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  const written = read(root, `${OUT}/rollback_instructions.md`);
  assert.match(written, /^flakewarden rollback npm --package @a\/core --package @a\/web --to 1\.2\.3 --tag latest --reason inc-v1\.4\.0-20260306T100000Z$/m);

  const rendered = renderRollbackInstructions({
    incident: json(root, `${OUT}/incident_response_packet.json`),
    rollbackSafety: json(root, `${OUT}/rollback_safety_report.json`),
    traceability: json(root, `${OUT}/release_traceability.json`),
    npmRollback: json(root, "artifacts/npm/rollback_outcome.json"),
    artifactIndex: json(root, `${OUT}/artifact_index.json`),
  });
  assert.equal(written, rendered);

  const site = await runCli(root, ["report", "--in", "artifacts", "--out", "site", "--now", NOW]);
  assertNoCrash(site);
  assert.equal(site.code, 0, site.stderr);
  const inSite = fs.readFileSync(path.join(root, "site", "rollback_instructions.md"), "utf8");
  const at = written.split("\n").findIndex((line, i) => line !== inSite.split("\n")[i]);
  assert.equal(inSite, written, `first difference at line ${at + 1}`);
  assert.ok(fs.existsSync(path.join(root, "site", "rollback_instructions.html")));
  assert.ok(fs.existsSync(path.join(root, "site", "incident.md")) && fs.existsSync(path.join(root, "site", "postmortem.html")));
});

test("acceptance 31: rendering is deterministic: a second incident run writes the same bytes", async () => {
  const root = incidentTree();
  assert.equal((await incident(root)).code, 0);
  const first = read(root, `${OUT}/rollback_instructions.md`);
  write(root, "unrelated.txt", "x");
  assert.equal((await incident(root)).code, 0);
  assert.equal(read(root, `${OUT}/rollback_instructions.md`), first);
});

/** A minimal npm for dry runs: two published versions, `latest` on 1.1.0, nothing deprecated. */
function fakeNpmBin(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fw-npm-"));
  const script = path.join(dir, "npm.mjs");
  fs.writeFileSync(
    script,
    `const [cmd, spec, ...rest] = process.argv.slice(2);
if (cmd === "view" && rest[0] === "--json") { process.stdout.write(JSON.stringify({ name: spec, versions: ["1.0.0", "1.1.0"], "dist-tags": { latest: "1.1.0" }, time: {} })); process.exit(0); }
if (cmd === "view" && rest[0] === "deprecated") process.exit(0);
process.exit(1);
`,
  );
  const bin = path.join(dir, "npm");
  fs.writeFileSync(bin, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(script)} "$@"\n`, { mode: 0o755 });
  return bin;
}

test("rollback npm dry run: rollback_instructions.md comes from the same renderer, with this tag, version and each package planned", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "fw-rb-"));
  const r = await runCli(root, ["rollback", "npm", "--package", "@a/core", "--package", "@a/web", "--to", "1.0.0", "--tag", "latest", "--reason", "it's $(id)", "--out", "npm-out", "--now", NOW], { env: { FLAKEWARDEN_NPM: fakeNpmBin() } });
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  const text = read(root, "npm-out/rollback_instructions.md");
  assert.equal(
    text,
    renderRollbackInstructions({
      npmRollback: {
        rollback_version: "1.0.0",
        rollback_reason: "it's $(id)",
        npm_tag: "latest",
        actions_executed: [],
        action_count: 0,
        registry: null,
        packages: ["@a/core", "@a/web"],
        status: "planned",
        results: ["@a/core", "@a/web"].map((p) => ({ package: p, status: "planned", exit_code: null })),
      },
    }),
  );
  assert.match(text, /^flakewarden rollback npm --package @a\/core --package @a\/web --to 1\.0\.0 --tag latest --reason 'it'\\''s \$\(id\)'$/m);
  assert.match(text, /already executed: 0 actions, status planned/);
  assert.match(text, /^\| `@a\/web` \| planned \| none \| not verified \|$/m);
  assert.doesNotMatch(text, /hard-coded|<known-good/);
});

test("rollback npm: an invalid request reaches no renderer: exit 2 and no instructions file", async () => {
  // Invalid requests never reach the renderer: exit 2 and no instructions file.
  const root = incidentTree();
  const bad = await runCli(root, ["rollback", "npm", "--package", "Bad Name", "--to", "1.2.3", "--reason", "r", "--out", "npm-out"]);
  assertNoCrash(bad);
  assert.equal(bad.code, 2);
  assert.equal(fs.existsSync(path.join(root, "npm-out", "rollback_instructions.md")), false);
});
