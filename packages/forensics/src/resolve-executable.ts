// Where argv[0] of a suite's command would be found (detector.md §2.2 validation), decided the
// way execvp decides it, so `detect` can refuse a missing command before any unit runs.
import fs from "node:fs";
import path from "node:path";

/** execvp's search path when the environment has no PATH at all (glibc's confstr default). */
const DEFAULT_PATH = "/usr/bin:/bin";

/**
 * Absolute path of the file `command` runs, or null if none is found or it is not an
 * executable regular file. A command containing "/" is taken relative to `cwd` (the child's
 * working directory); otherwise each PATH entry of `env` is tried in order, where an empty
 * entry means `cwd` and relative entries are relative to `cwd`, as they are for the child.
 */
export function resolveExecutable(command: string, cwd: string, env: Record<string, string>): string | null {
  if (command === "") return null;
  if (command.includes("/")) {
    const candidate = path.resolve(cwd, command);
    return isExecutableFile(candidate) ? candidate : null;
  }
  for (const entry of (env.PATH ?? DEFAULT_PATH).split(path.delimiter)) {
    const candidate = path.resolve(cwd, entry, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function isExecutableFile(file: string): boolean {
  try {
    // A directory passes X_OK (search permission) but cannot be executed.
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
