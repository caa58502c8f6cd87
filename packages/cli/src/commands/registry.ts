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
    words: ["burndown"],
    summary: "Write the nightly flake burndown report (open flakes, SLA breaches, owner routing)",
    load: async () => (await import("./burndown.ts")).command,
  },
  {
    words: ["quarantine", "list"],
    summary: "List quarantine manifest entries with their age and SLA due time",
    load: async () => (await import("./quarantine-list.ts")).command,
  },
  {
    words: ["quarantine", "open"],
    summary: "Open a quarantine entry for a flaky suite (locked, atomic manifest edit)",
    load: async () => (await import("./quarantine-open.ts")).command,
  },
  {
    words: ["quarantine", "resolve"],
    summary: "Resolve an open quarantine entry with its root cause and fix reference",
    load: async () => (await import("./quarantine-resolve.ts")).command,
  },
  {
    words: ["quarantine", "sync"],
    summary: "Open quarantine entries for unstable or failing dashboard suites that have none",
    load: async () => (await import("./quarantine-sync.ts")).command,
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
  {
    words: ["drill"],
    summary: "Run a seeded incident drill with replay fingerprints and a missing-fixture probe",
    load: async () => (await import("./drill.ts")).command,
  },
  {
    words: ["reactivate"],
    summary: "Replay a quarantined suite N times and return it to service only with identical passing evidence",
    load: async () => (await import("./reactivate.ts")).command,
  },
  {
    words: ["rollback", "npm"],
    summary: "Move an npm dist-tag back to a known-good version after a safety analysis (dry run unless --execute)",
    load: async () => (await import("./rollback-npm.ts")).command,
  },
  {
    // gate.md §2.3: an alias with identical behaviour, so both words load the same module.
    words: ["quarantine", "reactivate"],
    summary: "Alias of `reactivate`",
    load: async () => (await import("./reactivate.ts")).command,
  },
  {
    words: ["incident"],
    summary: "Write the release incident packet: traceability, rollback safety, instructions, postmortem, artifact index",
    load: async () => (await import("./incident.ts")).command,
  },
  {
    words: ["init"],
    summary: "Scaffold flakewarden.yaml, the policy, an empty quarantine manifest, the playbook and GitHub workflows",
    load: async () => (await import("./init.ts")).command,
  },
  {
    words: ["pilot", "evaluate"],
    summary: "Gate a WASM pilot's SLO signals and wasm/native parity; write the summary the release gate reads",
    load: async () => (await import("./pilot-evaluate.ts")).command,
  },
  {
    words: ["pilot", "cohort"],
    summary: "Score pilot intake candidates against the cohort rubric (eligibility, score, risk tier)",
    load: async () => (await import("./pilot-cohort.ts")).command,
  },
  {
    words: ["report"],
    summary: "Render the static HTML and Markdown report site from the artifacts under --in",
    load: async () => (await import("./report.ts")).command,
  },
];
