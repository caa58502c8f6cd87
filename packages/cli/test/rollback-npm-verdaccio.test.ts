// `rollback npm` against a real Verdaccio and the real npm client: the main paths (forensics.md §8, items 35–39).
import assert from "node:assert/strict";
import fs from "node:fs";
import test, { after, before } from "node:test";
import { assertNoCrash } from "./support/cli.ts";
import { CORE_UI, rollback as rollbackOn, safetyCheck as check } from "./support/rollback-run.ts";
import { deprecation, distTags, distTagsViaNpm, startRegistry, type TestRegistry } from "./support/verdaccio.ts";

let registry: TestRegistry;

before(async () => {
  registry = await startRegistry();
});

after(async () => {
  await registry?.stop();
});

const rollback = (args: string[], options: Parameters<typeof rollbackOn>[2] = {}) => rollbackOn(registry, args, options);

test("forensics acceptance 35: a dry run prints exactly the ordered commands and changes nothing", async () => {
  const r = await rollback(["--registry", registry.url, ...CORE_UI, "--to", "1.0.0", "--tag", "latest", "--reason", "r"]);
  assert.equal(r.code, 0, r.stderr);
  const u = registry.url;
  assert.equal(
    r.stdout,
    [
      `npm dist-tag add @fwtest/core@1.0.0 latest --registry ${u}`,
      `npm dist-tag add @fwtest/ui@1.0.0 latest --registry ${u}`,
      `npm view @fwtest/core dist-tags --json --registry ${u}`,
      `npm view @fwtest/ui dist-tags --json --registry ${u}`,
      "",
    ].join("\n"),
  );
  assert.match(r.stderr, /^rollback npm: planned \(dry run\)$/m);
  assert.equal(r.plan.mode, "dry_run");
  assert.equal(r.plan.status, "planned");
  assert.equal(r.outcome, null);
  assert.equal(r.actions, null);
  assert.equal((await distTagsViaNpm(registry, "@fwtest/core")).latest, "1.1.0");
  assert.equal((await distTagsViaNpm(registry, "@fwtest/ui")).latest, "1.1.0");
});

test("forensics acceptance 36: --execute moves latest in both packages and verifies it", async () => {
  const r = await rollback(["--registry", registry.url, ...CORE_UI, "--to", "1.0.0", "--tag", "latest", "--reason", "r", "--execute"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.outcome.status, "succeeded");
  assert.equal(r.outcome.action_count, 2);
  assert.equal(r.outcome.verification.all_verified, true);
  assert.deepEqual(
    r.outcome.results.map((x: any) => [x.package, x.previous_holder, x.status, x.exit_code]),
    [
      ["@fwtest/core", "1.1.0", "moved", 0],
      ["@fwtest/ui", "1.1.0", "moved", 0],
    ],
  );
  assert.equal(
    r.actions,
    `npm dist-tag add @fwtest/core@1.0.0 latest --registry ${registry.url}\nnpm dist-tag add @fwtest/ui@1.0.0 latest --registry ${registry.url}\n`,
  );
  assert.deepEqual(r.outcome.actions_executed, r.actions?.trim().split("\n"));
  assert.equal((await distTagsViaNpm(registry, "@fwtest/core")).latest, "1.0.0");
  assert.equal((await distTagsViaNpm(registry, "@fwtest/ui")).latest, "1.0.0");
  assert.match(r.stderr, /^rollback npm: succeeded$/m);
  // The instructions (the one rollback guidance renderer, reports.md §4.8) name this tag, version and registry,
  // and say what happened to each package.
  const instructions = fs.readFileSync(`${r.out}/rollback_instructions.md`, "utf8");
  const cmd = `flakewarden rollback npm --package @fwtest/core --package @fwtest/ui --to 1.0.0 --tag latest --reason r --registry ${registry.url}`;
  assert.ok(instructions.includes(`\`\`\`sh\n${cmd}\n${cmd} --execute\n\`\`\`\n`), instructions);
  assert.match(instructions, /already executed: 2 actions, status succeeded/);
  assert.ok(instructions.includes(`npm dist-tag add @fwtest/core@1.0.0 latest --registry ${registry.url}\n`), instructions);
  assert.match(instructions, /^\| `@fwtest\/core` \| moved \(exit 0\) \| none \| verified \(observed 1\.0\.0\) \|$/m);
  assert.match(instructions, /^\| `@fwtest\/ui` \| moved \(exit 0\) \| none \| verified \(observed 1\.0\.0\) \|$/m);
});

test("forensics acceptance 37: a package the operator may not move fails alone and the outcome records the partial failure", async () => {
  const r = await rollback(["--registry", registry.url, ...CORE_UI, "--package", "@fwtest/locked", "--to", "1.0.0", "--reason", "r", "--execute", "--verify-attempts", "1"]);
  assert.equal(r.code, 1, r.stderr);
  assertNoCrash(r);
  assert.equal(r.outcome.status, "partial_failure");
  const byPkg = Object.fromEntries(r.outcome.results.map((x: any) => [x.package, x]));
  assert.equal(byPkg["@fwtest/core"].status, "moved");
  assert.equal(byPkg["@fwtest/ui"].status, "moved");
  assert.equal(byPkg["@fwtest/locked"].status, "failed");
  assert.notEqual(byPkg["@fwtest/locked"].exit_code, 0);
  assert.match(byPkg["@fwtest/locked"].stderr_tail, /403|not allowed/);
  assert.ok(r.outcome.actions_executed.includes(`npm dist-tag add @fwtest/locked@1.0.0 latest --registry ${registry.url}`));
  assert.equal(r.outcome.action_count, 3);
  const locked = r.outcome.verification.packages.find((v: any) => v.package === "@fwtest/locked");
  assert.deepEqual(locked, { package: "@fwtest/locked", expected: "1.0.0", observed: "1.1.0", status: "mismatch" });
  assert.equal(r.outcome.verification.all_verified, false);
  assert.equal((await distTags(registry, "@fwtest/locked")).latest, "1.1.0");
  assert.equal((await distTags(registry, "@fwtest/core")).latest, "1.0.0");
});

test("forensics acceptance 38: a hostile reason is passed as one argument, stored verbatim, and runs nothing", async () => {
  const reason = "it's \"bad\" $(touch /tmp/fw-pwn) `id`";
  fs.rmSync("/tmp/fw-pwn", { force: true });
  const r = await rollback(["--registry", registry.url, ...CORE_UI, "--to", "1.0.0", "--reason", reason, "--deprecate", "1.1.0", "--execute"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.outcome.status, "succeeded");
  assert.equal(fs.existsSync("/tmp/fw-pwn"), false);
  assert.equal(r.outcome.rollback_reason, reason);
  assert.equal(await deprecation(registry, "@fwtest/core@1.1.0"), reason);
  assert.equal(await deprecation(registry, "@fwtest/ui@1.1.0"), reason);
  assert.deepEqual(
    r.outcome.deprecations.map((d: any) => [d.package, d.version, d.message, d.status]),
    [
      ["@fwtest/core", "1.1.0", reason, "deprecated"],
      ["@fwtest/ui", "1.1.0", reason, "deprecated"],
    ],
  );
  // The printed line is quoted for a shell; the executed argv never went through one.
  assert.ok(r.actions?.includes(`npm deprecate @fwtest/core@1.1.0 'it'\\''s "bad" $(touch /tmp/fw-pwn) \`id\`' --registry ${registry.url}\n`));
  assert.equal(r.outcome.action_count, 4);
});

test("forensics acceptance 38: a reason npm could read as its own option (--registry=…) is still just the message", async () => {
  // Closed local port: were the reason taken as npm's --registry option, npm would go there.
  const reason = "--registry=http://127.0.0.1:9/";
  const r = await rollback([...CORE_UI, "--to", "1.0.0", `--reason=${reason}`, "--deprecate", "1.1.0", "--execute"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.outcome.status, "succeeded");
  assert.equal(await deprecation(registry, "@fwtest/core@1.1.0"), reason);
  assert.equal(await deprecation(registry, "@fwtest/ui@1.1.0"), reason);
  assert.deepEqual(r.outcome.deprecations.map((d: any) => d.status), ["deprecated", "deprecated"]);
  assert.ok(r.actions?.includes(`npm deprecate @fwtest/core@1.1.0 -- ${reason}\n`), r.actions ?? "");
});

test("forensics acceptance 39: a target missing in one package blocks the whole rollback", async () => {
  const args = ["--registry", registry.url, ...CORE_UI, "--to", "1.0.5", "--reason", "r"];
  const executed = await rollback([...args, "--execute"]);
  assert.equal(executed.code, 1);
  assertNoCrash(executed);
  assert.equal(executed.stdout, "");
  assert.equal(executed.outcome.status, "blocked");
  assert.equal(executed.outcome.verification, null);
  assert.equal(check(executed.outcome, "target_version_exists", "@fwtest/ui").status, "fail");
  assert.equal(check(executed.outcome, "target_version_exists", "@fwtest/core").status, "pass");
  assert.equal(executed.outcome.action_count, 0);
  assert.equal(executed.actions, "");
  assert.equal((await distTags(registry, "@fwtest/core")).latest, "1.1.0");
  assert.equal((await distTags(registry, "@fwtest/ui")).latest, "1.1.0");

  const dry = await rollback(args);
  assert.equal(dry.code, 1);
  assert.equal(dry.stdout, "");
  assert.equal(dry.plan.status, "blocked");
  assert.equal(dry.plan.commands.length, 4, "the commands are listed in the plan even when blocked");
  assert.match(dry.stderr, /^FAIL target_version_exists @fwtest\/ui: /m);
  assert.match(dry.stderr, /^rollback npm: blocked \(dry run\)$/m);
});
