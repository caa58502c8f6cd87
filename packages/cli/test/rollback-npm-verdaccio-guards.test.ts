// `rollback npm` against a real Verdaccio and the real npm client: the guards (forensics.md §8, items 40–46).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test, { after, before } from "node:test";
import { assertNoCrash, runCli, tempDir, write } from "./support/cli.ts";
import { CORE_UI, rollback as rollbackOn, safetyCheck as check } from "./support/rollback-run.ts";
import { distTags, npmAs, publishTimes, startRegistry, type TestRegistry } from "./support/verdaccio.ts";

let registry: TestRegistry;

before(async () => {
  registry = await startRegistry();
});

after(async () => {
  await registry?.stop();
});

const rollback = (args: string[], options: Parameters<typeof rollbackOn>[2] = {}) => rollbackOn(registry, args, options);

test("forensics acceptance 40: a deprecated target is refused", async () => {
  registry.restore();
  await npmAs(registry, registry.adminConfig, ["deprecate", "@fwtest/core@1.0.0", "withdrawn by the test"]);
  const r = await rollback(["--registry", registry.url, "--package", "@fwtest/core", "--to", "1.0.0", "--reason", "r", "--execute"], { restore: false });
  assert.equal(r.code, 1);
  assert.equal(r.outcome.status, "blocked");
  const c = check(r.outcome, "target_not_deprecated", "@fwtest/core");
  assert.equal(c.status, "fail");
  assert.match(c.detail, /withdrawn by the test/);
  assert.equal((await distTags(registry, "@fwtest/core")).latest, "1.1.0");
});

test("forensics acceptance 41: running the same rollback again is a noop", async () => {
  const args = ["--registry", registry.url, ...CORE_UI, "--to", "1.0.0", "--tag", "latest", "--reason", "r", "--execute"];
  // The registry as (36) leaves it: latest already at 1.0.0 in both packages.
  registry.restore();
  await Promise.all(["@fwtest/core", "@fwtest/ui"].map((p) => npmAs(registry, registry.adminConfig, ["dist-tag", "add", `${p}@1.0.0`, "latest"])));
  const second = await rollback(args, { restore: false });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.outcome.status, "noop");
  assert.equal(second.outcome.action_count, 0);
  assert.equal(check(second.outcome, "target_not_current_holder", "@fwtest/core").status, "warn");
  assert.deepEqual(
    second.outcome.results.map((x: any) => x.status),
    ["already_in_place", "already_in_place"],
  );
});

test("forensics acceptance 42: latest never points to a prerelease; other tags may leave one", async () => {
  const blocked = await rollback(["--registry", registry.url, ...CORE_UI, "--to", "1.2.0-rc.1", "--tag", "latest", "--reason", "r", "--execute"]);
  assert.equal(blocked.code, 1);
  assert.equal(blocked.outcome.status, "blocked");
  assert.equal(check(blocked.outcome, "tag_channel_semantics", "@fwtest/core").status, "fail");

  const moved = await rollback(["--registry", registry.url, ...CORE_UI, "--to", "1.0.0", "--tag", "next", "--reason", "r", "--execute"]);
  assert.equal(moved.code, 0, moved.stderr);
  assert.equal(moved.outcome.status, "succeeded");
  assert.equal(check(moved.outcome, "tag_channel_semantics", "@fwtest/core").status, "warn");
  assert.equal((await distTags(registry, "@fwtest/core")).next, "1.0.0");
  assert.equal((await distTags(registry, "@fwtest/ui")).next, "1.0.0");
});

test("forensics acceptance 44: without a token npm whoami fails and the rollback aborts", async () => {
  const r = await rollback(["--registry", registry.url, ...CORE_UI, "--to", "1.0.0", "--reason", "r", "--execute"], { userconfig: registry.anonymousConfig });
  assert.equal(r.code, 1);
  assertNoCrash(r);
  assert.equal(r.stdout, "");
  assert.equal(r.outcome.status, "aborted");
  assert.equal(r.outcome.verification, null);
  assert.equal(r.outcome.action_count, 0);
  assert.deepEqual(
    r.outcome.results.map((x: any) => x.status),
    ["not_attempted", "not_attempted"],
  );
  assert.match(r.stderr, /^npm whoami failed, nothing was moved: /m);
  assert.equal((await distTags(registry, "@fwtest/core")).latest, "1.1.0");
});

test("forensics acceptance 45: unpublish eligibility of the bad version from the registry's publish time", async () => {
  registry.restore();
  const view = await publishTimes(registry, "@fwtest/core");
  const published = view["1.1.0"] as string;
  const oneHourLater = new Date(Date.parse(published) + 3_600_000).toISOString();
  const cwd = tempDir("fw-rollback-");
  const r = await runCli(cwd, ["rollback", "npm", "--now", oneHourLater, "--out", "out", "--registry", registry.url, "--package", "@fwtest/core", "--to", "1.0.0", "--reason", "r"], {
    env: registry.env(registry.operatorConfig),
  });
  assert.equal(r.code, 0, r.stderr);
  const plan = JSON.parse(fs.readFileSync(path.join(cwd, "out", "rollback_plan.json"), "utf8"));
  const row = plan.unpublish_eligibility.find((x: any) => x.version === "1.1.0");
  assert.equal(row.published_at, published);
  assert.equal(row.age_hours, 1);
  assert.equal(row.within_72h, true);
  assert.equal(row.owner_count, null);
  assert.equal(row.single_owner, null);
  assert.equal(row.eligibility, "eligible_if_no_dependents");
  assert.equal(row.recommendation, "deprecate");
  assert.equal(row.dependents_count, null);
  assert.equal(row.weekly_downloads, null);
});

test("forensics acceptance 46: a configured release set must move together", async () => {
  const cwd = tempDir("fw-rollback-");
  write(cwd, "flakewarden.json", { rollback: { npm: { packages: ["@fwtest/core", "@fwtest/ui", "@fwtest/locked"], registry: registry.url } } });
  const r = await rollback([...CORE_UI, "--to", "1.0.0", "--reason", "r", "--execute"], { cwd });
  assert.equal(r.code, 1);
  assert.equal(r.outcome.status, "blocked");
  assert.equal(r.outcome.registry, registry.url, "the registry comes from the config");
  assert.equal(check(r.outcome, "monorepo_release_moved_together").status, "fail");
  assert.equal((await distTags(registry, "@fwtest/core")).latest, "1.1.0");
});
