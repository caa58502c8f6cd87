// A real process that takes the manifest lock and holds it until a signal arrives, so tests can
// check what the lock file holds and that SIGINT/SIGTERM release it. Usage:
//   node --import tsx hold-manifest-lock.ts <manifest path>
import process from "node:process";
import { withManifestLock } from "../../src/quarantine/manifest-lock.ts";

const manifest = process.argv[2];
if (manifest === undefined) throw new Error("usage: hold-manifest-lock.ts <manifest path>");
await withManifestLock(manifest, { timeoutS: 5, stderr: process.stderr, lockDisplay: `${manifest}.lock` }, async () => {
  process.stdout.write("locked\n");
  // Hold the lock (and keep the event loop alive) until the test signals us.
  await new Promise((resolve) => setTimeout(resolve, 120_000));
});
process.stdout.write("released\n");
