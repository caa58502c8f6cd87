// The `incident:` config section. Humans write it, so every level is strict.
import * as z from "zod";
import { SeverityProtocol } from "./severity-model.ts";

const Owners = z.union([z.string().min(1), z.array(z.string().min(1))]);

export const IncidentConfig = z.strictObject({
  contract_id: z.string().min(1).optional(),
  bead_id: z.string().nullable().optional(),
  workflow: z.string().nullable().optional(),
  gate_reports: z.array(z.string().min(1)).optional(),
  drill_dir: z.string().min(1).optional(),
  repro_commands: z.array(z.string().min(1)).optional(),
  owners: z.record(z.string(), Owners).optional(),
  severity_model: z
    .strictObject({
      sev_1: SeverityProtocol.partial().optional(),
      sev_2: SeverityProtocol.partial().optional(),
      sev_3: SeverityProtocol.partial().optional(),
    })
    .optional(),
});
export type IncidentConfig = z.infer<typeof IncidentConfig>;

export const DEFAULT_CONTRACT_ID = "flakewarden-release-incident-v1";
export const DEFAULT_GATE_REPORTS = [
  "artifacts/wasm_optimization_pipeline_summary.json",
  "artifacts/wasm_dependency_audit_summary.json",
  "artifacts/security_release_gate_report.json",
];
export const DEFAULT_REPRO_COMMANDS = ["flakewarden drill --seed 4242"];
