// sem-variance-dashboard-v1: the fields the gate and `quarantine sync` read.
// Written by `flakewarden detect` (detector.md); unknown keys are kept.
import * as z from "zod";
import { IntegerGe0, NonEmptyString } from "./common.ts";

export const DASHBOARD_SCHEMA_VERSION = "sem-variance-dashboard-v1";

export const DashboardSuite = z.looseObject({
  suite: NonEmptyString.meta({ description: "suite name, unique within the dashboard" }),
  unstable: z.boolean().meta({ description: "true when the suite's reruns disagreed (flaky)" }),
  outcomes: z
    .looseObject({ fail: IntegerGe0.optional().meta({ description: "failing runs; absent = 0" }) })
    .optional(),
  replay_command: z.string().optional(),
  command: z.string().optional(),
  trace_pointer: z.string().optional(),
  artifacts: z.looseObject({ logs: z.array(z.string()).optional() }).optional(),
  duration_spread_pct: z.number().optional(),
  duration_ms: z.looseObject({ spread_pct: z.number().optional() }).optional(),
  instability_signals: z.array(z.unknown()).optional(),
  likely_variance_sources: z.array(z.unknown()).optional(),
});

export const Dashboard = z
  .looseObject({
    schema_version: z.string().meta({ description: "must equal the policy's detection.dashboard_schema_version" }),
    run_id: z.string().optional(),
    suite_count: IntegerGe0.optional().meta({ description: "cross-checked against suites.length" }),
    unstable_suite_count: IntegerGe0.optional().meta({ description: "cross-checked against the unstable suites" }),
    suites: z.array(DashboardSuite).optional(),
  })
  .meta({ title: DASHBOARD_SCHEMA_VERSION, description: "variance dashboard fields read by the governance gate" });
