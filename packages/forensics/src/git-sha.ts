// The commit a report was produced from. Reading .git directly answers in well under a
// millisecond; spawning `git rev-parse HEAD` costs ~25 ms of startup, so it is the fallback
// for layouts we do not read ourselves (worktrees, submodules, GIT_DIR).
import fs from "node:fs";
import path from "node:path";
import { runArgv } from "./run-argv.ts";

const SHA_RE = /^[0-9a-f]{40}$/;

/** `git rev-parse HEAD` in cwd; null when there is no repository, no commit, or git fails. */
export async function gitHeadSha(cwd: string, options: { timeoutMs?: number; env?: Record<string, string | undefined> } = {}): Promise<string | null> {
  const direct = options.env?.GIT_DIR === undefined ? readHeadFromGitDir(cwd) : undefined;
  if (direct !== undefined) return direct;
  const result = await runArgv({ argv: ["git", "rev-parse", "HEAD"], cwd, timeoutMs: options.timeoutMs ?? 10_000 });
  if (result.exitCode !== 0) return null;
  const sha = result.stdout.trim();
  return SHA_RE.test(sha) ? sha : null;
}

/**
 * HEAD from a plain `.git` directory found upward from cwd: the sha, null when HEAD has no
 * commit yet or no repository exists, undefined when this layout needs the real git.
 */
export function readHeadFromGitDir(cwd: string): string | null | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, ".git");
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(candidate);
    } catch {
      stat = undefined;
    }
    if (stat !== undefined) return stat.isDirectory() ? headOf(candidate) : undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function headOf(gitDir: string): string | null | undefined {
  const head = readOrNull(path.join(gitDir, "HEAD"))?.trim();
  if (head === undefined) return undefined;
  if (SHA_RE.test(head)) return head;
  const m = /^ref: (refs\/[^\s]+)$/.exec(head);
  if (m === null) return undefined;
  const ref = m[1] as string;
  const loose = readOrNull(path.join(gitDir, ref))?.trim();
  if (loose !== undefined) return SHA_RE.test(loose) ? loose : undefined;
  const packed = readOrNull(path.join(gitDir, "packed-refs"));
  if (packed === null) return null; // unborn branch: `git rev-parse HEAD` fails too
  for (const line of packed.split("\n")) {
    const [sha, name] = line.split(" ");
    if (name === ref && sha !== undefined && SHA_RE.test(sha)) return sha;
  }
  return null;
}
