// The sections of flakewarden.yaml / flakewarden.json read by the gate-side commands.
import * as z from "zod";
import { PositiveInteger, Severity } from "./common.ts";

export const QuarantineConfig = z.strictObject({
  manifest_path: z.string().min(1).optional(),
  owners: z.record(z.string(), z.string()).optional(),
  owners_file: z.string().min(1).optional(),
  default_owner: z.string().min(1).optional(),
  default_severity: Severity.optional(),
});
export type QuarantineConfig = z.infer<typeof QuarantineConfig>;

/** Only these keys of `reactivate` are read by the gate; the rest belong to the reactivate command. */
export const ReactivateGateConfig = z.looseObject({
  min_runs: PositiveInteger.optional(),
  min_runs_by_severity: z.partialRecord(Severity, PositiveInteger).optional(),
});
export type ReactivateGateConfig = z.infer<typeof ReactivateGateConfig>;

export const PlaybookClause = z.strictObject({
  clause_id: z.string().min(1),
  file: z.string().min(1),
  pattern: z.string().min(1),
  description: z.string(),
});
export type PlaybookClause = z.infer<typeof PlaybookClause>;

export const PlaybookConfig = z.looseObject({ clauses: z.array(PlaybookClause).optional() });
