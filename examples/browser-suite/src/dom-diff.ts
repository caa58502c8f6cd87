// A minimal keyed virtual-DOM diff: the list of patch operations that turns one child list into
// another. Pure and deterministic; the example's stable suite tests it.
export interface VNode {
  readonly key: string;
  readonly text: string;
}

export type Patch =
  | { readonly op: "remove"; readonly key: string }
  | { readonly op: "insert"; readonly key: string; readonly index: number; readonly text: string }
  | { readonly op: "update"; readonly key: string; readonly text: string };

export function diff(before: readonly VNode[], after: readonly VNode[]): Patch[] {
  const patches: Patch[] = [];
  const old = new Map(before.map((n) => [n.key, n]));
  const next = new Set(after.map((n) => n.key));
  for (const node of before) if (!next.has(node.key)) patches.push({ op: "remove", key: node.key });
  after.forEach((node, index) => {
    const prior = old.get(node.key);
    if (prior === undefined) patches.push({ op: "insert", key: node.key, index, text: node.text });
    else if (prior.text !== node.text) patches.push({ op: "update", key: node.key, text: node.text });
  });
  return patches;
}

export function apply(before: readonly VNode[], patches: readonly Patch[]): VNode[] {
  let nodes = [...before];
  for (const p of patches) {
    if (p.op === "remove") nodes = nodes.filter((n) => n.key !== p.key);
    else if (p.op === "update") nodes = nodes.map((n) => (n.key === p.key ? { key: n.key, text: p.text } : n));
    else nodes.splice(p.index, 0, { key: p.key, text: p.text });
  }
  return nodes;
}
