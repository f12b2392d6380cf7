/**
 * Hands the event loop to the Pulumi runtime so it can serialize and send what was registered so
 * far. Called between tenant cells: resources in flight (and the memory their requests hold) stay
 * bounded by one cell instead of growing with the tenant count.
 */
export function yieldToRuntime(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
