// Result-file ingestion benchmark (detector.md §7.1): a ~200 MB JUnit report with many test
// cases, CDATA and escaped system-out/system-err bodies and failure stack traces, parsed by
// parseResultFile in a fresh process. Prints throughput and peak RSS against the targets.
// Run: node --import tsx bench/ingest.bench.mjs   (BENCH_RUNS, BENCH_MB to change the defaults)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { recordFigure } from "./figures.mjs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const hook = path.join(here, "rss-hook.mjs");
const self = fileURLToPath(import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_FILE_MB = Number(process.env.BENCH_MB ?? 200);
const TARGET_MB_PER_S = 50;
const TARGET_RSS_MB = 150;

// Child mode: parse one file (or only load the parser, for the baseline) and report as JSON.
if (process.argv[2] === "--parse" || process.argv[2] === "--baseline") {
  const { parseResultFile } = await import(pathToFileURL(path.join(repo, "packages/forensics/src/index.ts")).href);
  if (process.argv[2] === "--baseline") {
    console.log(JSON.stringify({ ok: true }));
  } else {
    const start = process.hrtime.bigint();
    const result = await parseResultFile(process.argv[3], "junit");
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(JSON.stringify({ ms, kind: result.kind, cases: result.kind === "invalid" ? 0 : result.cases.length }));
  }
} else {
  main();
}

/** Write the report in ~1 MB batches; returns its size in bytes and number of test cases. */
function generate(file, targetBytes) {
  const fd = fs.openSync(file, "w");
  let size = 0;
  let batch = [];
  let batchLength = 0;
  const write = (text) => {
    batch.push(text);
    batchLength += text.length;
    if (batchLength > 1 << 20) flush();
  };
  const flush = () => {
    const bytes = Buffer.from(batch.join(""));
    fs.writeSync(fd, bytes);
    size += bytes.length;
    batch = [];
    batchLength = 0;
  };
  const logLine = (i, j) =>
    `2026-03-10T12:00:${String(j % 60).padStart(2, "0")}.123Z INFO [worker-${i % 8}] step ${j}: GET /api/items/${i * 7 + j} -> 200 OK in ${j % 17}ms\n`;
  write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench" time="4321.5">\n`);
  let cases = 0;
  for (let suite = 0; size + batchLength < targetBytes; suite++) {
    write(`  <testsuite name="pkg.module${suite}.Suite" tests="100" failures="3" time="12.345">\n`);
    for (let k = 0; k < 100; k++, cases++) {
      write(`    <testcase classname="pkg.module${suite}.Suite" name="test_case_${cases}[param=${k}]" time="0.${String(cases % 1000).padStart(3, "0")}">\n`);
      if (k % 33 === 5) {
        write(
          `      <failure message="expected 1 but got 2" type="AssertionError"><![CDATA[AssertionError: expected 1 but got 2\n` +
            `    at Object.<anonymous> (test/file${k}.test.js:12:5)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n]]></failure>\n`,
        );
      }
      if (k % 2 === 0) {
        let body = "";
        for (let j = 0; j < 8; j++) body += logLine(cases, j);
        write(`      <system-out><![CDATA[${body}]]></system-out>\n`);
      } else {
        let body = "";
        for (let j = 0; j < 6; j++) body += logLine(cases, j).replace("->", "-&gt;").replace("INFO", "&lt;warn&gt; &#x2192;");
        write(`      <system-err>${body}</system-err>\n`);
      }
      write(`    </testcase>\n`);
    }
    write(`  </testsuite>\n`);
  }
  write(`</testsuites>\n`);
  flush();
  fs.closeSync(fd);
  return { size, cases };
}

function child(args, rssFile) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--import", hook, self, ...args], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, FLAKEWARDEN_BENCH_RSS_FILE: rssFile },
  });
  if (r.status !== 0) throw new Error(`benchmark child exited ${r.status}: ${r.stderr}`);
  return { ...JSON.parse(r.stdout), rssMb: Number(fs.readFileSync(rssFile, "utf8")) / 1024 };
}

function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fw-bench-ingest-"));
  try {
    const file = path.join(dir, "report.xml");
    const { size, cases } = generate(file, TARGET_FILE_MB * 1e6);
    const mb = size / 1e6;
    console.log(`ingest benchmark (node ${process.version}, ${os.cpus().length} cores): JUnit ${mb.toFixed(0)} MB, ${cases} test cases`);
    const rssFile = path.join(dir, ".rss");
    const baseline = child(["--baseline"], rssFile);
    child(["--parse", file], rssFile); // warm the file cache
    const runs = Array.from({ length: RUNS }, () => child(["--parse", file], rssFile));
    for (const run of runs) {
      if (run.kind !== "junit" || run.cases !== cases) throw new Error(`parsed ${run.kind} with ${run.cases} cases, expected ${cases}`);
    }
    const rates = runs.map((r) => mb / (r.ms / 1000)).sort((a, b) => a - b);
    const median = rates[Math.floor(rates.length / 2)];
    const best = rates[rates.length - 1];
    const rss = Math.max(...runs.map((r) => r.rssMb));
    console.log(
      `  throughput best ${best.toFixed(1)} MB/s, median ${median.toFixed(1)} MB/s over ${RUNS} runs` +
        ` (target >= ${TARGET_MB_PER_S} MB/s; ratio ${(median / TARGET_MB_PER_S).toFixed(2)})`,
    );
    recordFigure({ bench: "ingest", figure: `JUnit ${mb.toFixed(0)} MB: throughput (median)`, value: median, unit: "MB/s", target: TARGET_MB_PER_S, better: "higher" });
    recordFigure({ bench: "ingest", figure: `JUnit ${mb.toFixed(0)} MB: peak RSS`, value: rss, unit: "MB", target: TARGET_RSS_MB, better: "lower" });
    console.log(
      `  peak RSS   ${rss.toFixed(0)} MB (target < ${TARGET_RSS_MB} MB; ratio ${(rss / TARGET_RSS_MB).toFixed(2)});` +
        ` node + tsx + parser loaded, nothing parsed: ${baseline.rssMb.toFixed(0)} MB`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
