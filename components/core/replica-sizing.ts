/** What one replica of a service handles, per load dimension; a dimension left out does not size it. */
export interface PerReplicaCapacity {
  readonly connections?: number;
  readonly messagesPerSecond?: number;
}

/** A tenant's load at one moment: open client connections and messages sent per second. */
export interface Load {
  readonly connections: number;
  readonly messagesPerSecond: number;
}

export const NO_LOAD: Load = { connections: 0, messagesPerSecond: 0 };

export function scaleLoad(load: Load, factor: number): Load {
  return { connections: load.connections * factor, messagesPerSecond: load.messagesPerSecond * factor };
}

/** Whether a service's replica count follows load at all (it states what one replica handles). */
export function isLoadDriven(capacity: PerReplicaCapacity | undefined): capacity is PerReplicaCapacity {
  return capacity?.connections !== undefined || capacity?.messagesPerSecond !== undefined;
}

// Load arrives as products of decimals (peak x share x burst): a hair over a whole number is that number.
const EPSILON = 1e-9;

/** Replicas a load needs of a service: the most any dimension needs; undefined when it follows no load. */
export function replicasForLoad(load: Load, capacity: PerReplicaCapacity | undefined): number | undefined {
  if (!isLoadDriven(capacity)) return undefined;
  const needs = [
    capacity.connections ? load.connections / capacity.connections : 0,
    capacity.messagesPerSecond ? load.messagesPerSecond / capacity.messagesPerSecond : 0,
  ];
  return Math.max(0, ...needs.map((need) => Math.ceil(need - EPSILON)));
}

/** The load `replicas` pods of a service hold, per dimension it states (Infinity where it states none). */
export function loadHeldBy(replicas: number, capacity: PerReplicaCapacity): Load {
  return {
    connections: capacity.connections === undefined ? Infinity : replicas * capacity.connections,
    messagesPerSecond: capacity.messagesPerSecond === undefined ? Infinity : replicas * capacity.messagesPerSecond,
  };
}
