// The JSON Schemas we publish, generated from the zod schemas (draft 2020-12).
import * as z from "zod";
import { DASHBOARD_SCHEMA_VERSION, Dashboard } from "./dashboard.ts";
import { GATE_EVENT_SCHEMA_VERSION, GATE_REPORT_SCHEMA_VERSION, GateEvent, GateReport } from "./gate-report.ts";
import { MANIFEST_SCHEMA_VERSION, QuarantineManifest } from "./manifest.ts";
import { POLICY_SCHEMA_VERSION, Policy } from "./policy.ts";

/** Inputs are described as users write them (defaults optional); outputs as we write them. */
const PUBLISHED: readonly { name: string; schema: z.ZodType; io: "input" | "output" }[] = [
  { name: POLICY_SCHEMA_VERSION, schema: Policy, io: "input" },
  { name: DASHBOARD_SCHEMA_VERSION, schema: Dashboard, io: "input" },
  { name: MANIFEST_SCHEMA_VERSION, schema: QuarantineManifest, io: "input" },
  { name: GATE_REPORT_SCHEMA_VERSION, schema: GateReport, io: "output" },
  { name: GATE_EVENT_SCHEMA_VERSION, schema: GateEvent, io: "output" },
];

/** file name → JSON Schema object, in a stable order. */
export function publishedJsonSchemas(): { file: string; schema: unknown }[] {
  return PUBLISHED.map(({ name, schema, io }) => ({
    file: `${name}.schema.json`,
    schema: z.toJSONSchema(schema, { io, target: "draft-2020-12" }),
  }));
}
