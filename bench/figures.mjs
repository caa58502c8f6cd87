// One place where a benchmark states a figure and its target. Each call prints nothing itself;
// `bench/run-all.mjs` collects the figures of every benchmark (through BENCH_FIGURES, a file it
// names) and prints them as one table: figure, measured, target, ratio. Run on its own, a
// benchmark still prints its detailed lines.
import fs from "node:fs";

/**
 * @param {{bench: string, figure: string, value: number, unit: string, target: number, better: "lower"|"higher"}} f
 * ratio = value / target for "lower is better" figures and target / value for "higher is better",
 * so a ratio <= 1 always means the target is met.
 */
export function recordFigure(f) {
  const file = process.env.BENCH_FIGURES;
  if (file) fs.appendFileSync(file, `${JSON.stringify(f)}\n`);
}
