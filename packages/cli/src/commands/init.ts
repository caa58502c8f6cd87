// `flakewarden init`: scaffold config, policy, empty quarantine manifest, forensics playbook and
// GitHub workflows into an existing repository. All-or-nothing: every target is checked before
// the first write, and a failed write puts back what this run changed.
import fs from "node:fs";
import path from "node:path";
import { parseFlags, stringFlag } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { UserError } from "../errors.ts";
import { writeAtomic, writeCause } from "../files.ts";
import { SCAFFOLD_FILES } from "../init/scaffold-files.ts";
import { MSG } from "../messages.ts";
import { resolveFrom, toPosix } from "../paths.ts";

const OPTIONS = {
  dir: { type: "string", nonEmpty: true },
  force: { type: "boolean" },
} as const;

interface PlannedWrite {
  abs: string;
  display: string;
  content: string;
  /** What this run replaces (with --force): a file's bytes or a symlink's target; null when new. */
  previous: { bytes: Buffer } | { link: string } | null;
}

/** The entry at `abs` (symlinks not followed when `follow` is false), or null when absent. */
function statOrNull(abs: string, display: string, follow: boolean): fs.Stats | null {
  try {
    return follow ? fs.statSync(abs) : fs.lstatSync(abs);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return null;
    throw new UserError(MSG.cannotRead(display, writeCause(error)));
  }
}

/** The target directory must already exist: init adds to a repository, it does not create one. */
function targetDir(ctx: CommandContext, value: string): { abs: string; display: string } {
  const target = resolveFrom(ctx.io.cwd, value, ctx.io.cwd);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target.abs);
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") throw new UserError(MSG.initTargetMissing(target.display));
    throw new UserError(MSG.cannotRead(target.display, writeCause(error)));
  }
  if (!stat.isDirectory()) throw new UserError(MSG.initTargetNotDirectory(target.display));
  return target;
}

/** Where a path inside the target is shown: under --dir as the user wrote it (absolute stays absolute). */
function shownIn(target: { abs: string; display: string }, abs: string): string {
  const rel = toPosix(path.relative(target.abs, abs));
  return target.display === "." ? rel : path.posix.join(target.display, rel);
}

/** Directories between the target and `abs` that do not exist yet (outermost first); exit 2 when one is a file. */
function missingParents(target: { abs: string; display: string }, abs: string, display: string): string[] {
  const missing: string[] = [];
  const chain: string[] = [];
  for (let dir = path.dirname(abs); dir !== target.abs && dir.startsWith(target.abs); dir = path.dirname(dir)) chain.unshift(dir);
  for (const d of chain) {
    // A symlinked directory (e.g. a shared .github) is a directory here.
    const stat = missing.length > 0 ? null : statOrNull(d, shownIn(target, d), true);
    if (stat === null) missing.push(d);
    else if (!stat.isDirectory()) throw new UserError(MSG.initBlockedByFile(display, shownIn(target, d)));
  }
  return missing;
}

function rollBack(done: PlannedWrite[], createdDirs: string[]): void {
  for (const write of [...done].reverse()) {
    try {
      if (write.previous !== null && "link" in write.previous) {
        fs.rmSync(write.abs, { force: true });
        fs.symlinkSync(write.previous.link, write.abs);
      } else if (write.previous !== null) fs.writeFileSync(write.abs, write.previous.bytes);
      else fs.rmSync(write.abs, { force: true });
    } catch {
      // best effort: the error that stopped the run is what the user must see
    }
  }
  // Deepest first, so a parent is empty by the time it is removed.
  for (const dir of [...createdDirs].sort((a, b) => b.length - a.length)) {
    try {
      fs.rmdirSync(dir);
    } catch {
      // not empty or already gone: leave it
    }
  }
}

export const command: Command = {
  name: "init",
  summary: "Scaffold flakewarden.yaml, the policy, an empty quarantine manifest, the playbook and GitHub workflows",
  usage: `flakewarden init [--dir <path>] [--force]

Writes flakewarden.yaml, .github/wasm_flake_governance_policy.json, quarantine/manifest.json,
docs/flake-forensics-playbook.md, .github/workflows/flake-detection.yml and
.github/workflows/release-rollback.yml into --dir (default: the current directory).
An existing file is never overwritten without --force: init then writes nothing (exit 2).`,
  async run(ctx: CommandContext): Promise<number> {
    const flags = parseFlags(ctx.argv, OPTIONS);
    const force = flags.values.force === true;
    const target = targetDir(ctx, stringFlag(flags, "dir") ?? ".");

    // Check everything before the first write.
    const plan: PlannedWrite[] = [];
    const existing: string[] = [];
    const createdDirs = new Set<string>();
    for (const file of SCAFFOLD_FILES) {
      const abs = path.join(target.abs, ...file.path.split("/"));
      const display = shownIn(target, abs);
      for (const dir of missingParents(target, abs, display)) createdDirs.add(dir);
      const stat = statOrNull(abs, display, false);
      let previous: PlannedWrite["previous"] = null;
      if (stat !== null) {
        if (stat.isDirectory()) throw new UserError(MSG.initTargetIsDirectory(display));
        // A FIFO or socket cannot be kept for the put-back (reading a FIFO would block).
        if (!stat.isFile() && !stat.isSymbolicLink()) throw new UserError(MSG.cannotWrite(display, "not a regular file"));
        existing.push(display);
        if (force) {
          try {
            previous = stat.isSymbolicLink() ? { link: fs.readlinkSync(abs) } : { bytes: fs.readFileSync(abs) };
          } catch (error) {
            throw new UserError(MSG.cannotRead(display, writeCause(error)));
          }
        }
      }
      plan.push({ abs, display, content: file.content, previous });
    }
    if (existing.length > 0 && !force) throw new UserError(MSG.initRefusesOverwrite(existing));

    const done: PlannedWrite[] = [];
    for (const write of plan) {
      try {
        writeAtomic(write.abs, write.content);
      } catch (error) {
        rollBack(done, [...createdDirs]);
        throw new UserError(MSG.cannotWrite(write.display, writeCause(error)));
      }
      done.push(write);
    }

    const replaced = new Set(existing);
    for (const write of plan) ctx.io.stdout.write(`${replaced.has(write.display) ? "overwrote" : "created"} ${write.display}\n`);
    ctx.io.stdout.write(
      [
        "",
        "Next steps:",
        "  1. List your test suites in flakewarden.yaml and the ones a release needs in the policy's detection.required_suites.",
        "  2. npx flakewarden detect --dry-run     # check the plan",
        "  3. npx flakewarden detect && npx flakewarden gate",
        "  4. Commit the files; CI runs .github/workflows/flake-detection.yml.",
        "",
      ].join("\n"),
    );
    return 0;
  },
};
