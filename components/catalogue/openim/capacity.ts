/**
 * What one pod of each load-bearing OpenIM service handles at its CPU and memory requests, for
 * sizing cells from a tenant's declared load. None of these is a measurement of this kit: each is
 * an estimate scaled from OpenIM's own published benchmark ("OpenIM Stress & Reliability
 * Testing", docs.openim.io/guides/benchmark/benchmark_test, in openimsdk/docs): one 16-core,
 * 64 GB server running every service and component, 50,000 users online sending about 1,700
 * messages a second (one-to-one and small groups), with 8 msgtransfer and 8 push instances.
 * Per process it reports: msggateway 210% CPU and 2.1 GiB; openim-rpc-msg 56%; msgtransfer 27%
 * each (x8); push 13% each (x8). Each figure below divides that work per message (or per
 * connection) and multiplies it by the pod's request, assuming CPU scales linearly with messages
 * and memory with connections. Override them per stack with `services[].capacity` once measured.
 */
export const OPENIM_CAPACITY = {
  /**
   * ~44 KiB per connection (2.1 GiB over 50,000) puts 10,000 connections at ~430 MiB, inside the
   * 512Mi request; ~1.1 millicore per message a second (the gateway's CPU less the idle upkeep of
   * its connections, which OpenIM's pressure test puts at 26.7% of a core for 50,000) puts 400 a
   * second at ~0.45 core, inside the 500m request.
   */
  gateway: { connections: 10_000, messagesPerSecond: 400 },
  /** rpc-msg: 0.56 core for 1,700 messages a second is ~0.33 millicore each: 300 a second in 100m. */
  messageRpc: { messagesPerSecond: 300 },
  /** msgtransfer: 8 x 0.27 core for 1,700 a second is ~1.27 millicore each: 200 a second in 250m. */
  transfer: { messagesPerSecond: 200 },
  /** push: 8 x 0.13 core for 1,700 a second is ~0.61 millicore each: 400 a second in 250m. */
  push: { messagesPerSecond: 400 },
  /**
   * The all-in-one server: every OpenIM process of the benchmark together used ~6 cores for 1,700
   * messages a second (~3.5 millicore each): 140 a second in its 500m request; its 1Gi request
   * holds the gateway's share for ~5,000 connections beside the other services' baseline.
   */
  compact: { connections: 5_000, messagesPerSecond: 140 },
} as const;
