import * as pulumi from "@pulumi/pulumi";
import { bindsData } from "../../catalogue/definition";
import { CATALOGUES } from "../../catalogue/registry";
import { cellLayouts, dataSets, POOLED_DATA_SET, standbyTarget } from "../../config/cells";
import type { PlatformConfig } from "../../config/types";
import { cellNamespace, labelKeys } from "../../core/labels";
import type { PlatformAddOn } from "../../platform/addon";
import { targetComponentName, type ClusterTarget } from "../../targets/cluster-target";
import { cellBindings, dataSetNamespace } from "./bindings";
import { inClusterKinds } from "./kinds";
import { managedPlacement, provisionedDataSet, provisionManagedDataSet } from "./managed-sets";
import { deployCellPart } from "./cell-part";
import { deployDataSet } from "./data-set";

/** The class a data set's volumes use: the dedicated tenant's (its own key) or the target's default. */
function storageClassFor(target: ClusterTarget, dataSet: string): string | undefined {
  const storage = target.storage;
  if (!storage) return undefined;
  return dataSet === POOLED_DATA_SET ? storage.defaultClass : storage.classFor(dataSet);
}

/** Pods of a stack that requires digests say so, and the security pack holds their images to it. */
function pinningLabels(config: PlatformConfig): Record<string, string> {
  return config.images.requireDigests ? { [labelKeys.imagePinning]: "digest" } : {};
}

/** The namespaces of the data sets the config's cells bind to; none for a catalogue that binds no data. */
export function dataTierNamespaces(config: PlatformConfig): string[] {
  if (!bindsData(CATALOGUES[config.catalogue])) return [];
  return dataSets(cellLayouts(config)).map((dataSet) => dataSetNamespace(config.data, dataSet));
}

/**
 * The data tier as an add-on: its cluster part runs each data set (the pooled one and each VIP
 * tenant's dedicated one); its cell part binds one cell to its data set.
 */
export const dataTierAddOn: PlatformAddOn = {
  name: "data-tier",
  enabled: (config: PlatformConfig) => bindsData(CATALOGUES[config.catalogue]),
  deploy({ name, config, target, opts }) {
    const cells = cellLayouts(config);
    const placement = managedPlacement(config.data, target);
    const managed = placement?.kinds ?? [];
    // The data namespace reaches the managed services its proxies and bootstraps talk to.
    const managedEgress = placement
      ? [
          ...(placement.redisProxied ? [placement.network("redis")] : []),
          ...(managed.includes("mongodb") ? [placement.network("mongodb")] : []),
        ]
      : [];
    return dataSets(cells).flatMap((dataSet) => {
      const cellsOfSet = cells.filter((cell) => cell.dataSet === dataSet);
      // The cloud's resources belong to the target that runs them (its child, named under it, on its
      // providers); only the order ties them to the platform.
      const managedSet = provisionManagedDataSet(
        {
          name: `${targetComponentName(target.name)}-data-${dataSet}`,
          data: config.data,
          seed: config.secretSeed,
          catalogue: CATALOGUES[config.catalogue],
          dataSet,
          cells: cellsOfSet,
        },
        target,
        { dependsOn: target.readiness, ...(pulumi.Resource.isInstance(target) ? { parent: target } : {}) },
      );
      return [
        ...(managedSet?.resources ?? []),
        ...deployDataSet(
          {
            name: `${name}-data-${dataSet}`,
            data: config.data,
            seed: config.secretSeed,
            podLabels: pinningLabels(config),
            dataSet,
            namespace: dataSetNamespace(config.data, dataSet),
            cells: cellsOfSet,
            storageClassName: storageClassFor(target, dataSet),
            skipAwait: !target.waitForWorkloads,
            inCluster: inClusterKinds(config.data, managed),
            cellRedis: !managed.includes("redis") || (placement?.redisProxied ?? false),
            managedEgress,
            managedMongo: managedSet?.mongodb,
          },
          opts,
        ),
      ];
    });
  },
  forCell({ name, config, target, cell, opts }, clusterParts) {
    const placement = managedPlacement(config.data, target);
    const bindings = cellBindings(config.data, cell, standbyTarget(config.tenants, cell, target.name), placement);
    return deployCellPart(
      {
        name: `${name}-data`,
        catalogue: CATALOGUES[config.catalogue],
        data: config.data,
        seed: config.secretSeed,
        podLabels: pinningLabels(config),
        bindings,
        inCluster: inClusterKinds(config.data, placement?.kinds ?? []),
        managed: provisionedDataSet(target, cell.dataSet),
        managedPlaintext: target.data?.plaintext,
        cellNamespace: cellNamespace(cell.cell),
        storageClassName: storageClassFor(target, cell.dataSet),
        skipAwait: !target.waitForWorkloads,
      },
      opts,
      { ...opts, dependsOn: [...clusterParts] },
    );
  },
};
