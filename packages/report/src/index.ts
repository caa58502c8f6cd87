export * from "./step-summary.ts";
