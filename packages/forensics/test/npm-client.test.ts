// The argv that really runs for a planned npm command: configured binary, real OTP, nothing else changed.
import assert from "node:assert/strict";
import test from "node:test";
import type { NpmPlannedCommand } from "@flakewarden/core";
import { executableArgv } from "../src/index.ts";

test("npm rollback: the executed argv swaps in the binary and the one-time password only", () => {
  const planned: NpmPlannedCommand = {
    argv: ["npm", "deprecate", "@fwtest/core@1.1.0", "$(touch x) ***", "--otp", "***", "--registry", "http://127.0.0.1:4873"],
    display: "",
    kind: "deprecate",
    package: "@fwtest/core",
  };
  assert.deepEqual(executableArgv("/opt/npm/bin/npm", planned, "654321"), [
    "/opt/npm/bin/npm",
    "deprecate",
    "@fwtest/core@1.1.0",
    "$(touch x) ***",
    "--otp",
    "654321",
    "--registry",
    "http://127.0.0.1:4873",
  ]);
  assert.deepEqual(executableArgv("npm", { ...planned, argv: ["npm", "view", "p", "dist-tags", "--json"] }, "654321"), ["npm", "view", "p", "dist-tags", "--json"]);
});

test("npm rollback: a deprecation message that reads \"--otp\" or \"***\" never receives the one-time password", () => {
  const deprecate = (argv: string[]): NpmPlannedCommand => ({ argv, display: "", kind: "deprecate", package: "@fwtest/core" });
  // An option-like message follows the `--` that ends npm's options.
  assert.deepEqual(executableArgv("npm", deprecate(["npm", "deprecate", "@fwtest/core@1.1.0", "--otp", "***", "--", "--otp"]), "654321"), [
    "npm",
    "deprecate",
    "@fwtest/core@1.1.0",
    "--otp",
    "654321",
    "--",
    "--otp",
  ]);
  assert.deepEqual(executableArgv("npm", deprecate(["npm", "deprecate", "@fwtest/core@1.1.0", "***", "--otp", "***"]), "654321"), ["npm", "deprecate", "@fwtest/core@1.1.0", "***", "--otp", "654321"]);
  // Without a code nothing is replaced.
  assert.deepEqual(executableArgv("npm", deprecate(["npm", "deprecate", "@fwtest/core@1.1.0", "r"]), null), ["npm", "deprecate", "@fwtest/core@1.1.0", "r"]);
});
