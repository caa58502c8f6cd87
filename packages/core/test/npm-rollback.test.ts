// Pure decisions of `rollback npm` (forensics.md §4.8): versions, validation, registry answers,
// safety checks, command plan, unpublish eligibility and outcome status.
import assert from "node:assert/strict";
import test from "node:test";
import {
  classifyOutcome,
  compareSemver,
  isValidTag,
  parseDeprecatedView,
  parsePackageView,
  planRollback,
  unpublishEligibility,
  validateRollbackRequest,
  type PackageRead,
  type PackageView,
  type RollbackRequest,
} from "../src/index.ts";

const NOW = Date.parse("2026-03-06T10:00:00Z");

function request(extra: Partial<RollbackRequest> = {}): RollbackRequest {
  return { packages: ["@fwtest/core", "@fwtest/ui"], to: "1.0.0", tag: "latest", reason: "r", registry: null, deprecate: null, otp: null, ...extra };
}

function view(extra: Partial<PackageView> = {}): PackageView {
  return {
    versions: ["1.0.0", "1.1.0", "1.2.0-rc.1"],
    distTags: { latest: "1.1.0", next: "1.2.0-rc.1" },
    time: { "1.0.0": "2026-03-01T10:00:00.000Z", "1.1.0": "2026-03-06T09:00:00.000Z" },
    maintainerCount: null,
    ...extra,
  };
}

function read(v: PackageView = view(), deprecated: Record<string, string | null> = { "1.0.0": null, "1.1.0": null }): PackageRead {
  return { view: { ok: true, value: v }, deprecated: Object.fromEntries(Object.entries(deprecated).map(([k, d]) => [k, { ok: true, value: d }])) };
}

const run = (stdout: string, exitCode = 0) => ({ exitCode, stdout, timedOut: false, spawnError: null });

test("npm rollback: SemVer precedence follows the spec, prereleases below their release", () => {
  assert.equal(compareSemver("1.0.0", "1.1.0"), -1);
  assert.equal(compareSemver("1.2.0-rc.1", "1.2.0"), -1);
  assert.equal(compareSemver("1.2.0-rc.2", "1.2.0-rc.10"), -1);
  assert.equal(compareSemver("1.0.0-alpha", "1.0.0-alpha.1"), -1);
  assert.equal(compareSemver("1.0.0-beta", "1.0.0-alpha.1"), 1);
  assert.equal(compareSemver("10.0.0", "9.9.9"), 1);
  assert.equal(compareSemver("1.0.0", "1.0.0"), 0);
  assert.equal(compareSemver("v1.0.0", "1.0.0"), null);
});

test("npm rollback: tags that npm would read as versions or ranges are refused", () => {
  for (const tag of ["latest", "next", "canary-2", "beta.1", "Backport_1"]) assert.equal(isValidTag(tag), true, tag);
  for (const tag of ["x", "X", "v1", "V2.0", "x.1", "1.0", "", "-a", "a b"]) assert.equal(isValidTag(tag), false, tag);
});

test("npm rollback: validation drops repeated packages and keeps the reason verbatim", () => {
  const r = validateRollbackRequest({ packages: ["a", "b", "a"], to: "1.0.0", tag: "latest", reason: ` it's "bad" `, registry: undefined, deprecate: undefined, otp: undefined });
  assert.ok(r.ok);
  assert.deepEqual(r.value.packages, ["a", "b"]);
  assert.equal(r.value.reason, ` it's "bad" `);
  assert.equal(r.value.registry, null);
  const bad = validateRollbackRequest({ packages: ["a"], to: "1.0.0", tag: "latest", reason: "r\u0085", registry: undefined, deprecate: undefined, otp: undefined });
  assert.deepEqual(bad, { ok: false, problem: { kind: "bad_reason", problem: "contains a control character" } });
  const long = validateRollbackRequest({ packages: ["a"], to: "1.0.0", tag: "latest", reason: "😀".repeat(1000), registry: undefined, deprecate: undefined, otp: undefined });
  assert.ok(long.ok, "1000 code points (2000 UTF-16 units) is within the limit");
});

test("npm rollback: npm's JSON error becomes the read detail; a single version string is a list", () => {
  const failed = parsePackageView(run(JSON.stringify({ error: { code: "E404", summary: "Not Found - GET http://x/@fwtest%2fnope" } }), 1));
  assert.deepEqual(failed, { ok: false, detail: "E404: Not Found - GET http://x/@fwtest%2fnope" });
  assert.deepEqual(parsePackageView(run("not json")), { ok: false, detail: "npm printed no parsable JSON" });
  const one = parsePackageView(run(JSON.stringify({ versions: "1.0.0", "dist-tags": { latest: "1.0.0" }, maintainers: ["a <a@x>", { name: "b" }] })));
  assert.ok(one.ok);
  assert.deepEqual(one.value.versions, ["1.0.0"]);
  assert.equal(one.value.maintainerCount, 2);
  assert.deepEqual(parseDeprecatedView(run("")), { ok: true, value: null });
  assert.deepEqual(parseDeprecatedView(run('"gone"\n')), { ok: true, value: "gone" });
  assert.deepEqual(parseDeprecatedView({ exitCode: null, stdout: "", timedOut: true, spawnError: null }), { ok: false, detail: "npm timed out" });
});

test("npm rollback: the plan lists dist-tag moves, deprecations, then reads, with the OTP masked before --registry", () => {
  const plan = planRollback({
    request: request({ deprecate: "1.1.0", otp: "123456", registry: "http://127.0.0.1:4873", reason: "it's bad" }),
    reads: { "@fwtest/core": read(), "@fwtest/ui": read() },
    releaseSet: null,
    nowMs: NOW,
  });
  assert.equal(plan.status, "planned");
  assert.deepEqual(
    plan.commands.map((c) => c.display),
    [
      "npm dist-tag add @fwtest/core@1.0.0 latest --otp *** --registry http://127.0.0.1:4873",
      "npm dist-tag add @fwtest/ui@1.0.0 latest --otp *** --registry http://127.0.0.1:4873",
      "npm deprecate @fwtest/core@1.1.0 'it'\\''s bad' --otp *** --registry http://127.0.0.1:4873",
      "npm deprecate @fwtest/ui@1.1.0 'it'\\''s bad' --otp *** --registry http://127.0.0.1:4873",
      "npm view @fwtest/core dist-tags --json --registry http://127.0.0.1:4873",
      "npm view @fwtest/ui dist-tags --json --registry http://127.0.0.1:4873",
    ],
  );
  assert.ok(plan.commands.every((c) => c.argv[0] === "npm" && !c.argv.includes("123456")));
  assert.deepEqual(
    [...new Set(plan.safety_checks.map((c) => c.check_id))],
    ["registry_readable", "target_version_exists", "target_not_deprecated", "target_not_current_holder", "tag_channel_semantics", "rollback_direction", "monorepo_release_moved_together", "no_republish_same_semver", "deprecate_target_valid"],
  );
  assert.ok(plan.safety_checks.every((c) => c.status === "pass"), JSON.stringify(plan.safety_checks));
});

test("npm rollback: a failed read fails registry_readable, skips that package's other checks and blocks", () => {
  const plan = planRollback({
    request: request(),
    reads: { "@fwtest/core": read(), "@fwtest/ui": { view: { ok: false, detail: "E404: Not Found" }, deprecated: {} } },
    releaseSet: null,
    nowMs: NOW,
  });
  assert.equal(plan.status, "blocked");
  const ui = plan.safety_checks.filter((c) => c.package === "@fwtest/ui");
  assert.deepEqual(ui[0], { check_id: "registry_readable", package: "@fwtest/ui", status: "fail", detail: "E404: Not Found" });
  assert.ok(ui.slice(1).every((c) => c.status === "skip"));
});

test("npm rollback: a newer target or a missing tag warns; a target already in place needs no command", () => {
  const plan = planRollback({
    request: request({ to: "1.1.0", tag: "stable" }),
    reads: { "@fwtest/core": read(view({ distTags: { latest: "1.1.0", stable: "1.0.0" } })), "@fwtest/ui": read() },
    releaseSet: null,
    nowMs: NOW,
  });
  const direction = plan.safety_checks.filter((c) => c.check_id === "rollback_direction").map((c) => c.status);
  assert.deepEqual(direction, ["warn", "warn"]);
  assert.equal(plan.status, "planned");

  const inPlace = planRollback({ request: request({ to: "1.1.0" }), reads: { "@fwtest/core": read(), "@fwtest/ui": read() }, releaseSet: null, nowMs: NOW });
  assert.equal(inPlace.status, "noop");
  assert.deepEqual(inPlace.already_in_place, ["@fwtest/core", "@fwtest/ui"]);
  assert.deepEqual(inPlace.commands.map((c) => c.kind), ["verify", "verify"]);
  assert.deepEqual(inPlace.unpublish_eligibility, [], "no bad version: the holder is the target");
});

test("npm rollback: the monorepo check fails on a partial release set and warns on differing holders", () => {
  const partial = planRollback({ request: request(), reads: { "@fwtest/core": read(), "@fwtest/ui": read() }, releaseSet: ["@fwtest/ui", "@fwtest/core", "@fwtest/locked"], nowMs: NOW });
  assert.equal(partial.status, "blocked");
  const differing = planRollback({
    request: request(),
    reads: { "@fwtest/core": read(), "@fwtest/ui": read(view({ distTags: { latest: "1.0.5" }, versions: ["1.0.0", "1.0.5"] })) },
    releaseSet: ["@fwtest/ui", "@fwtest/core"],
    nowMs: NOW,
  });
  assert.equal(differing.safety_checks.find((c) => c.check_id === "monorepo_release_moved_together")?.status, "warn");
  assert.equal(differing.status, "planned");
});

test("npm rollback: --deprecate of an already deprecated version warns and is skipped; a missing one fails", () => {
  const plan = planRollback({
    request: request({ deprecate: "1.1.0" }),
    reads: { "@fwtest/core": read(view(), { "1.0.0": null, "1.1.0": "old news" }), "@fwtest/ui": read() },
    releaseSet: null,
    nowMs: NOW,
  });
  assert.deepEqual(plan.already_deprecated, ["@fwtest/core"]);
  assert.deepEqual(plan.commands.filter((c) => c.kind === "deprecate").map((c) => c.package), ["@fwtest/ui"]);
  const missing = planRollback({ request: request({ deprecate: "9.9.9" }), reads: { "@fwtest/core": read(), "@fwtest/ui": read() }, releaseSet: null, nowMs: NOW });
  assert.equal(missing.status, "blocked");
});

test("forensics acceptance 45: known owners at 100 h decide eligibility (core)", () => {
  const published = "2026-03-02T06:00:00.000Z"; // 100 h before NOW
  const v = (maintainerCount: number | null) => view({ time: { "1.1.0": published }, maintainerCount });
  const one = unpublishEligibility("@fwtest/core", "1.1.0", v(1), NOW);
  assert.equal(one.age_hours, 100);
  assert.equal(one.within_72h, false);
  assert.equal(one.owner_count, 1);
  assert.equal(one.single_owner, true);
  assert.equal(one.eligibility, "requires_no_dependents_and_lt_300_weekly_downloads");
  const two = unpublishEligibility("@fwtest/core", "1.1.0", v(2), NOW);
  assert.equal(two.eligibility, "not_eligible");
  assert.equal(two.single_owner, false);
  const unknown = unpublishEligibility("@fwtest/core", "1.1.0", v(null), NOW);
  assert.equal(unknown.eligibility, "requires_single_owner_no_dependents_and_lt_300_weekly_downloads");
  const fresh = unpublishEligibility("@fwtest/core", "1.1.0", view(), NOW);
  assert.equal(fresh.age_hours, 1);
  assert.equal(fresh.eligibility, "eligible_if_no_dependents");
  const noTime = unpublishEligibility("@fwtest/core", "1.1.0", view({ time: {} }), NOW);
  assert.deepEqual([noTime.published_at, noTime.age_hours, noTime.within_72h], [null, null, null]);
});

test("npm rollback: outcome status, first rule that applies", () => {
  assert.equal(classifyOutcome({ mutatingPlanned: false, mutatingExitCodes: [], allVerified: true }), "noop");
  assert.equal(classifyOutcome({ mutatingPlanned: false, mutatingExitCodes: [], allVerified: false }), "failed");
  assert.equal(classifyOutcome({ mutatingPlanned: true, mutatingExitCodes: [0, 0], allVerified: true }), "succeeded");
  assert.equal(classifyOutcome({ mutatingPlanned: true, mutatingExitCodes: [0, 0], allVerified: false }), "partial_failure");
  assert.equal(classifyOutcome({ mutatingPlanned: true, mutatingExitCodes: [1, null], allVerified: false }), "failed");
  assert.equal(classifyOutcome({ mutatingPlanned: true, mutatingExitCodes: [0, 1], allVerified: false }), "partial_failure");
});
