// What `flakewarden init` writes, in order. Paths are POSIX, relative to the target directory;
// the policy path is the default every command looks for, so nothing needs a flag afterwards.
import { FLAKE_DETECTION_WORKFLOW } from "./templates/flake-detection-workflow.ts";
import { FLAKEWARDEN_YAML } from "./templates/flakewarden-yaml.ts";
import { FORENSICS_PLAYBOOK_MD } from "./templates/forensics-playbook.ts";
import { GOVERNANCE_POLICY_JSON } from "./templates/governance-policy.ts";
import { QUARANTINE_MANIFEST_JSON } from "./templates/quarantine-manifest.ts";
import { RELEASE_ROLLBACK_WORKFLOW } from "./templates/release-rollback-workflow.ts";

export interface ScaffoldFile {
  path: string;
  content: string;
}

export const SCAFFOLD_FILES: readonly ScaffoldFile[] = [
  { path: "flakewarden.yaml", content: FLAKEWARDEN_YAML },
  { path: ".github/wasm_flake_governance_policy.json", content: GOVERNANCE_POLICY_JSON },
  { path: "quarantine/manifest.json", content: QUARANTINE_MANIFEST_JSON },
  { path: "docs/flake-forensics-playbook.md", content: FORENSICS_PLAYBOOK_MD },
  { path: ".github/workflows/flake-detection.yml", content: FLAKE_DETECTION_WORKFLOW },
  { path: ".github/workflows/release-rollback.yml", content: RELEASE_ROLLBACK_WORKFLOW },
];

/** The workflow files, also published under examples/github-workflows/ with the same bytes. */
export const WORKFLOW_FILES: readonly ScaffoldFile[] = SCAFFOLD_FILES.filter((f) => f.path.startsWith(".github/workflows/"));
