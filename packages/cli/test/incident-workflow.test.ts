// The shipped release-incident workflow: the packet and its upload run on every outcome, and no
// expression is spliced into a shell line (the tag arrives through env).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { REPO_ROOT } from "./support/cli.ts";

const WORKFLOW = path.join(REPO_ROOT, "examples", "github-actions", "release-incident.yml");

test("forensics acceptance 34: example workflow runs incident and upload with always(), upload after incident, no ${{ in run:", () => {
  const doc = parse(fs.readFileSync(WORKFLOW, "utf8")) as { jobs: Record<string, { steps: Record<string, unknown>[] }> };
  const steps = Object.values(doc.jobs).flatMap((job) => job.steps);
  const incidentAt = steps.findIndex((s) => typeof s.run === "string" && /flakewarden incident --tag "\$RELEASE_TAG"/.test(s.run));
  const uploadAt = steps.findIndex((s) => typeof s.uses === "string" && s.uses.startsWith("actions/upload-artifact"));
  assert.ok(incidentAt >= 0, "an incident step");
  assert.ok(uploadAt > incidentAt, "the upload comes after the incident step");
  for (const at of [incidentAt, uploadAt]) assert.equal(steps[at]?.if, "${{ always() }}");
  const upload = steps[uploadAt]?.with as Record<string, unknown>;
  assert.equal(upload["if-no-files-found"], "warn");
  assert.match(String(upload.path), /artifacts\/wasm\/release\//);
  assert.match(String(upload.path), /artifacts\/npm\//);
  for (const s of steps) if (typeof s.run === "string") assert.equal(s.run.includes("${{"), false, s.run);
});
