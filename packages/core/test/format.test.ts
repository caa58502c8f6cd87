// fmtN, num and show (gate.md §4.1): the one rounding and value-printing rule every message uses.
import assert from "node:assert/strict";
import test from "node:test";
import { cutCodePoints, escapeControls, fmt1, fmt2, fmtN, num, roundN, show } from "../src/index.ts";

test("fmt2 rounds ties to even on the exact binary value (every gate.md §4.1 example)", () => {
  assert.equal(fmt2(0.125), "0.12");
  assert.equal(fmt2(3.125), "3.12");
  assert.equal(fmt2(2.675), "2.67");
  assert.equal(fmt2(200 / 3), "66.67");
  assert.equal(fmt2(100 / 3), "33.33");
});

test("fmt1 rounds ties to even on the exact binary value (every gate.md §4.1 example)", () => {
  assert.equal(fmt1(0.25), "0.2");
  assert.equal(fmt1(2.25), "2.2");
  assert.equal(fmt1(0.45), "0.5");
});

test("fmtN differs from toFixed exactly where toFixed rounds a tie up", () => {
  // The reason fmtN exists: toFixed rounds these binary ties away from zero.
  assert.equal((0.125).toFixed(2), "0.13");
  assert.equal(fmt2(0.125), "0.12");
  assert.equal((0.25).toFixed(1), "0.3");
  assert.equal(fmt1(0.25), "0.2");
});

test("fmtN matches Python's '%.2f' on values just off a tie (expected values computed with CPython)", () => {
  assert.equal(fmt2(0.005), "0.01"); // 0.005 is slightly above the tie in binary
  assert.equal(fmt2(1.005), "1.00"); // 1.005 is slightly below
  assert.equal(fmt2(0.015), "0.01");
  assert.equal(fmt2(99.995), "100.00");
  assert.equal(fmt2(1234567.005), "1234567.00");
  assert.equal(fmt1(0.05), "0.1");
  assert.equal(fmt1(0.35), "0.3");
  assert.equal(fmt2(3.124999), "3.12");
  assert.equal(fmt2(3.125001), "3.13");
});

test("fmtN pads to exactly N fraction digits", () => {
  assert.equal(fmt2(0), "0.00");
  assert.equal(fmt1(0), "0.0");
  assert.equal(fmt2(50), "50.00");
  assert.equal(fmt1(216), "216.0");
  assert.equal(fmt2(0.1), "0.10");
  assert.equal(fmt2(5e-324), "0.00");
  assert.equal(fmtN(2.5, 0), "2");
  assert.equal(fmtN(3.5, 0), "4");
  assert.equal(fmtN(1 / 3, 5), "0.33333");
});

test("fmtN writes large values in full positional notation, never exponent form", () => {
  assert.equal(fmt2(123456789.125), "123456789.12");
  assert.equal(fmt2(2 ** 53), "9007199254740992.00");
  assert.equal(fmt2(1e21), "1000000000000000000000.00");
  assert.equal(fmt1(2.25e10), "22500000000.0");
  // CPython: '%.2f' % 1e300
  assert.equal(
    fmt2(1e300),
    "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.00",
  );
});

test("fmtN keeps the sign of negative values", () => {
  assert.equal(fmt2(-0.125), "-0.12");
  assert.equal(fmt2(-66.666), "-66.67");
});

test("roundN gives the fmtN value as a JSON number", () => {
  assert.equal(roundN(2.675, 2), 2.67);
  assert.equal(roundN(0.125, 2), 0.12);
  assert.equal(roundN(200 / 3, 2), 66.67);
  assert.equal(roundN(3.125, 2), 3.12);
});

test("num prints policy values in shortest round-trip form", () => {
  assert.equal(num(0), "0");
  assert.equal(num(5), "5");
  assert.equal(num(5.0), "5");
  assert.equal(num(2.5), "2.5");
  assert.equal(num(72.0), "72");
  assert.equal(num(0.1 + 0.2), "0.30000000000000004");
  assert.equal(num(-3), "-3");
});

test("show: absent and null print as None", () => {
  assert.equal(show(null), "None");
  assert.equal(show(undefined), "None");
});

test("show: booleans print lowercase, numbers through num", () => {
  assert.equal(show(true), "true");
  assert.equal(show(false), "false");
  assert.equal(show(0), "0");
  assert.equal(show(72.0), "72");
  assert.equal(show(2.5), "2.5");
});

test("show: strings print as they are when short and free of control characters", () => {
  assert.equal(show("Q-1"), "Q-1");
  assert.equal(show(""), "");
  assert.equal(show("naïve – ünïcode 😀"), "naïve – ünïcode 😀");
});

test("show: arrays and objects print as compact JSON", () => {
  assert.equal(show(["open"]), '["open"]');
  assert.equal(show([]), "[]");
  assert.equal(show({}), "{}");
  assert.equal(show({ a: 1, b: [true, null, "x"] }), '{"a":1,"b":[true,null,"x"]}');
  assert.equal(show([1, 2.5]), "[1,2.5]");
});

test("show: control characters are escaped as \\n \\r \\t or lowercase \\u00xx", () => {
  assert.equal(show("a\nb"), "a\\nb");
  assert.equal(show("a\rb"), "a\\rb");
  assert.equal(show("a\tb"), "a\\tb");
  assert.equal(show("\u0000"), "\\u0000");
  assert.equal(show("\u001b[31m"), "\\u001b[31m");
  assert.equal(show("\u001f"), "\\u001f");
  assert.equal(show("\u007f"), "\\u007f");
  assert.equal(show("\u0085"), "\\u0085");
  assert.equal(show("\u009f"), "\\u009f");
  assert.equal(show("\u000b\u000c"), "\\u000b\\u000c");
  // Just outside the two control ranges: printed as is.
  assert.equal(show("\u0020\u007e\u00a0"), " ~\u00a0");
  // No escaped output ever spans two lines.
  assert.equal(show("x\ny\r\nz").includes("\n"), false);
});

test("show: escapeControls is the escaping step show uses", () => {
  assert.equal(escapeControls("a\n\u0001\u009f"), "a\\n\\u0001\\u009f");
  assert.equal(escapeControls("plain"), "plain");
});

test("show: exactly 200 code points are kept whole", () => {
  const text = "x".repeat(200);
  assert.equal(show(text), text);
});

test("show: more than 200 code points are cut to 199 plus an ellipsis", () => {
  const cut = show("x".repeat(201));
  assert.equal(cut, `${"x".repeat(199)}…`);
  assert.equal(Array.from(cut).length, 200);
  assert.equal(show("y".repeat(5000)), `${"y".repeat(199)}…`);
});

test("show: astral characters count as one code point each", () => {
  // 200 emoji are 400 UTF-16 units but 200 code points: not cut.
  const twoHundred = "😀".repeat(200);
  assert.equal(show(twoHundred), twoHundred);
  // 201 emoji: cut to 199 emoji, never splitting a surrogate pair.
  assert.equal(show("😀".repeat(201)), `${"😀".repeat(199)}…`);
  assert.equal(show(`${"a".repeat(198)}😀😀😀`), `${"a".repeat(198)}😀…`);
});

test("show: escaping happens before cutting, so escapes count toward the limit", () => {
  // 195 + 3 newlines = 198 code points raw, 201 escaped.
  assert.equal(show(`${"x".repeat(195)}\n\n\n`), `${"x".repeat(195)}\\n\\n…`);
  // 500 characters with a newline: one line, 200 code points.
  const shown = show(`${"a".repeat(10)}\n${"b".repeat(489)}`);
  assert.equal(shown, `${"a".repeat(10)}\\n${"b".repeat(187)}…`);
  assert.equal(Array.from(shown).length, 200);
});

test("show: long arrays and objects are cut like strings", () => {
  const value = Array.from({ length: 100 }, () => "abc");
  const json = JSON.stringify(value);
  assert.equal(json.length, 601);
  assert.equal(show(value), `${json.slice(0, 199)}…`);
});

test("cutCodePoints keeps text at the limit and cuts above it", () => {
  assert.equal(cutCodePoints("abcd", 4), "abcd");
  assert.equal(cutCodePoints("abcde", 4), "abc…");
  assert.equal(cutCodePoints("😀😀😀😀😀", 4), "😀😀😀…");
});
