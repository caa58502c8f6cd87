// Running the real npm client for a rollback: always an argv array (a reason with quotes or
// `$(…)` is just one argument), a timeout with process-group kill, `--registry` appended when given.
import {
  parseDeprecatedView,
  parsePackageView,
  versionsToCheck,
  type NpmPlannedCommand,
  type PackageRead,
  type RollbackRequest,
  type ViewResult,
} from "@flakewarden/core";
import { runArgv, type RunArgvResult } from "../run-argv.ts";

export interface NpmClient {
  /** `FLAKEWARDEN_NPM` or `npm`. */
  bin: string;
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  registry: string | null;
}

export function runNpm(client: NpmClient, args: readonly string[]): Promise<RunArgvResult> {
  const argv = [client.bin, ...args, ...(client.registry === null ? [] : ["--registry", client.registry])];
  return runArgv({ argv, cwd: client.cwd, env: client.env, timeoutMs: client.timeoutMs });
}

/**
 * The argv that really runs for a planned command: the configured binary instead of `npm`, and
 * the real one-time password where the plan shows `***`.
 */
export function executableArgv(bin: string, planned: NpmPlannedCommand, otp: string | null): string[] {
  const argv = [bin, ...planned.argv.slice(1)];
  if (otp === null) return argv;
  // The plan's own `--otp ***` pair; a deprecation message equal to "--otp" or "***" is never
  // it (such a message follows the `--` that ends npm's options, or precedes the pair).
  for (let i = 1; i < argv.length - 1 && argv[i] !== "--"; i++) {
    if (argv[i] === "--otp" && argv[i + 1] === "***") {
      argv[i + 1] = otp;
      break;
    }
  }
  return argv;
}

export function runPlanned(client: NpmClient, planned: NpmPlannedCommand, otp: string | null): Promise<RunArgvResult> {
  return runArgv({ argv: executableArgv(client.bin, planned, otp), cwd: client.cwd, env: client.env, timeoutMs: client.timeoutMs });
}

/** Everything the plan needs from the registry about one package. */
export async function readPackage(client: NpmClient, request: RollbackRequest, pkg: string): Promise<PackageRead> {
  const view = parsePackageView(await runNpm(client, ["view", pkg, "--json"]));
  const deprecated: Record<string, ViewResult<string | null>> = {};
  if (view.ok) {
    const versions = versionsToCheck(request, view.value);
    const results = await Promise.all(versions.map((v) => runNpm(client, ["view", `${pkg}@${v}`, "deprecated", "--json"])));
    versions.forEach((v, i) => (deprecated[v] = parseDeprecatedView(results[i] as RunArgvResult)));
  }
  return { view, deprecated };
}
