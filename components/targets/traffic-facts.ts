/** A range of whole numbers a cloud's DNS service accepts for one setting. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
}

/**
 * What a target's global-traffic publisher accepts, known before anything is built: validation
 * holds `traffic` to it and computes the worst-case failover time from it.
 */
export interface TrafficFacts {
  /** The service, for people: "route53", "cloud-dns", "traffic-manager", ... */
  readonly service: string;
  /** Health-check intervals the service offers, in seconds. */
  readonly healthCheckIntervals: readonly number[] | IntRange;
  /** Failed probes in a row before an endpoint leaves the answers. */
  readonly failureThreshold: IntRange;
  /** Probe timeout in seconds; undefined where the service fixes it. */
  readonly timeoutSeconds?: IntRange;
  readonly ttlSeconds: IntRange;
  /** Endpoint addresses it can health-check and answer with. */
  readonly endpointKinds: ReadonlyArray<"ip" | "hostname">;
  /** Protocols its probes speak. */
  readonly probeProtocols: ReadonlyArray<"TCP" | "HTTP" | "HTTPS">;
  /** Where its documented figures come from (page and date), for the README and the note. */
  readonly source: string;
}

export function intervalAllowed(facts: TrafficFacts, seconds: number): boolean {
  const allowed = facts.healthCheckIntervals;
  return "min" in allowed ? seconds >= allowed.min && seconds <= allowed.max : allowed.includes(seconds);
}

export function describeIntervals(facts: TrafficFacts): string {
  const allowed = facts.healthCheckIntervals;
  return "min" in allowed ? `${allowed.min}-${allowed.max}` : allowed.join(" or ");
}
