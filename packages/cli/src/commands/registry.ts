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
    words: ["detect"],
    summary: "Rerun every suite N times with one seed and classify stable, flaky and failing suites",
    load: async () => (await import("./detect.ts")).command,
  },
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
  {
    words: ["signal-quality"],
    summary: "Judge a variance dashboard and verification report against flake, false-positive and runtime budgets",
    load: async () => (await import("./signal-quality.ts")).command,
  },
  {
    words: ["ingest"],
    summary: "Build the variance dashboard from existing JUnit/TAP result files",
    load: async () => (await import("./ingest.ts")).command,
  },
  {
    words: ["merge"],
    summary: "Join the outputs of sharded detect runs into one variance dashboard",
    load: async () => (await import("./merge.ts")).command,
  },
];
