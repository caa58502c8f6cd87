// A real Verdaccio on 127.0.0.1 for the `rollback npm` tests: temporary storage, no uplinks, two
// htpasswd users created through the registry's adduser API, and npm userconfigs that point npm
// at it alone (update-notifier off, its own cache), so no other registry is ever contacted.
import { spawn, execFile, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, tempDir } from "./cli.ts";

const run = promisify(execFile);
const VERDACCIO_BIN = path.join(REPO_ROOT, "node_modules", ".bin", "verdaccio");

// @fwtest/locked accepts publishes (and so dist-tag moves) from fw-admin only.
const CONFIG = `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
    max_users: 2
uplinks: {}
packages:
  '@fwtest/locked':
    access: $all
    publish: fw-admin
    unpublish: fw-admin
  '**':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
web:
  enable: false
log: { type: stdout, format: pretty, level: error }
`;

export interface TestRegistry {
  url: string;
  dir: string;
  /** Userconfig of fw-operator (rollbacks run as this user). */
  operatorConfig: string;
  /** Userconfig of fw-admin (seeding, deprecating). */
  adminConfig: string;
  /** Userconfig pointing at the registry without any token. */
  anonymousConfig: string;
  /** Environment for npm and for the CLI under test. */
  env(userconfig: string): Record<string, string>;
  /** Put the seeded storage back: every test starts from the same registry state. */
  restore(): void;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${url}/-/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`verdaccio did not answer within 30 s:\n${log()}`);
}

async function addUser(url: string, name: string, password: string): Promise<string> {
  const response = await fetch(`${url}/-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || typeof body.token !== "string") throw new Error(`adduser ${name} failed: ${JSON.stringify(body)}`);
  return body.token;
}

export async function startRegistry(): Promise<TestRegistry> {
  const dir = tempDir("fw-verdaccio-");
  fs.writeFileSync(path.join(dir, "config.yaml"), CONFIG);
  fs.writeFileSync(path.join(dir, "htpasswd"), "");
  fs.mkdirSync(path.join(dir, "home"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(VERDACCIO_BIN, ["--config", path.join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "", HOME: path.join(dir, "home") },
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      const exited = new Promise((r) => child.once("exit", r));
      let killed = true;
      try {
        // The whole group, so nothing Verdaccio started outlives the test file.
        process.kill(-child.pid, "SIGKILL");
      } catch {
        killed = false;
      }
      if (killed) await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilUp(url, child, () => output);
    const userconfig = (name: string, token: string | null): string => {
      const file = path.join(dir, `${name}.npmrc`);
      const lines = [`registry=${url}/`, "update-notifier=false", "audit=false", "fund=false", `cache=${path.join(dir, "npm-cache")}`, "logs-max=0"];
      if (token !== null) lines.push(`//127.0.0.1:${port}/:_authToken=${token}`);
      fs.writeFileSync(file, `${lines.join("\n")}\n`);
      return file;
    };
    const adminConfig = userconfig("admin", await addUser(url, "fw-admin", "fw-admin-password"));
    const operatorConfig = userconfig("operator", await addUser(url, "fw-operator", "fw-operator-password"));
    const anonymousConfig = userconfig("anonymous", null);
    const env = (cfg: string): Record<string, string> => ({
      PATH: process.env.PATH ?? "",
      HOME: path.join(dir, "home"),
      NPM_CONFIG_USERCONFIG: cfg,
      NO_COLOR: "1",
    });
    await seed(dir, env(adminConfig));
    const storage = path.join(dir, "storage");
    const snapshot = path.join(dir, "snapshot");
    fs.cpSync(storage, snapshot, { recursive: true });
    return {
      url,
      dir,
      operatorConfig,
      adminConfig,
      anonymousConfig,
      env,
      restore() {
        fs.rmSync(path.join(storage, "@fwtest"), { recursive: true, force: true });
        fs.cpSync(path.join(snapshot, "@fwtest"), path.join(storage, "@fwtest"), { recursive: true });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** 1.0.0, 1.1.0 (latest), 1.2.0-rc.1 (next) of each package, plus @fwtest/core@1.0.5 as `backport`. */
async function seed(dir: string, env: Record<string, string>): Promise<void> {
  const publishes: Record<string, [string, string][]> = {
    "@fwtest/core": [["1.0.0", "latest"], ["1.0.5", "backport"], ["1.1.0", "latest"], ["1.2.0-rc.1", "next"]],
    "@fwtest/ui": [["1.0.0", "latest"], ["1.1.0", "latest"], ["1.2.0-rc.1", "next"]],
    "@fwtest/locked": [["1.0.0", "latest"], ["1.1.0", "latest"], ["1.2.0-rc.1", "next"]],
  };
  await Promise.all(
    Object.entries(publishes).map(async ([name, versions]) => {
      for (const [version, tag] of versions) {
        const pkgDir = path.join(dir, "packages", `${name.replace("/", "__")}-${version}`);
        fs.mkdirSync(pkgDir, { recursive: true });
        fs.writeFileSync(path.join(pkgDir, "package.json"), `${JSON.stringify({ name, version, description: "flakewarden rollback test package" })}\n`);
        await run("npm", ["publish", "--tag", tag], { cwd: pkgDir, env });
      }
    }),
  );
}

/** `npm view <pkg> dist-tags --json`, as a user would read the registry back. */
export async function distTagsViaNpm(registry: TestRegistry, pkg: string): Promise<Record<string, string>> {
  const { stdout } = await run("npm", ["view", pkg, "dist-tags", "--json", "--registry", registry.url], { cwd: registry.dir, env: registry.env(registry.operatorConfig) });
  return JSON.parse(stdout) as Record<string, string>;
}

/** The same dist-tags straight from the registry's HTTP API (no npm start-up per read). */
export async function distTags(registry: TestRegistry, pkg: string): Promise<Record<string, string>> {
  const response = await fetch(`${registry.url}/${pkg.replace("/", "%2f")}`);
  if (!response.ok) throw new Error(`GET ${pkg}: ${response.status}`);
  return ((await response.json()) as { "dist-tags": Record<string, string> })["dist-tags"];
}

/** A package's `time` field (publish time per version) from the registry's HTTP API. */
export async function publishTimes(registry: TestRegistry, pkg: string): Promise<Record<string, string>> {
  const response = await fetch(`${registry.url}/${pkg.replace("/", "%2f")}`);
  return ((await response.json()) as { time: Record<string, string> }).time;
}

/** `npm view <pkg>@<v> deprecated --json`: the message, or null. */
export async function deprecation(registry: TestRegistry, spec: string): Promise<string | null> {
  const { stdout } = await run("npm", ["view", spec, "deprecated", "--json", "--registry", registry.url], { cwd: registry.dir, env: registry.env(registry.operatorConfig) });
  return stdout.trim() === "" ? null : (JSON.parse(stdout) as string);
}

/** Run npm as a given user (e.g. fw-admin deprecating a version before a test). */
export async function npmAs(registry: TestRegistry, userconfig: string, args: string[]): Promise<void> {
  await run("npm", [...args, "--registry", registry.url], { cwd: registry.dir, env: registry.env(userconfig) });
}
