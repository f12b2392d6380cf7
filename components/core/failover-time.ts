/** The terms of the worst case for clients to leave a failed target. */
export interface FailoverTerms {
  readonly intervalSeconds: number;
  readonly failureThreshold: number;
  readonly ttlSeconds: number;
  readonly clientReconnectSeconds: number;
}

/**
 * Worst case from failure to clients on the other target: the health checks need `threshold`
 * failed probes `interval` apart, resolvers may keep the old answer a TTL longer, and a client
 * whose connection broke waits up to its reconnect backoff before it resolves again.
 */
export function worstFailoverSeconds(terms: FailoverTerms): number {
  return terms.intervalSeconds * terms.failureThreshold + terms.ttlSeconds + terms.clientReconnectSeconds;
}

/** The same sum, written out for an error message. */
export function describeFailover(terms: FailoverTerms): string {
  return `${terms.intervalSeconds} s interval x ${terms.failureThreshold} failures + ${terms.ttlSeconds} s TTL + ${terms.clientReconnectSeconds} s reconnect = ${worstFailoverSeconds(terms)} s`;
}
