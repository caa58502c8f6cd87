// Repository conventions that the type checker does not see.
import fs from "node:fs";
import path from "node:path";

const problems = [];
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
for (const pkg of fs.readdirSync(path.join(root, "packages"))) {
  const src = path.join(root, "packages", pkg, "src");
  for (const rel of fs.readdirSync(src, { recursive: true })) {
    const file = path.join(src, String(rel));
    if (!file.endsWith(".ts")) continue;
    const base = path.basename(file);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*\.ts$/.test(base)) problems.push(`${file}: file names are kebab-case`);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
      if (!m[1].endsWith(".ts")) problems.push(`${file}: relative import ${m[1]} must end in .ts`);
    }
    if (/\benum\s+\w+/.test(text)) problems.push(`${file}: no enums (erasableSyntaxOnly, Deno)`);
    if (/from\s+"npm:/.test(text)) problems.push(`${file}: no npm: specifiers`);
    if (pkg !== "cli" && /process\.exit\(/.test(text)) problems.push(`${file}: only main exits`);
  }
}
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log("lint: ok");
