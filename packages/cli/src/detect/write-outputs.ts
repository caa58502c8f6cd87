// The files of one detect / merge / ingest run, written in the one order readers rely on.
import path from "node:path";
import type { AssembledOutputs } from "@flakewarden/core";
import { writeOutput } from "../output.ts";

/**
 * Test tables, events and summary first, the dashboard last: a reader that finds the dashboard
 * finds everything else. Paths shown in errors are `<out as given>/<run id>/<file>`.
 */
export function writeRunOutputs(outputs: AssembledOutputs, runDir: string, outDisplay: string, runId: string): void {
  const write = (rel: string, text: string): void =>
    writeOutput({ abs: path.join(runDir, rel), display: path.posix.join(outDisplay, runId, rel) }, text);
  for (const table of outputs.testTables) write(table.path, table.text);
  write("variance_events.ndjson", outputs.eventsNdjson);
  write("summary.txt", outputs.summaryText);
  write("variance_dashboard.json", outputs.dashboardJson);
}
