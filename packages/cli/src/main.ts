// The only file that touches the real process.
import process from "node:process";
import { main } from "./run.ts";

process.exitCode = await main({
  argv: process.argv,
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => Date.now(),
});
