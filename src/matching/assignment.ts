/**
 * The assignment of a match round: up to `topK` vendors per need, no vendor more than `capacityPerVendor`
 * times in the whole round, each need–vendor pair at most once (through the vendor's best solution for that
 * need), maximising the total score. So that recommendations do not pile onto a few large vendors, a popular
 * vendor goes to the needs where it makes the biggest difference, and others take its place elsewhere.
 *
 * Solved exactly as a min-cost flow: source → need (supply topK) → vendor (capacity 1 per pair, cost
 * `best − score`) → sink (capacity capacityPerVendor), plus a "no recommendation" edge need → sink at cost
 * `best`, so every need ships exactly topK units and the cheapest flow is the highest total score. Successive
 * shortest paths with Dijkstra over reduced costs (Johnson potentials), one need at a time: each augmenting
 * search starts from that need and usually ends a few nodes away, so a round of 2,000 needs takes
 * milliseconds. Scores are compared as integers (millionths) so that ties and sums are exact.
 */
export interface ScoredPair {
  needId: string;
  vendorId: string;
  solutionId: string;
  /** 0..1; pairs scoring 0 or less are never recommended. */
  score: number;
}

export interface AssignmentLimits {
  topK: number;
  capacityPerVendor: number;
}

export interface Assignment {
  /** Every need given, in the order given, with its pairs best first. */
  byNeed: Map<string, ScoredPair[]>;
  totalScore: number;
  recommendations: number;
}

const SCALE = 1_000_000;

const scaled = (score: number) => Math.round(score * SCALE);

/**
 * One pair per need and vendor (the best; on a tie the smaller solution id), of listed needs, scoring above
 * zero, in a canonical order: by need as listed, then best first, then by vendor id.
 */
function canonicalPairs(needIds: readonly string[], pairs: readonly ScoredPair[]): ScoredPair[] {
  const needIndex = new Map(needIds.map((id, i) => [id, i]));
  const best = new Map<string, ScoredPair>();
  for (const pair of pairs) {
    if (!needIndex.has(pair.needId) || !(scaled(pair.score) > 0)) continue;
    const key = `${pair.needId}\u0000${pair.vendorId}`;
    const known = best.get(key);
    if (
      !known ||
      pair.score > known.score ||
      (pair.score === known.score && pair.solutionId < known.solutionId)
    ) {
      best.set(key, pair);
    }
  }
  return [...best.values()].sort(
    (a, b) =>
      needIndex.get(a.needId)! - needIndex.get(b.needId)! ||
      b.score - a.score ||
      (a.vendorId < b.vendorId ? -1 : a.vendorId > b.vendorId ? 1 : 0),
  );
}

function assignmentOf(needIds: readonly string[], chosen: readonly ScoredPair[]): Assignment {
  const byNeed = new Map<string, ScoredPair[]>(needIds.map((id) => [id, []]));
  let totalScore = 0;
  for (const pair of chosen) {
    byNeed.get(pair.needId)!.push(pair);
    totalScore += pair.score;
  }
  for (const list of byNeed.values()) {
    list.sort(
      (a, b) => b.score - a.score || (a.vendorId < b.vendorId ? -1 : a.vendorId > b.vendorId ? 1 : 0),
    );
  }
  return { byNeed, totalScore, recommendations: chosen.length };
}

/** Takes pairs best first while the need and the vendor both have room: what a round without planning does. */
export function assignGreedy(
  needIds: readonly string[],
  pairs: readonly ScoredPair[],
  limits: AssignmentLimits,
): Assignment {
  const needIndex = new Map(needIds.map((id, i) => [id, i]));
  const ordered = canonicalPairs(needIds, pairs).sort(
    (a, b) => b.score - a.score || needIndex.get(a.needId)! - needIndex.get(b.needId)!,
  );
  const perNeed = new Map<string, number>();
  const perVendor = new Map<string, number>();
  const chosen: ScoredPair[] = [];
  for (const pair of ordered) {
    const forNeed = perNeed.get(pair.needId) ?? 0;
    const forVendor = perVendor.get(pair.vendorId) ?? 0;
    if (forNeed >= limits.topK || forVendor >= limits.capacityPerVendor) continue;
    perNeed.set(pair.needId, forNeed + 1);
    perVendor.set(pair.vendorId, forVendor + 1);
    chosen.push(pair);
  }
  return assignmentOf(needIds, chosen);
}

/** A residual graph in flat arrays: edge e and its reverse e ^ 1. */
class FlowGraph {
  readonly head: Int32Array;
  to: number[] = [];
  next: number[] = [];
  capacity: number[] = [];
  cost: number[] = [];

  constructor(nodes: number) {
    this.head = new Int32Array(nodes).fill(-1);
  }

  /** Adds u → v and its reverse; returns the forward edge. */
  addEdge(u: number, v: number, capacity: number, cost: number): number {
    const e = this.to.length;
    this.push(u, v, capacity, cost);
    this.push(v, u, 0, -cost);
    return e;
  }

  private push(u: number, v: number, capacity: number, cost: number) {
    this.to.push(v);
    this.capacity.push(capacity);
    this.cost.push(cost);
    this.next.push(this.head[u]!);
    this.head[u] = this.to.length - 1;
  }
}

/** A binary min-heap of nodes keyed by distance, ties by node number (so runs are reproducible). */
class NodeHeap {
  private nodes: number[] = [];
  private keys: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  push(node: number, key: number): void {
    this.nodes.push(node);
    this.keys.push(key);
    let i = this.nodes.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the smallest; returns its node and key. */
  pop(): [node: number, key: number] {
    const top: [number, number] = [this.nodes[0]!, this.keys[0]!];
    const lastNode = this.nodes.pop()!;
    const lastKey = this.keys.pop()!;
    if (this.nodes.length > 0) {
      this.nodes[0] = lastNode;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.nodes.length && this.less(left, smallest)) smallest = left;
        if (right < this.nodes.length && this.less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }

  clear(): void {
    this.nodes.length = 0;
    this.keys.length = 0;
  }

  private less(a: number, b: number): boolean {
    return (
      this.keys[a]! < this.keys[b]! || (this.keys[a] === this.keys[b] && this.nodes[a]! < this.nodes[b]!)
    );
  }

  private swap(a: number, b: number): void {
    [this.nodes[a], this.nodes[b]] = [this.nodes[b]!, this.nodes[a]!];
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
  }
}

/** The assignment with the highest total score under the limits (see the file comment). */
export function assignOptimal(
  needIds: readonly string[],
  pairs: readonly ScoredPair[],
  limits: AssignmentLimits,
): Assignment {
  const candidates = canonicalPairs(needIds, pairs);
  const vendors = new Map<string, number>();
  for (const pair of candidates) if (!vendors.has(pair.vendorId)) vendors.set(pair.vendorId, vendors.size);
  const needCount = needIds.length;
  const sink = needCount + vendors.size;
  const graph = new FlowGraph(sink + 1);
  const best = Math.max(0, ...candidates.map((p) => scaled(p.score)));

  const needIndex = new Map(needIds.map((id, i) => [id, i]));
  // Added in reverse so that each node's adjacency list reads in the canonical (best first) order.
  for (const id of needIds) graph.addEdge(needIndex.get(id)!, sink, limits.topK, best);
  for (let v = vendors.size - 1; v >= 0; v--) graph.addEdge(needCount + v, sink, limits.capacityPerVendor, 0);
  const pairEdges: number[] = new Array(candidates.length);
  for (let p = candidates.length - 1; p >= 0; p--) {
    const pair = candidates[p]!;
    const need = needIndex.get(pair.needId)!;
    pairEdges[p] = graph.addEdge(need, needCount + vendors.get(pair.vendorId)!, 1, best - scaled(pair.score));
  }

  const nodes = sink + 1;
  const potential = new Float64Array(nodes);
  const distance = new Float64Array(nodes);
  const via = new Int32Array(nodes);
  const seenIn = new Int32Array(nodes).fill(-1);
  const settled = new Uint8Array(nodes);
  const finished: number[] = [];
  const heap = new NodeHeap();
  let search = 0;

  /** Shortest path from `source` to the sink by reduced cost; fills `via` and moves the potentials. */
  const shortestPath = (source: number): boolean => {
    search++;
    heap.clear();
    finished.length = 0;
    distance[source] = 0;
    seenIn[source] = search;
    via[source] = -1;
    heap.push(source, 0);
    let reached = false;
    while (heap.size > 0) {
      const [u, d] = heap.pop();
      if (settled[u] === 1 || d > distance[u]!) continue;
      settled[u] = 1;
      finished.push(u);
      if (u === sink) {
        reached = true;
        break;
      }
      for (let e = graph.head[u]!; e !== -1; e = graph.next[e]!) {
        if (graph.capacity[e]! <= 0) continue;
        const w = graph.to[e]!;
        if (seenIn[w] === search && settled[w] === 1) continue;
        const next = d + graph.cost[e]! + potential[u]! - potential[w]!;
        if (seenIn[w] !== search || next < distance[w]!) {
          seenIn[w] = search;
          distance[w] = next;
          via[w] = e;
          heap.push(w, next);
        }
      }
    }
    // Potentials move by min(distance, distance to the sink), minus that constant: only settled nodes change.
    const toSink = reached ? distance[sink]! : 0;
    for (const u of finished) {
      if (reached) potential[u] = potential[u]! + distance[u]! - toSink;
      settled[u] = 0;
    }
    return reached;
  };

  for (let need = 0; need < needCount; need++) {
    let supply = limits.topK;
    while (supply > 0) {
      if (!shortestPath(need)) throw new Error('match round assignment: the sink is unreachable');
      let units = supply;
      for (let w = sink; w !== need; w = graph.to[via[w]! ^ 1]!)
        units = Math.min(units, graph.capacity[via[w]!]!);
      for (let w = sink; w !== need; w = graph.to[via[w]! ^ 1]!) {
        graph.capacity[via[w]!]! -= units;
        graph.capacity[via[w]! ^ 1]! += units;
      }
      supply -= units;
    }
  }

  const chosen = candidates.filter((_, p) => graph.capacity[pairEdges[p]!] === 0);
  return assignmentOf(needIds, chosen);
}
