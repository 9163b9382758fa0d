/**
 * Assignment helpers for order-invariant comparison. Sizes are bounded by
 * LIMITS.maxOrderInvariantItems and LIMITS.maxMatrixDimension, so the cubic costs stay small.
 */

/** Size of a maximum matching in a bipartite graph given as compatible[left][right] (Kuhn's algorithm). */
export function maximumMatching(compatible: readonly (readonly boolean[])[]): number {
  const rightCount = compatible[0]?.length ?? 0;
  const matchOfRight = new Array<number>(rightCount).fill(-1);
  let size = 0;
  for (let left = 0; left < compatible.length; left += 1) {
    const visited = new Array<boolean>(rightCount).fill(false);
    if (augment(left, compatible, matchOfRight, visited)) size += 1;
  }
  return size;
}

function augment(left: number, compatible: readonly (readonly boolean[])[], matchOfRight: number[], visited: boolean[]): boolean {
  const row = compatible[left] ?? [];
  for (let right = 0; right < row.length; right += 1) {
    if (!row[right] || visited[right]) continue;
    visited[right] = true;
    const current = matchOfRight[right] as number;
    if (current < 0 || augment(current, compatible, matchOfRight, visited)) {
      matchOfRight[right] = left;
      return true;
    }
  }
  return false;
}

/**
 * Maximum total weight of a perfect assignment in a square weight matrix (Hungarian algorithm,
 * O(n³), potentials formulation on costs = −weight).
 */
export function maximumAssignmentWeight(weights: readonly (readonly number[])[]): number {
  const n = weights.length;
  if (n === 0) return 0;
  const cost = (i: number, j: number): number => -((weights[i - 1] as readonly number[])[j - 1] as number);
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i += 1) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0] as number;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= n; j += 1) {
        if (used[j]) continue;
        const current = cost(i0, j) - (u[i0] as number) - (v[j] as number);
        if (current < (minv[j] as number)) {
          minv[j] = current;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j += 1) {
        if (used[j]) {
          u[p[j] as number] = (u[p[j] as number] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else {
          minv[j] = (minv[j] as number) - delta;
        }
      }
      j0 = j1;
    } while ((p[j0] as number) !== 0);
    do {
      const j1 = way[j0] as number;
      p[j0] = p[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= n; j += 1) total += (weights[(p[j] as number) - 1] as readonly number[])[j - 1] as number;
  return total;
}
