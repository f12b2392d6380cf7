import { bindsData } from "../../catalogue/definition";
import { CATALOGUES } from "../../catalogue/registry";
import { cellLayouts, dataSets, POOLED_DATA_SET, standbyTarget } from "../../config/cells";
import type { PlatformConfig } from "../../config/types";
import { cellNamespace, labelKeys } from "../../core/labels";
import type { PlatformAddOn } from "../../platform/addon";
import type { ClusterTarget } from "../../targets/cluster-target";
import { cellBindings, dataSetNamespace } from "./bindings";
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
    return dataSets(cells).flatMap((dataSet) =>
      deployDataSet(
        {
          name: `${name}-data-${dataSet}`,
          data: config.data,
          seed: config.secretSeed,
          podLabels: pinningLabels(config),
          dataSet,
          namespace: dataSetNamespace(config.data, dataSet),
          cells: cells.filter((cell) => cell.dataSet === dataSet),
          storageClassName: storageClassFor(target, dataSet),
          skipAwait: !target.waitForWorkloads,
        },
        opts,
      ),
    );
  },
  forCell({ name, config, target, cell, opts }, clusterParts) {
    const bindings = cellBindings(config.data, cell, standbyTarget(config.tenants, cell, target.name));
    return deployCellPart(
      {
        name: `${name}-data`,
        catalogue: CATALOGUES[config.catalogue],
        data: config.data,
        seed: config.secretSeed,
        podLabels: pinningLabels(config),
        bindings,
        cellNamespace: cellNamespace(cell.cell),
        storageClassName: storageClassFor(target, cell.dataSet),
        skipAwait: !target.waitForWorkloads,
      },
      opts,
      { ...opts, dependsOn: [...clusterParts] },
    );
  },
};
