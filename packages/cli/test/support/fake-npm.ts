// A fake `npm` for `rollback npm` tests that need no registry: an executable wrapper around
// fixtures/rollback/fake-npm.fixture.mjs, found on PATH or through FLAKEWARDEN_NPM, that records
// every argv it receives.
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { FIXTURES, tempDir } from "./cli.ts";

/** Whether a process is still alive (a zombie counts as gone). */
export { isAlive as alive } from "../../../forensics/test/support/process-group.ts";

const FIXTURE = path.join(FIXTURES, "rollback", "fake-npm.fixture.mjs");

export interface FakeNpm {
  /** Holds calls.ndjson, state.json and hung.pids. */
  dir: string;
  /** A directory whose `npm` is the fake. */
  binDir: string;
  /** The fake under a name that is not `npm`, for FLAKEWARDEN_NPM. */
  namedBin: string;
  /** Every argv the fake received, in call order. */
  calls(): string[][];
  /** Pids of calls that hung (FAKE_NPM_HANG_ON). */
  hungPids(): number[];
  /** The fake registry's dist-tags of a package. */
  distTags(pkg: string): Record<string, string>;
}

export function fakeNpm(): FakeNpm {
  const dir = tempDir("fw-fake-npm-");
  const binDir = path.join(dir, "bin");
  fs.mkdirSync(binDir);
  const script = `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(FIXTURE)} "$@"\n`;
  for (const name of ["npm", "fake-npm"]) fs.writeFileSync(path.join(binDir, name), script, { mode: 0o755 });
  const lines = (name: string): string[] => {
    const file = path.join(dir, name);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "") : [];
  };
  return {
    dir,
    binDir,
    namedBin: path.join(binDir, "fake-npm"),
    calls: () => lines("calls.ndjson").map((l) => JSON.parse(l) as string[]),
    hungPids: () => lines("hung.pids").map(Number),
    distTags: (pkg) => {
      const file = path.join(dir, "state.json");
      if (!fs.existsSync(file)) return { latest: "1.1.0" };
      return (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { "dist-tags": Record<string, string> }>)[pkg]?.["dist-tags"] ?? {};
    },
  };
}

/** The CLI's environment with `npm` resolved to the fake (first on PATH). */
export function fakeNpmEnv(fake: FakeNpm, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: `${fake.binDir}${path.delimiter}${process.env.PATH ?? ""}`, FAKE_NPM_DIR: fake.dir, ...extra };
}
