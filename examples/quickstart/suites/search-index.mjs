// Quickstart suite "search_index": builds a tiny inverted index and queries it, reporting each
// query as a JUnit test case in $FLAKEWARDEN_RESULT_FILE.
import fs from "node:fs";
import path from "node:path";

const docs = { 1: "flaky tests hide real bugs", 2: "quarantine flaky suites", 3: "release gates fail closed" };
const index = new Map();
for (const [id, text] of Object.entries(docs)) {
  for (const word of text.split(" ")) index.set(word, [...(index.get(word) ?? []), id]);
}
const queries = [
  ["flaky", "1,2"],
  ["gates", "3"],
  ["missing", ""],
];
const cases = queries.map(([word, expected]) => {
  const got = (index.get(word) ?? []).join(",");
  const body = got === expected ? "" : `<failure message="expected ${expected}, got ${got}"/>`;
  return `    <testcase classname="search_index" name="query ${word}">${body}</testcase>`;
});
const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="search_index" tests="${cases.length}">\n${cases.join("\n")}\n</testsuite>\n`;
const out = process.env.FLAKEWARDEN_RESULT_FILE;
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, xml);
console.log(`search_index: ${cases.length} queries`);
