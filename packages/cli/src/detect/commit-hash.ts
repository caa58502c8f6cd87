// The events' commit_hash (detector.md §3.5): what CI says it built, else the repository's HEAD.
import { gitHeadSha } from "@flakewarden/forensics";

const ENV_KEYS = ["FLAKEWARDEN_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA"] as const;
const GIT_TIMEOUT_MS = 5_000;

export async function commitHash(env: Record<string, string | undefined>, projectRoot: string): Promise<string | null> {
  for (const key of ENV_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== "") return value;
  }
  return gitHeadSha(projectRoot, { timeoutMs: GIT_TIMEOUT_MS, env });
}
