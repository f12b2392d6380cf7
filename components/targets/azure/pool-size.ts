/** The pool size fields that decide how many nodes a pool can reach. */
export interface PoolSize {
  readonly max: number;
  readonly maxSurge: string;
}

/** Extra nodes an upgrade adds to a pool: a count, or a percentage of its size rounded up. */
export function surgeNodes(maxSurge: string, max: number): number {
  return maxSurge.endsWith("%") ? Math.ceil((max * Number(maxSurge.slice(0, -1))) / 100) : Number(maxSurge);
}

/** Most nodes a pool holds at once: its maximum plus the upgrade surge. */
export function poolNodes(pool: PoolSize): number {
  return pool.max + surgeNodes(pool.maxSurge, pool.max);
}
