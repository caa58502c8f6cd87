// The empty quarantine manifest `flakewarden init` writes (git-tracked; edited by `quarantine` commands).
export const QUARANTINE_MANIFEST_JSON = `{
  "schema_version": "wasm-flake-quarantine-v1",
  "entries": []
}
`;
