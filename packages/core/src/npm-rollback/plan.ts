// The rollback plan: safety analysis of what the registry reported, then the ordered npm
// commands. Everything here is decided before anything moves, so a dry run and an execute
// run of the same inputs agree on what would happen.
import { quoteCommand } from "../shell-quote.ts";
import type { PackageView, ViewResult } from "./registry-view.ts";
import type { RollbackRequest } from "./request.ts";
import { compareSemver, isPrerelease } from "./semver.ts";
import { unpublishEligibility, type UnpublishEligibility } from "./unpublish-eligibility.ts";

export type NpmSafetyStatus = "pass" | "warn" | "fail" | "skip";

export interface NpmSafetyCheck {
  check_id: string;
  package: string | null;
  status: NpmSafetyStatus;
  detail: string;
}

export type NpmCommandKind = "dist_tag_add" | "deprecate" | "verify";

export interface NpmPlannedCommand {
  /** Starts with `npm`; the OTP is masked. The command swaps in the real binary and code. */
  argv: string[];
  display: string;
  kind: NpmCommandKind;
  package: string;
}

/** What was read for one package before planning. */
export interface PackageRead {
  view: ViewResult<PackageView>;
  /** Deprecation message per version that was asked about (null = not deprecated). */
  deprecated: Record<string, ViewResult<string | null>>;
}

export type NpmPlanStatus = "planned" | "blocked" | "noop";

export interface NpmRollbackPlan {
  status: NpmPlanStatus;
  safety_checks: NpmSafetyCheck[];
  commands: NpmPlannedCommand[];
  unpublish_eligibility: UnpublishEligibility[];
  /** Tag holder per package before the rollback (null when the tag is absent or unread). */
  previous_holders: Record<string, string | null>;
  already_in_place: string[];
  /** Packages whose `--deprecate` version already carries a deprecation. */
  already_deprecated: string[];
}

export interface NpmPlanInput {
  request: RollbackRequest;
  reads: Record<string, PackageRead>;
  /** Config `rollback.npm.packages`, when set: the release set that must move together. */
  releaseSet: string[] | null;
  nowMs: number;
}

/** The versions whose deprecation state a plan needs, once `npm view <pkg>` has answered. */
export function versionsToCheck(request: RollbackRequest, view: PackageView): string[] {
  const wanted = [request.to, ...(request.deprecate === null ? [] : [request.deprecate])];
  return wanted.filter((v) => view.versions.includes(v));
}

const OTP_MASK = "***";

function tail(request: RollbackRequest, mutating: boolean): string[] {
  return [...(mutating && request.otp !== null ? ["--otp", OTP_MASK] : []), ...(request.registry === null ? [] : ["--registry", request.registry])];
}

/**
 * `operand` is a user value placed last (the deprecation message). npm parses its own options out
 * of every argument, so a message starting with `-` (e.g. `--registry=…`) would be taken as an
 * option; such a message goes after the options and a `--` that ends them.
 */
function command(request: RollbackRequest, kind: NpmCommandKind, pkg: string, args: string[], operand: string | null = null): NpmPlannedCommand {
  const optionLike = operand !== null && operand.startsWith("-");
  const argv = [
    "npm",
    ...args,
    ...(operand !== null && !optionLike ? [operand] : []),
    ...tail(request, kind !== "verify"),
    ...(optionLike ? ["--", operand] : []),
  ];
  // The masked OTP is shown as a bare `***` (the documented action-line form), everything else is quoted for sh.
  const display = argv.map((token, i) => (token === OTP_MASK && argv[i - 1] === "--otp" ? OTP_MASK : quoteCommand([token]))).join(" ");
  return { argv, display, kind, package: pkg };
}

export function planRollback(input: NpmPlanInput): NpmRollbackPlan {
  const { request, reads } = input;
  const checks: NpmSafetyCheck[] = [];
  const add = (check_id: string, pkg: string | null, status: NpmSafetyStatus, detail: string): void => {
    checks.push({ check_id, package: pkg, status, detail });
  };
  const views = new Map<string, PackageView>();
  for (const pkg of request.packages) {
    const read = reads[pkg];
    if (read?.view.ok === true) views.set(pkg, read.view.value);
  }
  const holder = (pkg: string): string | null => views.get(pkg)?.distTags[request.tag] ?? null;
  const perPackage = (checkId: string, judge: (pkg: string, view: PackageView) => [NpmSafetyStatus, string]): void => {
    for (const pkg of request.packages) {
      const view = views.get(pkg);
      if (view === undefined) add(checkId, pkg, "skip", "registry read failed");
      else add(checkId, pkg, ...judge(pkg, view));
    }
  };

  for (const pkg of request.packages) {
    const view = reads[pkg]?.view;
    if (view?.ok === true) add("registry_readable", pkg, "pass", `${view.value.versions.length} version(s) listed`);
    else add("registry_readable", pkg, "fail", view === undefined ? "not read" : view.detail);
  }
  perPackage("target_version_exists", (_pkg, view) =>
    view.versions.includes(request.to) ? ["pass", `${request.to} is published`] : ["fail", `${request.to} is not a published version`],
  );
  perPackage("target_not_deprecated", (pkg, view) => {
    if (!view.versions.includes(request.to)) return ["skip", `${request.to} is not a published version`];
    const state = reads[pkg]?.deprecated[request.to];
    if (state === undefined || !state.ok) return ["fail", `could not read the deprecation of ${request.to}: ${state?.ok === false ? state.detail : "not read"}`];
    return state.value === null ? ["pass", `${request.to} is not deprecated`] : ["fail", `${request.to} is deprecated: ${state.value}`];
  });
  const alreadyInPlace: string[] = [];
  perPackage("target_not_current_holder", (pkg) => {
    if (holder(pkg) !== request.to) return ["pass", `${request.tag} is held by ${holder(pkg) ?? "nothing"}`];
    alreadyInPlace.push(pkg);
    return ["warn", `${request.tag} already points to ${request.to}; nothing to move`];
  });
  perPackage("tag_channel_semantics", (pkg) => {
    const current = holder(pkg);
    if (request.tag === "latest" && isPrerelease(request.to)) return ["fail", `latest must not point to the prerelease ${request.to}`];
    if (request.tag !== "latest" && current !== null && isPrerelease(current) && !isPrerelease(request.to)) {
      return ["warn", `${request.tag} moves from the prerelease ${current} to the stable ${request.to}`];
    }
    return ["pass", `${request.tag} -> ${request.to} keeps the channel's meaning`];
  });
  perPackage("rollback_direction", (pkg) => {
    const current = holder(pkg);
    if (current === null) return ["warn", `${request.tag} does not exist yet`];
    const order = compareSemver(request.to, current);
    if (order === null) return ["warn", `cannot compare ${request.to} with ${current}`];
    if (order > 0) return ["warn", `${request.to} is newer than ${current}: not a rollback`];
    return ["pass", order === 0 ? `${request.to} already holds ${request.tag}` : `${request.to} is older than ${current}`];
  });
  if (input.releaseSet !== null && !sameSet(input.releaseSet, request.packages)) {
    add("monorepo_release_moved_together", null, "fail", `the release set is ${input.releaseSet.join(", ")}; given ${request.packages.join(", ")}`);
  } else {
    const holders = new Set(request.packages.filter((p) => views.has(p)).map((p) => holder(p) ?? "(none)"));
    if (holders.size > 1) add("monorepo_release_moved_together", null, "warn", `current ${request.tag} holders differ: ${[...holders].join(", ")}`);
    else add("monorepo_release_moved_together", null, "pass", `${request.packages.length} package(s) move together`);
  }

  const alreadyDeprecated: string[] = [];
  if (request.deprecate !== null) {
    const bad = request.deprecate;
    perPackage("deprecate_target_valid", (pkg, view) => {
      if (!view.versions.includes(bad)) return ["fail", `${bad} is not a published version`];
      const state = reads[pkg]?.deprecated[bad];
      if (state === undefined || !state.ok) return ["fail", `could not read the deprecation of ${bad}: ${state?.ok === false ? state.detail : "not read"}`];
      if (state.value !== null) {
        alreadyDeprecated.push(pkg);
        return ["warn", `${bad} is already deprecated; skipped`];
      }
      return ["pass", `${bad} will be deprecated`];
    });
  }

  const commands: NpmPlannedCommand[] = [];
  for (const pkg of request.packages) {
    if (!alreadyInPlace.includes(pkg)) commands.push(command(request, "dist_tag_add", pkg, ["dist-tag", "add", `${pkg}@${request.to}`, request.tag]));
  }
  if (request.deprecate !== null) {
    for (const pkg of request.packages) {
      if (!alreadyDeprecated.includes(pkg)) commands.push(command(request, "deprecate", pkg, ["deprecate", `${pkg}@${request.deprecate}`], request.reason));
    }
  }
  for (const pkg of request.packages) commands.push(command(request, "verify", pkg, ["view", pkg, "dist-tags", "--json"]));
  // Checked on the plan itself rather than assumed, so a future command kind cannot slip past.
  const onlySafe = commands.every((c) => ["dist-tag", "deprecate", "view"].includes(c.argv[1] ?? ""));
  add(
    "no_republish_same_semver",
    null,
    onlySafe ? "pass" : "fail",
    onlySafe ? "the plan only moves dist-tags, deprecates and reads; nothing is published or unpublished" : "the plan holds a publishing command",
  );
  // Keep the documented order: deprecate_target_valid comes last.
  const order = ["registry_readable", "target_version_exists", "target_not_deprecated", "target_not_current_holder", "tag_channel_semantics", "rollback_direction", "monorepo_release_moved_together", "no_republish_same_semver", "deprecate_target_valid"];
  checks.sort((a, b) => order.indexOf(a.check_id) - order.indexOf(b.check_id));

  const eligibility: UnpublishEligibility[] = [];
  for (const pkg of request.packages) {
    const view = views.get(pkg);
    if (view === undefined) continue;
    const current = holder(pkg);
    const bad = request.deprecate ?? (current !== null && current !== request.to ? current : null);
    if (bad === null) continue;
    eligibility.push(unpublishEligibility(pkg, bad, view, input.nowMs));
  }

  const blocked = checks.some((c) => c.status === "fail");
  const mutating = commands.some((c) => c.kind !== "verify");
  const previous: Record<string, string | null> = {};
  for (const pkg of request.packages) previous[pkg] = holder(pkg);
  return {
    status: blocked ? "blocked" : mutating ? "planned" : "noop",
    safety_checks: checks,
    commands,
    unpublish_eligibility: eligibility,
    previous_holders: previous,
    already_in_place: alreadyInPlace,
    already_deprecated: alreadyDeprecated,
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
