import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { commonLabels, labelKeys } from "../core/labels";

/** What differs between the clouds' encrypted StorageClasses: the driver and its parameters. */
export interface EncryptedClassArgs {
  readonly className: string;
  readonly provisioner: string;
  /** The driver's parameters, naming the customer-managed key (or encryption set) it encrypts with. */
  readonly parameters: Record<string, pulumi.Input<string>>;
  /** The VIP tenant whose key the class uses; undefined for the platform's default class. */
  readonly tenant?: string;
}

/**
 * A StorageClass that encrypts every volume with a customer-managed key. Volumes bind where the
 * pod lands, so a disk is never in another zone than its node (a dedicated pool's included), and
 * are deleted with their claim.
 */
export function encryptedStorageClass(
  name: string,
  args: EncryptedClassArgs,
  opts: pulumi.CustomResourceOptions,
): k8s.storage.v1.StorageClass {
  return new k8s.storage.v1.StorageClass(
    name,
    {
      metadata: { name: args.className, labels: commonLabels(args.tenant ? { [labelKeys.tenant]: args.tenant } : {}) },
      provisioner: args.provisioner,
      parameters: args.parameters,
      reclaimPolicy: "Delete",
      allowVolumeExpansion: true,
      volumeBindingMode: "WaitForFirstConsumer",
    },
    opts,
  );
}
