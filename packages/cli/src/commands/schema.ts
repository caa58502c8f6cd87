// `flakewarden schema --out <dir>`: write the JSON Schemas generated from our zod schemas.
import path from "node:path";
import { publishedJsonSchemas, toPrettyJson } from "@flakewarden/core";
import { parseFlags, stringFlag } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";
import { writeOutput } from "../output.ts";
import { resolveFrom } from "../paths.ts";

export const command: Command = {
  name: "schema",
  summary: "Write the JSON Schemas of every file format (generated from the zod schemas)",
  usage: "flakewarden schema --out <dir>",
  async run(ctx: CommandContext): Promise<number> {
    const flags = parseFlags(ctx.argv, { out: { type: "string", nonEmpty: true } });
    const out = stringFlag(flags, "out");
    if (out === undefined) throw new UserError(MSG.requiredOption("--out"));
    const dir = resolveFrom(ctx.io.cwd, out, ctx.io.cwd);
    for (const { file, schema } of publishedJsonSchemas()) {
      const target = resolveFrom(dir.abs, file, ctx.io.cwd);
      writeOutput(path.isAbsolute(out) ? { abs: target.abs, display: path.join(out, file) } : target, toPrettyJson(schema));
      ctx.io.stdout.write(`wrote ${path.isAbsolute(out) ? path.join(out, file) : target.display}\n`);
    }
    return 0;
  },
};
