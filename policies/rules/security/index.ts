import type { RulePack } from "../types";
import { checkHostNamespaces, checkHostPath, checkHostPorts, checkPrivileged } from "./host-access";
import {
  checkCapabilities,
  checkPrivilegeEscalation,
  checkReadOnlyRoot,
  checkRunAsNonRoot,
  checkSeccomp,
} from "./security-context";
import { checkResources } from "./resources";
import { checkImagePinned } from "./images";
import { checkDisruptionBudgets } from "./disruption";
import { checkDataExposure, checkDataPlaintext, checkDataVolumeClasses } from "./data";
import { targetDefinitions } from "../../../components/targets/registry";

export const securityPack: RulePack = {
  name: "im-platform-security",
  description: "Workloads of im-platform follow the restricted pod security profile and run reliably.",
  rules: [
    {
      kind: "resource",
      id: "IMS001",
      details: "no `privileged: true` (containers, init and ephemeral containers)",
      name: "no-privileged-containers",
      enforcementLevel: "mandatory",
      check: checkPrivileged,
      description: "IMS001: No container runs privileged.",
    },
    {
      kind: "resource",
      id: "IMS002",
      details: "no hostNetwork / hostPID / hostIPC",
      name: "no-host-namespaces",
      enforcementLevel: "mandatory",
      check: checkHostNamespaces,
      description: "IMS002: No pod shares the node's network, PID or IPC namespace.",
    },
    {
      kind: "resource",
      id: "IMS003",
      details: "no hostPath volumes",
      name: "no-host-path-volumes",
      enforcementLevel: "mandatory",
      check: checkHostPath,
      description: "IMS003: No pod mounts a hostPath volume.",
    },
    {
      kind: "resource",
      id: "IMS004",
      details: "no hostPort",
      name: "no-host-ports",
      enforcementLevel: "mandatory",
      check: checkHostPorts,
      description: "IMS004: No container binds a hostPort.",
    },
    {
      kind: "resource",
      id: "IMS005",
      details: "`runAsNonRoot: true` (container or pod) and never `runAsUser: 0`",
      name: "run-as-non-root",
      enforcementLevel: "mandatory",
      check: checkRunAsNonRoot,
      description: "IMS005: Every container runs as a non-root user.",
    },
    {
      kind: "resource",
      id: "IMS006",
      details: "`allowPrivilegeEscalation: false`",
      name: "no-privilege-escalation",
      enforcementLevel: "mandatory",
      check: checkPrivilegeEscalation,
      description: "IMS006: Every container sets allowPrivilegeEscalation to false.",
    },
    {
      kind: "resource",
      id: "IMS007",
      details: "drop ALL; add at most NET_BIND_SERVICE",
      name: "drop-all-capabilities",
      enforcementLevel: "mandatory",
      check: checkCapabilities,
      description: "IMS007: Every container drops ALL capabilities and adds back at most NET_BIND_SERVICE.",
    },
    {
      kind: "resource",
      id: "IMS008",
      details: "seccomp RuntimeDefault (or Localhost), container or pod level",
      name: "seccomp-runtime-default",
      enforcementLevel: "mandatory",
      check: checkSeccomp,
      description: "IMS008: Every container runs under the RuntimeDefault (or a Localhost) seccomp profile.",
    },
    {
      kind: "resource",
      id: "IMS009",
      details: "`readOnlyRootFilesystem: true`",
      name: "read-only-root-filesystem",
      enforcementLevel: "advisory",
      check: checkReadOnlyRoot,
      description: "IMS009: Containers should mount their root filesystem read-only.",
    },
    {
      kind: "resource",
      id: "IMS010",
      details: "cpu and memory requests and limits",
      name: "resource-requests-and-limits",
      enforcementLevel: "mandatory",
      check: checkResources,
      description: "IMS010: Every container sets cpu and memory requests and limits.",
    },
    {
      kind: "resource",
      id: "IMS011",
      details:
        "a tag other than `latest`, or a digest; only a digest on workloads labelled `im-platform.io/image-pinning: digest` (stacks that require digests: prod by default)",
      name: "pinned-images",
      enforcementLevel: "mandatory",
      check: checkImagePinned,
      description: "IMS011: Every image is pinned to a version tag or digest, never latest or untagged.",
    },
    {
      kind: "stack",
      id: "IMS012",
      details:
        "Deployments/StatefulSets with replicas > 1, or an HPA/ScaledObject max > 1, have a PDB selecting their pods in the same namespace",
      name: "disruption-budget-for-replicated-workloads",
      enforcementLevel: "mandatory",
      check: checkDisruptionBudgets,
      description:
        "IMS012: Every Deployment or StatefulSet that can run more than one replica has a PodDisruptionBudget.",
    },
    {
      kind: "stack",
      id: "IMS013",
      details:
        "in namespaces labelled `im-platform.io/data-set`: no LoadBalancer/NodePort Service, no externalIPs, no NetworkPolicy admitting ipBlock ranges",
      name: "no-public-data-endpoints",
      enforcementLevel: "mandatory",
      check: checkDataExposure,
      description: "IMS013: No data service is reachable from outside the cluster.",
    },
    {
      kind: "resource",
      id: "IMS014",
      details:
        "a cell's `im-data` Secret declares in `im-platform.io/plaintext` each connection without TLS, each with a reason of 10+ characters",
      name: "plaintext-data-needs-reason",
      enforcementLevel: "mandatory",
      check: checkDataPlaintext,
      description: "IMS014: A data connection runs without TLS only with a declared reason.",
    },
    {
      kind: "stack",
      id: "IMS015",
      details:
        "when the stack declares StorageClasses, every volume claim template of a StatefulSet in a data namespace names one of them",
      name: "data-volumes-on-stack-classes",
      enforcementLevel: "mandatory",
      check: checkDataVolumeClasses,
      description: "IMS015: Data volumes use the target's StorageClasses, which its keys encrypt.",
    },
    // Each target kind brings the rules for its cloud's resources.
    ...targetDefinitions().flatMap((definition) => definition.securityRules ?? []),
  ],
};
