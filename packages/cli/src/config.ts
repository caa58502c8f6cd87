// flakewarden.yaml / flakewarden.json: found, parsed, and only the keys a command reads are validated.
import fs from "node:fs";
import path from "node:path";
import type * as z from "zod";
import { isPlainObject, parseJson } from "@flakewarden/core";
import { UserError } from "./errors.ts";
import type { Io } from "./io.ts";
import { MSG } from "./messages.ts";
import { displayOf, resolveFrom } from "./paths.ts";

export interface LoadedConfig {
  /** The config file's directory: relative paths inside it resolve here. */
  dir: string;
  display: string;
  data: Record<string, unknown>;
}

const DEFAULT_NAMES = ["flakewarden.yaml", "flakewarden.json"];

export async function loadConfig(io: Io, flag: string | undefined): Promise<LoadedConfig | null> {
  let target;
  if (flag !== undefined) target = resolveFrom(io.cwd, flag, io.cwd);
  else {
    const found = DEFAULT_NAMES.map((n) => path.join(io.cwd, n)).find((p) => fs.existsSync(p));
    if (found === undefined) return null;
    target = { abs: found, display: displayOf(found, io.cwd) };
  }
  let text: string;
  try {
    const stat = fs.statSync(target.abs);
    if (stat.isDirectory()) throw new UserError(MSG.cannotRead(target.display, "is a directory"));
    text = new TextDecoder("utf-8", { fatal: true }).decode(fs.readFileSync(target.abs));
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") throw new UserError(MSG.fileNotFound(target.display));
    if (error instanceof TypeError) throw new UserError(MSG.cannotRead(target.display, "not valid UTF-8"));
    throw new UserError(MSG.cannotRead(target.display, code ?? String(error)));
  }
  let data: unknown;
  if (target.abs.endsWith(".json")) {
    const parsed = parseJson(text);
    if (!parsed.ok) throw new UserError(MSG.invalidJson(target.display, parsed.line, parsed.column, parsed.problem));
    data = parsed.value;
  } else {
    // yaml is loaded only when a YAML config exists: it is a large share of startup.
    const yaml = await import("yaml");
    // The esbuild bundle exposes this CommonJS package only as `default`; Node and Deno also give named exports.
    const parseYaml = yaml.parse ?? yaml.default.parse;
    try {
      data = parseYaml(text);
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
      throw new UserError(MSG.invalidYaml(target.display, message));
    }
  }
  if (!isPlainObject(data)) throw new UserError(MSG.configRootMapping(target.display));
  return { dir: path.dirname(target.abs), display: target.display, data };
}

/** Validate one section with its zod schema; every problem becomes one ERROR line. */
export function configSection<T extends z.ZodType>(config: LoadedConfig | null, key: string, schema: T): z.infer<T> | undefined {
  if (config === null) return undefined;
  const value = config.data[key];
  if (value === undefined || value === null) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new UserError(
    ...result.error.issues.map((issue) => {
      const where = [key, ...issue.path.map(String)].reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : `${acc}.${part}`));
      return MSG.configInvalid(config.display, where, issue.message);
    }),
  );
}
