export * from "./run-argv.ts";
export * from "./git-sha.ts";
