import { homedir } from "node:os";
import { join } from "node:path";

/** Everything the local control plane and its tools keep lives outside the repository. */
export const CACHE_DIR = process.env.IM_PLATFORM_CACHE ?? join(homedir(), ".cache", "im-platform");
export const BIN_DIR = join(CACHE_DIR, "bin");
/** Written by scripts/local-cluster/cluster.sh start. */
export const LOCAL_KUBECONFIG = join(CACHE_DIR, "cluster", "kubeconfig");
