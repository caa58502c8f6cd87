// docs/cli.md is generated from the command registry and each command's usage: it must match the
// generator's output, and a command added to the registry must appear without any other edit.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { Command } from "../src/command.ts";
import { COMMANDS, type CommandEntry } from "../src/commands/registry.ts";
import { renderCliReference } from "../src/docs/cli-reference.ts";
import { usageFlags } from "../src/docs/usage-flags.ts";
import { REPO_ROOT } from "./support/cli.ts";

const CLI_MD = path.join(REPO_ROOT, "docs", "cli.md");

test("docs/cli.md is exactly what `npm run docs` generates", async () => {
  const { markdown } = await renderCliReference();
  const current = fs.existsSync(CLI_MD) ? fs.readFileSync(CLI_MD, "utf8") : "";
  if (current !== markdown) {
    const a = current.split("\n");
    const b = markdown.split("\n");
    const line = a.findIndex((l, i) => l !== b[i]);
    assert.fail(`docs/cli.md is out of date (first difference at line ${line + 1}): run \`npm run docs\``);
  }
});

test("every registered command has a section with its usage and a row for each flag of its usage", async () => {
  const { markdown } = await renderCliReference();
  for (const entry of COMMANDS) {
    const words = entry.words.join(" ");
    assert.ok(markdown.includes(`\n## \`flakewarden ${words}\`\n\n${entry.summary}\n`), words);
    assert.ok(markdown.includes(`| [\`${words}\`](#flakewarden-${entry.words.join("-")}) |`), `${words} in the index`);
  }
  const gate = await (COMMANDS.find((c) => c.words.join(" ") === "gate") as CommandEntry).load();
  assert.ok(markdown.includes(`\`\`\`text\n${gate.usage}\n\`\`\``));
  for (const { flag } of usageFlags(gate.usage)) assert.match(markdown, new RegExp(`\\| \`${flag}\` \\|`));
  // `|` inside a table cell is escaped, or GFM would split the cell.
  assert.ok(markdown.includes("| `--format` | `text\\|json` |"));
});

test("a command added to the registry is documented with no other edit; a flag without a description is reported", async () => {
  const fake: Command = {
    name: "frobnicate",
    summary: "ignored: the registry's summary is the one shown",
    usage: "flakewarden frobnicate --widget <path> [--twice] [--now <ISO-8601>]",
    run: async () => 0,
  };
  const entries: CommandEntry[] = [...COMMANDS, { words: ["frobnicate"], summary: "Frobnicate the widgets", load: async () => fake }];
  const { markdown, undescribed } = await renderCliReference(entries);
  assert.ok(markdown.includes("\n## `flakewarden frobnicate`\n\nFrobnicate the widgets\n\n```text\nflakewarden frobnicate --widget <path> [--twice] [--now <ISO-8601>]\n```\n"));
  assert.ok(markdown.includes("| `--widget` | `<path>` |  |\n| `--twice` |  |  |\n| `--now` | `<ISO-8601>` | The instant"));
  assert.deepEqual(undescribed.filter((u) => u.startsWith("frobnicate")), ["frobnicate --widget", "frobnicate --twice"]);
});

test("an entry that loads an already documented command is rendered as its alias", async () => {
  const { markdown } = await renderCliReference();
  assert.ok(markdown.includes("## `flakewarden quarantine reactivate`\n\nAlias of `reactivate`\n\nSame command, flags and exit codes as [`flakewarden reactivate`](#flakewarden-reactivate).\n"));
});

test("usageFlags: switches, values, repeatable markers, first occurrence only, synopsis only", () => {
  assert.deepEqual(usageFlags("flakewarden x [--a <path>] [--b] [--c NAME]... --d text|json [--e <p>|latest]\n             [--a <other>]\n\nDefaults: --f 3"), [
    { flag: "--a", value: "<path>" },
    { flag: "--b", value: null },
    { flag: "--c", value: "NAME" },
    { flag: "--d", value: "text|json" },
    { flag: "--e", value: "<p>|latest" },
  ]);
  assert.deepEqual(usageFlags("flakewarden y <id> [--x] --y=<v>"), [
    { flag: "--x", value: null },
    { flag: "--y", value: "<v>" },
  ]);
  assert.deepEqual(usageFlags("flakewarden r --in <artifacts dir> --out <site dir> [--format html,md]"), [
    { flag: "--in", value: "<artifacts dir>" },
    { flag: "--out", value: "<site dir>" },
    { flag: "--format", value: "html,md" },
  ]);
  assert.deepEqual(usageFlags("flakewarden schema"), []);
});

test("the generator script agrees (`npm run docs -- --check` exits 0 on an up-to-date tree)", () => {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "gen-cli-docs.mjs"), "--check"], { cwd: REPO_ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stderr, /stale:/);
});
