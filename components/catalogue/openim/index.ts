import type { CatalogueDefinition } from "../definition";
import { OPENIM_CONSUMER_GROUPS, OPENIM_QUEUES, renderOpenImConfig } from "./config/files";
import { openImCompact } from "./compact";
import { OPENIM_ISOLATION_KNOBS } from "./isolation";
import { openImServices, OPENIM_VERSION } from "./services";

/**
 * OpenIM Server (openimsdk/open-im-server) at v3.8.3. It has no tenant concept: one instance is
 * one user-id space with one admin secret, so each tenant gets an instance, in a cell of its own.
 */
export const openImCatalogue: CatalogueDefinition = {
  name: "openim",
  description: `OpenIM Server ${OPENIM_VERSION}: per-service images, or the all-in-one server in the compact profile.`,
  tenancyModel: "singleTenant",
  entries: [...openImServices, ...openImCompact],
  dataNeeds: ["mongodb", "redis", "kafka", "objectStore", "etcd"],
  queues: OPENIM_QUEUES,
  consumerGroups: OPENIM_CONSUMER_GROUPS,
  renderConfig: renderOpenImConfig,
  isolationKnobs: OPENIM_ISOLATION_KNOBS,
  // Its Redis and Etcd config structs have no TLS fields (pkg/common/config/config.go at v3.8.3).
  plaintextOnly: {
    redis: "OpenIM v3.8.3's Redis client has no TLS setting; the cell's own Redis admits that cell only",
    etcd: "OpenIM v3.8.3's etcd client has no TLS setting; the cell's etcd user reaches its own discovery root only",
  },
};
