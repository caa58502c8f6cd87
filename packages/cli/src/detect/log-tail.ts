// `--verbose`: the end of a non-passing run's log on stderr, so CI output shows why it failed.
import { Buffer } from "node:buffer";
import fs from "node:fs";

export const TAIL_LINES = 20;
/** Only the end of a huge log is read. */
const TAIL_BYTES = 64 * 1024;

export function logTail(abs: string, display: string): string {
  let text = "";
  try {
    const fd = fs.openSync(abs, "r");
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, size - length);
      text = buffer.toString("utf8");
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    text = "";
  }
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const tail = lines.slice(-TAIL_LINES).map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  return `--- tail: ${display} ---\n${tail.map((l) => `${l}\n`).join("")}--- end tail ---\n`;
}
