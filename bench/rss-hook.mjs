// Preloaded into the benchmarked process: report its peak RSS (kB) when it exits.
import fs from "node:fs";
process.on("exit", () => {
  const out = process.env.FLAKEWARDEN_BENCH_RSS_FILE;
  if (out) fs.writeFileSync(out, String(process.resourceUsage().maxRSS));
});
