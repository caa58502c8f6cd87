// A deprecation message that npm would parse as one of its own options (forensics.md §4.8 and
// §6 item 17: a reason is one harmless argument): it goes after a `--` that ends npm's options.
import assert from "node:assert/strict";
import test from "node:test";
import { planRollback, type PackageRead, type RollbackRequest } from "../src/index.ts";

const NOW = Date.parse("2026-03-06T10:00:00Z");

function request(extra: Partial<RollbackRequest>): RollbackRequest {
  return { packages: ["@fwtest/core"], to: "1.0.0", tag: "latest", reason: "r", registry: null, deprecate: "1.1.0", otp: null, ...extra };
}

const READ: PackageRead = {
  view: { ok: true, value: { versions: ["1.0.0", "1.1.0"], distTags: { latest: "1.1.0" }, time: {}, maintainerCount: null } },
  deprecated: { "1.0.0": { ok: true, value: null }, "1.1.0": { ok: true, value: null } },
};

const deprecateOf = (req: RollbackRequest) => planRollback({ request: req, reads: { "@fwtest/core": READ }, releaseSet: null, nowMs: NOW }).commands.find((c) => c.kind === "deprecate");

test("npm rollback plan: a reason starting with '-' follows the options and a '--'", () => {
  const c = deprecateOf(request({ reason: "--registry=http://evil.example/", otp: "123456", registry: "http://127.0.0.1:4873" }));
  assert.deepEqual(c?.argv, ["npm", "deprecate", "@fwtest/core@1.1.0", "--otp", "***", "--registry", "http://127.0.0.1:4873", "--", "--registry=http://evil.example/"]);
  assert.equal(c?.display, "npm deprecate @fwtest/core@1.1.0 --otp *** --registry http://127.0.0.1:4873 -- --registry=http://evil.example/");
  assert.deepEqual(deprecateOf(request({ reason: "-v" }))?.argv, ["npm", "deprecate", "@fwtest/core@1.1.0", "--", "-v"]);
});

test("npm rollback plan: any other reason keeps its place before the options", () => {
  assert.deepEqual(deprecateOf(request({ reason: "bad build -- see INC-7", otp: "1" }))?.argv, ["npm", "deprecate", "@fwtest/core@1.1.0", "bad build -- see INC-7", "--otp", "***"]);
  assert.deepEqual(deprecateOf(request({ reason: " -leading space" }))?.argv, ["npm", "deprecate", "@fwtest/core@1.1.0", " -leading space"]);
});
