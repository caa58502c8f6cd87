// Reading detect's config file (detector.md §3.1): --config, else flakewarden.yaml, else
// flakewarden.json in the current directory. Every problem is one exit-2 line that names the
// file first, with line:column for syntax errors and the key path for schema errors.
import fs from "node:fs";
import path from "node:path";
import { parseJson, validateDetectorConfig, type DetectorConfig } from "@flakewarden/core";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";

const DEFAULT_NAMES = ["flakewarden.yaml", "flakewarden.json"] as const;

export interface DetectConfigFile {
  abs: string;
  /** `--config` as given, else the default name found: the dashboard's config_path and the prefix of messages. */
  display: string;
  /** The project root: the config file's directory. */
  root: string;
}

export function locateConfig(cwd: string, flag: string | undefined): DetectConfigFile {
  if (flag !== undefined) {
    const abs = path.resolve(cwd, flag);
    return { abs, display: flag, root: path.dirname(abs) };
  }
  for (const name of DEFAULT_NAMES) {
    const abs = path.join(cwd, name);
    if (fs.existsSync(abs)) return { abs, display: name, root: cwd };
  }
  throw new UserError(MSG.detectNoConfig);
}

function readConfigText(file: DetectConfigFile): string {
  try {
    if (fs.statSync(file.abs).isDirectory()) throw new UserError(MSG.detectConfigUnreadable(file.display, "is a directory"));
    return new TextDecoder("utf-8", { fatal: true }).decode(fs.readFileSync(file.abs));
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UserError(MSG.detectConfigMissing(file.display));
    if (error instanceof TypeError) throw new UserError(MSG.detectConfigUnreadable(file.display, "not valid UTF-8"));
    throw new UserError(MSG.detectConfigUnreadable(file.display, code ?? String(error)));
  }
}

interface YamlErrorShape {
  message?: string;
  linePos?: { line: number; col: number }[];
}

async function parseYamlText(file: DetectConfigFile, text: string): Promise<unknown> {
  // Loaded only when a YAML config is read: the parser is a large share of startup.
  const yaml = await import("yaml");
  // The esbuild bundle exposes this CommonJS package only as `default`; Node and Deno also give named exports.
  const parseYaml = yaml.parse ?? yaml.default.parse;
  try {
    // YAML 1.2 core schema: `<<` is an ordinary key (suite_defaults replaces merge keys).
    return parseYaml(text, { version: "1.2", merge: false });
  } catch (error) {
    const shape = error as YamlErrorShape;
    const first = (shape.message ?? String(error)).split("\n")[0] ?? "";
    const problem = first.replace(/ at line \d+, column \d+:?$/, "");
    const pos = shape.linePos?.[0];
    if (pos !== undefined) throw new UserError(MSG.detectConfigSyntax(file.display, pos.line, pos.col, problem));
    throw new UserError(MSG.detectConfigIssue(file.display, "", problem));
  }
}

/** Read and parse (no validation yet): YAML, or JSON when the name ends `.json`. */
export async function readConfigData(file: DetectConfigFile): Promise<unknown> {
  const text = readConfigText(file);
  if (!file.abs.endsWith(".json")) return (await parseYamlText(file, text)) ?? {};
  const parsed = parseJson(text);
  if (!parsed.ok) throw new UserError(MSG.detectConfigSyntax(file.display, parsed.line, parsed.column, parsed.problem));
  return parsed.value;
}

/** Validate; the first problem found is the one reported. */
export function validateConfigData(file: DetectConfigFile, data: unknown): DetectorConfig {
  const result = validateDetectorConfig(data);
  if (!result.ok) {
    const issue = result.issues[0];
    throw new UserError(MSG.detectConfigIssue(file.display, issue?.path ?? "", issue?.message ?? "invalid"));
  }
  return result.value;
}
