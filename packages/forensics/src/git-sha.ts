import { runArgv } from "./run-argv.ts";

const SHA_RE = /^[0-9a-f]{40}$/;

/** `git rev-parse HEAD` in cwd; null when git is absent, fails, times out or prints something else. */
export async function gitHeadSha(cwd: string, timeoutMs = 10_000): Promise<string | null> {
  const result = await runArgv({ argv: ["git", "rev-parse", "HEAD"], cwd, timeoutMs });
  if (result.exitCode !== 0) return null;
  const sha = result.stdout.trim();
  return SHA_RE.test(sha) ? sha : null;
}
