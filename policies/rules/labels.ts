import {
  labelKeys,
  DEDICATED_TAINT_KEY,
  SHARED_POOL,
  SYSTEM_NAMESPACE,
  dedicatedPoolName,
  priorityClassName,
} from "../../components/core/labels";

/** The kit's own naming contract, so the packs and the program cannot drift apart. */
export const TENANT_LABEL = labelKeys.tenant;
export const TIER_LABEL = labelKeys.tier;
export const EDGE_LABEL = labelKeys.edge;
export const POOL_LABEL = labelKeys.pool;
export const PSA_ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
export { DEDICATED_TAINT_KEY, SHARED_POOL, SYSTEM_NAMESPACE, dedicatedPoolName, priorityClassName };
export const TIERS = ["shared", "vip"] as const;
export const CELL_LABEL = labelKeys.cell;
export const ROLE_LABEL = labelKeys.role;
export const BINDING_FOR_LABEL = labelKeys.bindingFor;
export const CATALOGUE_LABEL = labelKeys.catalogue;
export const DATA_SET_LABEL = labelKeys.dataSet;
export {
  annotationKeys,
  CELL_APP_CONFIG,
  CELL_DATA_SECRET,
  CELL_PRIORITY_POLICY,
  cellPriorityClasses,
  DATA_PRIORITY_CLASS,
  type Tier,
} from "../../components/core/labels";
