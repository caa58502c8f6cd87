// `npm test`: typecheck and every package's tests through turbo, then one closing line that
// adds up node:test's per-package counts (turbo prints each package's summary separately).
import { spawn } from "node:child_process";

const child = spawn("npx", ["--no-install", "turbo", "run", "typecheck", "test", "--concurrency=1", "--log-order=grouped"], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
});
let passed = 0;
let failed = 0;
let buffer = "";
child.stdout.setEncoding("utf8").on("data", (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk;
  const lines = buffer.split("\n");
  buffer = lines.pop() ?? "";
  for (const line of lines) {
    const m = /# (pass|fail) (\d+)\s*$/.exec(line);
    if (m?.[1] === "pass") passed += Number(m[2]);
    if (m?.[1] === "fail") failed += Number(m[2]);
  }
});
child.on("close", (code) => {
  console.log(`\nall packages: ${passed} passed, ${failed} failed`);
  if (code === 0 && passed === 0) {
    console.error("no test ran: refusing to call that a pass");
    process.exit(1);
  }
  process.exit(code ?? 1);
});
