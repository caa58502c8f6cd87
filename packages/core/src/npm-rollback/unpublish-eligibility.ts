// npm's unpublish policy, judged from what the client can see. Dependents and weekly downloads
// are not reported by the npm client (nor by Verdaccio), so they stay null and the row says
// which conditions a human must still check on the registry's website.
import { roundN } from "../format.ts";
import { parseTimestamp } from "../timestamp.ts";
import type { PackageView } from "./registry-view.ts";

export type UnpublishVerdict =
  | "eligible_if_no_dependents"
  | "requires_no_dependents_and_lt_300_weekly_downloads"
  | "not_eligible"
  | "requires_single_owner_no_dependents_and_lt_300_weekly_downloads";

export interface UnpublishEligibility {
  package: string;
  version: string;
  published_at: string | null;
  age_hours: number | null;
  within_72h: boolean | null;
  owner_count: number | null;
  single_owner: boolean | null;
  dependents_count: null;
  weekly_downloads: null;
  eligibility: UnpublishVerdict;
  recommendation: "deprecate";
  notes: string[];
}

const HOUR_MS = 3_600_000;

export function unpublishEligibility(pkg: string, version: string, view: PackageView, nowMs: number): UnpublishEligibility {
  const published = view.time[version] ?? null;
  const publishedMs = published === null ? null : parseTimestamp(published);
  const age = publishedMs === null ? null : roundN((nowMs - publishedMs) / HOUR_MS, 2);
  const within = age === null ? null : age < 72;
  const owners = view.maintainerCount;
  let eligibility: UnpublishVerdict;
  if (within === true) eligibility = "eligible_if_no_dependents";
  else if (owners === null) eligibility = "requires_single_owner_no_dependents_and_lt_300_weekly_downloads";
  else if (owners === 1) eligibility = "requires_no_dependents_and_lt_300_weekly_downloads";
  else eligibility = "not_eligible";
  const notes = ["dependents and weekly downloads are not reported by the npm client; check them on the registry's website"];
  if (owners === null) notes.push("the registry reports no maintainers, so the owner count is unknown");
  notes.push(`${pkg}@${version} can never be published again, even after an unpublish`);
  notes.push("unpublishing a whole package blocks new versions of it for 24 hours");
  return {
    package: pkg,
    version,
    published_at: published,
    age_hours: age,
    within_72h: within,
    owner_count: owners,
    single_owner: owners === null ? null : owners === 1,
    dependents_count: null,
    weekly_downloads: null,
    eligibility,
    recommendation: "deprecate",
    notes,
  };
}
