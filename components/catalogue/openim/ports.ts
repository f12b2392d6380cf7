/**
 * OpenIM v3.8.3's ports with automatic port selection off (config/openim-*.yml): the kit declares
 * them in the pods and the network policies, so they are fixed. push and msgtransfer list one
 * port per process, because the all-in-one server starts several of each with their index.
 */
export const OPENIM_PORTS = {
  gatewayClient: 10001,
  api: 10002,
  apiMetrics: 12002,
  gatewayRpc: 10140,
  gatewayMetrics: 12140,
  transferMetrics: [12020, 12021, 12022, 12023, 12024, 12025, 12026, 12027],
  pushRpc: [10170, 10171, 10172, 10173, 10174, 10175, 10176, 10177],
  pushMetrics: [12170, 12171, 12172, 12173, 12174, 12175, 12176, 12177],
  rpc: {
    auth: [10200, 12200],
    conversation: [10220, 12220],
    friend: [10240, 12240],
    group: [10260, 12260],
    msg: [10280, 12280],
    third: [10300, 12300],
    user: [10320, 12320],
  },
} as const;

export type RpcName = keyof typeof OPENIM_PORTS.rpc;
export const RPC_NAMES = Object.keys(OPENIM_PORTS.rpc) as RpcName[];

/** Processes of each kind the all-in-one server starts (its start-config.yml). */
export const COMPACT_PROCESSES = { push: 8, msgtransfer: 8 } as const;
