// Detection power (detector.md §7.3): how rare a failure could still be, given P clean passes,
// and how many iterations a target flake rate needs at a confidence level.
import { roundN } from "../format.ts";

export const DEFAULT_CONFIDENCE_TEXT = "0.95";
export const MAX_ITERATIONS = 10_000;

/** The dashboard's top-level `detection_power`. */
export interface DetectionPowerSummary {
  confidence_pct: number;
  target_flake_rate_pct: number | null;
  required_iterations: number | null;
}

const DECIMAL_RE = /^(\d*)\.?(\d*)$/;

/**
 * A probability flag (`--confidence`, `--target-flake-rate`): a plain decimal strictly between
 * 0 and 1, else null. Exponents and signs are refused: the text also becomes a percentage exactly.
 */
export function parseProbability(text: string): number | null {
  const m = DECIMAL_RE.exec(text);
  if (m === null || (m[1] === "" && m[2] === "") || text === ".") return null;
  const value = Number(text.startsWith(".") ? `0${text}` : text.endsWith(".") ? text.slice(0, -1) : text);
  return Number.isFinite(value) && value > 0 && value < 1 ? value : null;
}

/** 100 × the exact decimal written in `text` (0.95 → 95, 0.005 → 0.5), with no binary error. */
export function percentOfDecimalText(text: string): number {
  const m = DECIMAL_RE.exec(text);
  if (m === null) return Number.NaN;
  const int = m[1] ?? "";
  const frac = (m[2] ?? "").padEnd(2, "0");
  const shiftedInt = `${int}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2).replace(/0+$/, "");
  return Number(rest === "" ? shiftedInt || "0" : `${shiftedInt || "0"}.${rest}`);
}

/** Iterations needed so that a flake rate of p shows up with confidence c (at least 2). */
export function requiredIterations(p: number, c: number): number {
  return Math.max(2, Math.ceil(Math.log(1 - c) / Math.log(1 - p) - 1e-9));
}

/** The failure rate above which `passes` clean passes would have been unlikely; null if any run failed. */
export function failureRateUpperBoundPct(passes: number, fails: number, c: number): number | null {
  if (fails !== 0 || passes < 1) return null;
  return roundN(100 * (1 - (1 - c) ** (1 / passes)), 2);
}

export function detectionPowerSummary(confidenceText: string, targetText: string | null): DetectionPowerSummary {
  const c = parseProbability(confidenceText);
  const p = targetText === null ? null : parseProbability(targetText);
  return {
    confidence_pct: percentOfDecimalText(confidenceText),
    target_flake_rate_pct: targetText === null ? null : percentOfDecimalText(targetText),
    required_iterations: p === null || c === null ? null : requiredIterations(p, c),
  };
}
