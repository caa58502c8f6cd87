export * from "./step-summary.ts";
export * from "./rollback-instructions.ts";
export * from "./npm-rollback-instructions.ts";
