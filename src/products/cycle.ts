/**
 * The shortest way from any of `starts` to `target` over product -> sub-processor edges, as the
 * list of nodes visited (start first, target last), or null when target cannot be reached.
 * Used to name a cycle: giving product X the sub-processors `starts` closes a cycle exactly when
 * X is reachable from one of them, and the cycle is X followed by the returned path.
 */
export function shortestPath(
  edges: ReadonlyMap<string, readonly string[]>,
  starts: readonly string[],
  target: string,
): string[] | null {
  const previous = new Map<string, string | null>();
  const queue: string[] = [];
  for (const start of starts) {
    if (!previous.has(start)) {
      previous.set(start, null);
      queue.push(start);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node === target) {
      const path: string[] = [];
      for (let at: string | null = node; at !== null; at = previous.get(at) ?? null) path.push(at);
      return path.reverse();
    }
    for (const next of edges.get(node) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/** "A -> B -> C -> A": the cycle that product `root` would close through `path`. */
export function describeCycle(root: string, path: readonly string[], nameOf: (id: string) => string): string {
  return [root, ...path].map(nameOf).join(' -> ');
}
