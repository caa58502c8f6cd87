// The command table. Each command module is imported only when it runs, so startup stays small.
import type { Command } from "../command.ts";

export interface CommandEntry {
  /** Words that name the command, e.g. ["playbook", "check"]. */
  words: string[];
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  {
    words: ["gate"],
    summary: "Evaluate the release gate and write its report and events",
    load: async () => (await import("./gate.ts")).command,
  },
  {
    words: ["playbook", "check"],
    summary: "Check the forensics playbook and incident docs for required commands",
    load: async () => (await import("./playbook-check.ts")).command,
  },
  {
    words: ["schema"],
    summary: "Write the JSON Schemas of the file formats",
    load: async () => (await import("./schema.ts")).command,
  },
];
