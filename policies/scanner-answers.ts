/** A finding of an outside scanner that the kit answers by design instead of changing. */
export interface ScannerAnswer {
  readonly scanner: "kube-score";
  /** The scanner's check id. */
  readonly check: string;
  /** Why the kit does it this way. */
  readonly answer: string;
}

/** kube-score checks the rendered manifests fail on purpose; `npm run scan` fails on any other. */
export const SCANNER_ANSWERS: readonly ScannerAnswer[] = [
  {
    scanner: "kube-score",
    check: "container-image-pull-policy",
    answer:
      "Images are pinned (IMS011), so `IfNotPresent` pulls each pin once; `Always` would make every pod start, and so every burst, depend on the registry being up.",
  },
  {
    scanner: "kube-score",
    check: "pod-probes-identical",
    answer:
      "Without an HTTP health path both probes check the same port, on purpose with different budgets: readiness (every 5 s, 2 failures) takes a slow pod out of the load balancer long before liveness (every 10 s after 10 s, 3 failures) restarts it.",
  },
  {
    scanner: "kube-score",
    check: "pod-probes",
    answer:
      "Queue consumers (msgtransfer, push) take no traffic through their Service, which exists for metrics and discovery; a readiness probe would gate nothing.",
  },
  {
    scanner: "kube-score",
    check: "deployment-has-host-podantiaffinity",
    answer:
      "Replicas spread with topologySpreadConstraints over zones and hosts (maxSkew 1), the finer successor of pod anti-affinity; kube-score only looks for the latter.",
  },
  {
    scanner: "kube-score",
    check: "statefulset-has-host-podantiaffinity",
    answer: "As for Deployments: topologySpreadConstraints over zones and hosts spread the fixed-count StatefulSets.",
  },
  {
    scanner: "kube-score",
    check: "container-security-context-user-group-id",
    answer:
      "The data services and their bootstrap steps run as their images' own non-root users (MongoDB and Redis 999, Bitnami 1001, MinIO and etcd 1000), which own the files on their volumes; Pod Security restricted still holds (non-root, no privilege escalation, every capability dropped, RuntimeDefault seccomp). The IM services run as a high UID.",
  },
  {
    scanner: "kube-score",
    check: "deployment-targeted-by-hpa-does-not-have-replicas-configured",
    answer:
      "The replica count is the starting size only: the program tells Pulumi to ignore later changes to spec.replicas, so an update never resets what the autoscaler chose.",
  },
];
