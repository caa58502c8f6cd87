import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test, { after } from "node:test";
import type { ParsedResult } from "@flakewarden/core";
import { createJunitParser, floorDecimalMsSum, inferResultFormat, parseJunitFile, parseResultFile } from "../src/index.ts";

const fixtures = new URL("./fixtures/junit/", import.meta.url);
const fixture = (name: string): string => new URL(name, fixtures).pathname;
const tmpDirs: string[] = [];
const tmp = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fw-junit-"));
  tmpDirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Parse in-memory XML in chunks of `chunk` bytes (whole by default). */
function parseXml(xml: string | Uint8Array, options: { chunk?: number; prefilter?: boolean } = {}): ParsedResult {
  const bytes = typeof xml === "string" ? Buffer.from(xml, "utf8") : xml;
  const parser = createJunitParser(options.prefilter === undefined ? {} : { prefilter: options.prefilter });
  const size = options.chunk ?? Math.max(bytes.length, 1);
  for (let i = 0; i < bytes.length; i += size) {
    if (!parser.write(bytes.subarray(i, i + size))) break;
  }
  return parser.end();
}

function cases(result: ParsedResult): [string, string][] {
  if (result.kind === "invalid") assert.fail(`expected cases, got ${JSON.stringify(result)}`);
  assert.equal(result.kind, "junit");
  return result.cases.map((c) => [c.id, c.status]);
}

function invalidAt(result: ParsedResult): string {
  if (result.kind !== "invalid") assert.fail(`expected invalid, got ${JSON.stringify(result).slice(0, 200)}`);
  assert.equal(result.format, "junit");
  return `${result.line}:${result.column}`;
}

test("acceptance 31: Surefire flakyFailure only is flaky, failure + 2 rerunFailure fails, skipped skips, a repeat gets #2", async () => {
  const result = await parseResultFile(fixture("surefire-reruns.xml"), "junit");
  assert.deepEqual(cases(result), [
    ["com.example.CheckoutTest::retriesThenPasses", "flaky"],
    ["com.example.CheckoutTest::alwaysFails", "fail"],
    ["com.example.CheckoutTest::disabledOnCi", "skip"],
    ["com.example.CheckoutTest::computesTotal", "pass"],
    ["com.example.CheckoutTest::retriesThenPasses#2", "pass"],
    // rerunError without a final failure still means every attempt failed
    ["com.example.CheckoutTest::rerunsOnly", "fail"],
  ]);
  assert.equal(result.kind === "junit" && result.bailOut, null);
  assert.equal(result.kind === "junit" && result.durationMs, 1750);
});

test("acceptance 31: missing or empty classname falls back to the nearest enclosing <testsuite name>", () => {
  const xml = `<testsuites name="all">
  <testsuite name="outer">
    <testcase name="a"/>
    <testsuite name="inner">
      <testcase name="b" classname=""/>
      <testsuite>
        <testcase name="c"/>
      </testsuite>
    </testsuite>
    <testcase name="d" classname="pkg.D"/>
  </testsuite>
</testsuites>`;
  assert.deepEqual(cases(parseXml(xml)), [
    ["outer::a", "pass"],
    ["inner::b", "pass"],
    ["inner::c", "pass"],
    ["pkg.D::d", "pass"],
  ]);
  assert.deepEqual(cases(parseXml(`<testsuite><testcase name="lonely"/></testsuite>`)), [["::lonely", "pass"]]);
});

test("acceptance 31: repeated ids become #2, #3 in document order", () => {
  const xml = `<testsuite name="s">
  <testcase classname="k" name="t"><failure/></testcase>
  <testcase classname="k" name="u"/>
  <testcase classname="k" name="t"/>
  <testcase classname="k" name="t"><skipped/></testcase>
</testsuite>`;
  assert.deepEqual(cases(parseXml(xml)), [
    ["k::t", "fail"],
    ["k::u", "pass"],
    ["k::t#2", "pass"],
    ["k::t#3", "skip"],
  ]);
});

test("status precedence is fail > flaky > skip > pass, from direct children of <testcase> only", () => {
  const xml = `<testsuite name="s">
  <testcase classname="k" name="flaky-and-failed"><flakyFailure/><failure/></testcase>
  <testcase classname="k" name="error"><error message="npe"/></testcase>
  <testcase classname="k" name="flaky-error"><flakyError/></testcase>
  <testcase classname="k" name="skipped-but-flaky"><skipped/><flakyFailure/></testcase>
  <testcase classname="k" name="nested-failure-ignored"><properties><failure/></properties></testcase>
  <testcase classname="k" name="other-children"><system-out>x</system-out><system-err/><properties/></testcase>
</testsuite>`;
  assert.deepEqual(cases(parseXml(xml)), [
    ["k::flaky-and-failed", "fail"],
    ["k::error", "fail"],
    ["k::flaky-error", "flaky"],
    ["k::skipped-but-flaky", "flaky"],
    ["k::nested-failure-ignored", "pass"],
    ["k::other-children", "pass"],
  ]);
});

/** A report whose first test case has a system-out of `bodyBytes`, written in 1 MiB blocks. */
function writeHugeReport(file: string, style: "escaped" | "cdata", bodyBytes: number): void {
  const line =
    style === "escaped"
      ? "2026-03-10T12:00:00Z worker &lt;3&gt; said &quot;hi&quot; &amp; left &#x263A; ]]&gt; done\n"
      : "2026-03-10T12:00:00Z worker <3> said \"hi\" & left ]] > ]]] ]]\u263A done\n";
  const block = Buffer.from(line.repeat(Math.ceil((1024 * 1024) / line.length)));
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n<testsuite name="huge" time="2.5">\n<testcase classname="big" name="output"><system-out>${style === "cdata" ? "<![CDATA[" : ""}`);
    for (let written = 0; written < bodyBytes; written += block.length) fs.writeSync(fd, block);
    fs.writeSync(fd, `${style === "cdata" ? "]]>" : ""}</system-out></testcase>\n<testcase classname="big" name="after"><failure/></testcase>\n</testsuite>\n</testsuites>\n`);
  } finally {
    fs.closeSync(fd);
  }
}

async function peakHeapGrowth(file: string): Promise<{ result: ParsedResult; growth: number }> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const result = await parseJunitFile(file, {
    onProgress: () => {
      const used = process.memoryUsage().heapUsed;
      if (used > peak) peak = used;
    },
  });
  return { result, growth: peak - before };
}

for (const style of ["escaped", "cdata"] as const) {
  test(`acceptance 31: a 100 MB system-out as ${style === "cdata" ? "one CDATA section" : "escaped text"} parses with peak heapUsed < 32 MiB above the start`, async () => {
    const dir = tmp();
    const file = path.join(dir, `huge-${style}.xml`);
    try {
      writeHugeReport(file, style, 100 * 1024 * 1024);
      assert.ok(fs.statSync(file).size > 100 * 1024 * 1024);
      const { result, growth } = await peakHeapGrowth(file);
      assert.deepEqual(cases(result), [
        ["big::output", "pass"],
        ["big::after", "fail"],
      ]);
      assert.equal(result.kind === "junit" && result.durationMs, 2500);
      assert.ok(growth < 32 * 1024 * 1024, `peak heapUsed grew by ${(growth / 1048576).toFixed(1)} MiB`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("acceptance 31: an empty file is result_invalid at 1:0 (no root element)", async () => {
  const dir = tmp();
  const file = path.join(dir, "empty.xml");
  fs.writeFileSync(file, "");
  const result = await parseResultFile(file, "junit");
  assert.equal(invalidAt(result), "1:0");
  assert.equal(result.kind === "invalid" && result.format, "junit");
  assert.equal(invalidAt(parseXml("\n  \n")), "3:0");
});

test("acceptance 31: <!ENTITY is result_invalid at the end of the DOCTYPE", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE testsuites [
  <!ENTITY boom "boom">
]>
<testsuites><testsuite name="s"><testcase name="&boom;"/></testsuite></testsuites>
`;
  assert.equal(invalidAt(parseXml(xml)), "4:2");
  // Outside a DOCTYPE sax reports it as an SGML declaration: refused where it ends…
  assert.equal(invalidAt(parseXml(`<testsuites>\n<!ENTITY x SYSTEM>\n</testsuites>`)), "2:18");
  // …except that sax never leaves a quoted string in one, so the rest of the input is swallowed
  // and the error comes at its end. Invalid either way.
  assert.equal(invalidAt(parseXml(`<testsuites>\n<!ENTITY x "y">\n</testsuites>`)), "3:13");
  // A DOCTYPE without declarations is skipped.
  assert.deepEqual(cases(parseXml(`<!DOCTYPE testsuites>\n<testsuites><testcase classname="k" name="t"/></testsuites>`)), [["k::t", "pass"]]);
});

test("acceptance 31: a second root element is result_invalid where it starts", () => {
  const xml = `<testsuites>
  <testsuite name="a"><testcase name="t"/></testsuite>
</testsuites>
<testsuites/>
`;
  assert.equal(invalidAt(parseXml(xml)), "4:12");
});

test("acceptance 31: an unclosed tag is result_invalid with line:column", () => {
  const unclosedAtEnd = `<testsuites>
  <testsuite name="a">
    <testcase name="t"/>
  </testsuite>
`;
  assert.equal(invalidAt(parseXml(unclosedAtEnd)), "5:0");
  const unclosedInside = `<testsuites>
  <testsuite name="a">
    <testcase name="t">
  </testsuite>
</testsuites>
`;
  assert.equal(invalidAt(parseXml(unclosedInside)), "4:14");
  const cutInsideTag = `<testsuites>\n  <testsuite name="a`;
  assert.equal(invalidAt(parseXml(cutInsideTag)), "2:20");
});

test("other malformations: wrong root, text or CDATA after the root, unknown <!…>, unquoted attribute", () => {
  const table: [string, string][] = [
    [`<?xml version="1.0"?>\n<report><testcase name="t"/></report>`, "2:8"],
    [`<testsuites/>\ntrailing text`, "2:1"],
    [`<testsuites/>\n<![CDATA[x]]>`, "2:9"],
    [`<testsuites>\n<!FOO bar>\n</testsuites>`, "2:10"],
    [`<testsuites>\n<testcase name=t/>\n</testsuites>`, "2:16"],
    [`text before <testsuites/>`, "1:1"],
    [`<testsuites><testcase name="a&b"/></testsuites>`, "1:32"],
  ];
  for (const [xml, at] of table) assert.equal(invalidAt(parseXml(xml)), at, xml);
});

test("Playwright, jest-junit and Vitest reports", async () => {
  assert.deepEqual(cases(await parseResultFile(fixture("playwright.xml"), "junit")), [
    ["checkout.spec.ts::checkout › adds an item", "pass"],
    ["checkout.spec.ts::checkout › pays with a card", "fail"],
    ["checkout.spec.ts::checkout › shows the total", "pass"],
    ["checkout.spec.ts::checkout › refunds (later)", "skip"],
  ]);
  assert.deepEqual(cases(await parseResultFile(fixture("jest-junit.xml"), "junit")), [
    ["math adds::math adds", "pass"],
    ["math divides by zero::math divides by zero", "fail"],
    ["math rounds halves::math rounds halves", "skip"],
  ]);
  const vitest = await parseResultFile(fixture("vitest.xml"), "junit");
  assert.deepEqual(cases(vitest), [
    ["src/sum.test.ts::sum > adds", "pass"],
    ["src/sum.test.ts::sum > overflows", "fail"],
    ["src/sum.test.ts::sum > later", "skip"],
  ]);
  assert.equal(vitest.kind === "junit" && vitest.durationMs, 512);
});

test("encoding declarations: UTF-8 and US-ASCII in any case are accepted, anything else is invalid", () => {
  const body = `<testsuites><testcase classname="k" name="t"/></testsuites>`;
  for (const encoding of ["UTF-8", "utf-8", "Utf-8", "US-ASCII", "us-ascii"]) {
    assert.deepEqual(cases(parseXml(`<?xml version="1.0" encoding="${encoding}"?>\n${body}`)), [["k::t", "pass"]], encoding);
  }
  assert.deepEqual(cases(parseXml(`<?xml version='1.0' encoding='utf-8' standalone='yes'?>${body}`)), [["k::t", "pass"]]);
  assert.deepEqual(cases(parseXml(`<?xml version="1.0"?>${body}`)), [["k::t", "pass"]]);
  for (const encoding of ["ISO-8859-1", "UTF-16", "windows-1252", "utf8", "latin1"]) {
    const result = parseXml(`<?xml version="1.0" encoding="${encoding}"?>\n${body}`);
    assert.equal(invalidAt(result), `1:${`<?xml version="1.0" encoding="${encoding}"?>`.length}`, encoding);
    assert.match(result.kind === "invalid" ? result.problem : "", new RegExp(encoding));
  }
});

test("a UTF-8 byte order mark is allowed and does not count as a column", () => {
  const xml = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><testsuites><testcase classname="k" name="t"/></testsuites>`)]);
  assert.deepEqual(cases(parseXml(xml)), [["k::t", "pass"]]);
  const broken = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<testsuites></x>`)]);
  assert.equal(invalidAt(parseXml(broken)), "1:16");
});

test("predefined entities and numeric references are decoded; other entities are invalid", () => {
  const xml = `<testsuites><testcase classname="a&amp;b&lt;c&gt;" name="&quot;q&quot; &apos;s&apos; &#65;&#x42; &#x1F600;"/></testsuites>`;
  assert.deepEqual(cases(parseXml(xml)), [[`a&b<c>::"q" 's' AB \u{1F600}`, "pass"]]);
  assert.equal(invalidAt(parseXml(`<testsuites><testcase name="&nbsp;"/></testsuites>`)), "1:34");
  assert.equal(invalidAt(parseXml(`<testsuites><system-out>x &nbsp; y</system-out></testsuites>`)), "1:32");
  assert.equal(invalidAt(parseXml(`<testsuites><system-out>\n&#0;</system-out></testsuites>`)), "2:4");
});

test("invalid UTF-8 decodes as U+FFFD", () => {
  const xml = Buffer.concat([Buffer.from(`<testsuites><testcase classname="k" name="a`), Buffer.from([0xff, 0xc3]), Buffer.from(`b"/></testsuites>`)]);
  assert.deepEqual(cases(parseXml(xml)), [["k::a\uFFFD\uFFFDb", "pass"]]);
  for (const chunk of [1, 2, 3]) assert.deepEqual(cases(parseXml(xml, { chunk })), [["k::a\uFFFD\uFFFDb", "pass"]], `chunk ${chunk}`);
});

test("attribute, comment, processing instruction and DOCTYPE beyond the parser's token limit are invalid; long text is not", () => {
  const long = "x".repeat(200 * 1024);
  for (const xml of [
    `<testsuites><testcase name="${long}"/></testsuites>`,
    `<testsuites><!--${long}--></testsuites>`,
    `<?pi ${long}?><testsuites/>`,
    `<!DOCTYPE testsuites "${long}"><testsuites/>`,
  ]) {
    const result = parseXml(xml, { chunk: 64 * 1024 });
    assert.equal(result.kind, "invalid", xml.slice(0, 30));
    assert.match(result.kind === "invalid" ? result.problem : "", /Max buffer length exceeded/);
  }
  const text = `<testsuites><testcase classname="k" name="t"><failure>${long}</failure><system-out>${long}</system-out><system-err><![CDATA[${long}]]></system-err></testcase></testsuites>`;
  for (const prefilter of [true, false]) assert.deepEqual(cases(parseXml(text, { chunk: 64 * 1024, prefilter })), [["k::t", "fail"]]);
});

test("duration: the root time, else the exact sum of top-level testsuite times, floored to ms; null when unknown", () => {
  const duration = (xml: string): [number | null, string | undefined] => {
    const r = parseXml(xml);
    assert.notEqual(r.kind, "invalid");
    return r.kind === "invalid" ? [null, undefined] : [r.durationMs, r.durationMsExact];
  };
  assert.deepEqual(duration(`<testsuites time="12.3456"><testsuite time="1"/></testsuites>`), [12345, "12345.6"]);
  assert.deepEqual(duration(`<testsuite time="3"/>`), [3000, "3000"]);
  // 0.1 + 0.7 in binary floating point is 0.7999…; the exact sum is 800 ms.
  assert.deepEqual(duration(`<testsuites><testsuite time="0.1"><testsuite time="9"/></testsuite><testsuite time="0.7"/></testsuites>`), [800, "800"]);
  assert.deepEqual(duration(`<testsuites><testsuite time="0.0005"/><testsuite time="0.0005"/></testsuites>`), [1, "1"]);
  assert.deepEqual(duration(`<testsuites><testsuite time="1,234.5"/></testsuites>`), [null, undefined]);
  assert.deepEqual(duration(`<testsuites><testsuite time="1"/><testsuite/></testsuites>`), [null, undefined]);
  assert.deepEqual(duration(`<testsuites time=""><testsuite time="1"/></testsuites>`), [null, undefined]);
  assert.deepEqual(duration(`<testsuites/>`), [null, undefined]);
  assert.deepEqual(duration(`<testsuites time="1e3"/>`), [null, undefined]);
  // Ingest sums a suite's files exactly before flooring.
  assert.equal(floorDecimalMsSum(["0.5", "0.5", "1.25"]), 2);
  assert.equal(floorDecimalMsSum([]), null);
});

const SAMPLES: string[] = [
  fs.readFileSync(fixture("surefire-reruns.xml"), "utf8"),
  fs.readFileSync(fixture("playwright.xml"), "utf8"),
  fs.readFileSync(fixture("vitest.xml"), "utf8"),
  `<testsuites><testcase classname="k" name="t"><system-out><![CDATA[a]]b]]]c\n]]\n]]]></system-out><system-err>&lt;&gt;&amp;&quot;&apos;&#65;\n&#x42;</system-err></testcase></testsuites>`,
  `<testsuites><testcase classname="k" name="t"><system-out>\u263A\u{1F600} line\nline <![CDATA[x\n\u{1F600}y]]> tail &amp;</system-out></testcase></testsuites>`,
  // malformations after skipped content, on the same line and after newlines
  `<testsuites><testcase name="t"><system-out><![CDATA[abc\u{1F600}def]]></system-ou></testcase></testsuites>`,
  `<testsuites><testcase name="t"><system-out>line 1 &lt;\nline 2 &amp; \u263A</system-err></testcase></testsuites>`,
  `<testsuites><testcase name="t"><system-out>line 1\nline 2 &bogus; x</system-out></testcase></testsuites>`,
  `<testsuites><testcase name="t"><system-out><![CDATA[never closed\nat all`,
  `<testsuites><testcase name="t"><system-out>\nstill open &amp;`,
  `<testsuites/>\n\n   <x/>`,
  // character references the pre-filter skips itself (valid) or leaves to sax (everything else)
  `<testsuites><system-out>&#65;&#0065;&#x41;&#X41;&#x263a;&#x1F600;&#9;&#10;&#13;&#12345678;&#x10FFFF;</system-out></testsuites>`,
  ...["&#0;", "&#27;", "&#xD800;", "&#x110000;", "&#1114112;", "&#;", "&#x;", "&#x12g;", "&#123456789012;", "&#65", "&#"].map(
    (ref) => `<testsuites><system-out>ok\nbefore ${ref} after</system-out></testsuites>`,
  ),
  `<testsuites><system-out><![cdata[lower-case CDATA is accepted by sax]]></system-out></testsuites>`,
];

test("the pre-filter changes nothing but speed: every chunk size, with and without it, gives the same result and positions", () => {
  for (const sample of SAMPLES) {
    const reference = parseXml(sample, { prefilter: false });
    for (const chunk of [1, 2, 3, 4, 5, 7, 9, 10, 13, 64 * 1024]) {
      assert.deepEqual(parseXml(sample, { chunk }), reference, `chunk ${chunk}: ${sample.slice(0, 60)}`);
      assert.deepEqual(parseXml(sample, { chunk, prefilter: false }), reference, `chunk ${chunk} without pre-filter`);
    }
  }
  // The positions themselves: after a skipped CDATA with an astral character (two UTF-16 units)…
  assert.equal(invalidAt(parseXml(SAMPLES[5] as string)), "1:75");
  // …and after skipped text spanning a newline.
  assert.equal(invalidAt(parseXml(SAMPLES[6] as string)), "2:27");
  assert.equal(invalidAt(parseXml(SAMPLES[7] as string)), "2:14");
});

test("inferResultFormat maps .xml and .tap in any case; parseResultFile rejects an unreadable file", async () => {
  assert.equal(inferResultFormat("out/junit.xml"), "junit");
  assert.equal(inferResultFormat("OUT/REPORT.XML"), "junit");
  assert.equal(inferResultFormat("results.tap"), "tap");
  assert.equal(inferResultFormat("results.TAP"), "tap");
  assert.equal(inferResultFormat("results.json"), null);
  assert.equal(inferResultFormat("xml"), null);
  await assert.rejects(parseResultFile(path.join(tmp(), "absent.xml"), "junit"), { code: "ENOENT" });
});
