import { homedir } from "node:os";
import { join } from "node:path";

/** Everything the local control plane and its tools keep lives outside the repository. */
export const CACHE_DIR = process.env.IM_PLATFORM_CACHE ?? join(homedir(), ".cache", "im-platform");
export const BIN_DIR = join(CACHE_DIR, "bin");
/** The local cluster's name (IM_CLUSTER_NAME): another name is another cluster, with its own state. */
export const CLUSTER_NAME = process.env.IM_CLUSTER_NAME ?? "local";
/** Where scripts/local-cluster/cluster.sh keeps that cluster. */
export const CLUSTER_DIR =
  CLUSTER_NAME === "local" ? join(CACHE_DIR, "cluster") : join(CACHE_DIR, "clusters", CLUSTER_NAME);
/** Written by scripts/local-cluster/cluster.sh start. */
export const LOCAL_KUBECONFIG = join(CLUSTER_DIR, "kubeconfig");
