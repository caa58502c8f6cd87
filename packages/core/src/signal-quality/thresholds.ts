// The signal-quality threshold flags (detector.md §2.5), in the order the report, the messages
// and the rerun command list them. The flag text is kept: messages quote it as typed.

export const SIGNAL_QUALITY_THRESHOLDS = [
  { flag: "--max-flake-rate-pct", key: "max_flake_rate_pct", default: "0", integer: false },
  { flag: "--max-false-positive-rate-pct", key: "max_false_positive_rate_pct", default: "5", integer: false },
  { flag: "--max-runtime-ratio", key: "max_runtime_ratio", default: "1.0", integer: false },
  { flag: "--max-deterministic-failures", key: "max_deterministic_failures", default: "0", integer: true },
] as const;

export type ThresholdDefinition = (typeof SIGNAL_QUALITY_THRESHOLDS)[number];
export type ThresholdKey = ThresholdDefinition["key"];

/** One threshold as the command line left it: the text (typed, or the default) and whether it was typed. */
export interface ThresholdText {
  text: string;
  given: boolean;
}

export type ThresholdTexts = Record<ThresholdKey, ThresholdText>;

const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;

/** Whether a typed value is acceptable: plain decimals only, so `1e3`, `-1` and `.5` are refused. */
export function isValidThresholdText(definition: ThresholdDefinition, text: string): boolean {
  return (definition.integer ? INTEGER : DECIMAL).test(text);
}

/** Texts for every threshold: the typed ones, the defaults for the rest. */
export function thresholdTexts(typed: Partial<Record<ThresholdKey, string>>): ThresholdTexts {
  const out = {} as ThresholdTexts;
  for (const definition of SIGNAL_QUALITY_THRESHOLDS) {
    const text = typed[definition.key];
    out[definition.key] = text === undefined ? { text: definition.default, given: false } : { text, given: true };
  }
  return out;
}
