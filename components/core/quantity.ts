/**
 * Kubernetes resource quantities ("500m", "2Gi", "1e3"). Parsed here so config validation can
 * reject what the API server would reject, and so capacity maths can add requests up.
 */
const QUANTITY_PATTERN = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

const SUFFIX_MULTIPLIER: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Value of a quantity in base units (cores, bytes, counts), or undefined when it does not parse. */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY_PATTERN.exec(text.trim());
  if (!match || text.trim() !== text) return undefined;
  const [, numberPart, suffix, exponent] = match;
  const base = Number(numberPart);
  if (!Number.isFinite(base)) return undefined;
  if (suffix) return base * (SUFFIX_MULTIPLIER[suffix] ?? NaN);
  if (exponent) return base * 10 ** Number(exponent);
  return base;
}

export function isQuantity(text: string): boolean {
  return parseQuantity(text) !== undefined;
}

/** Renders CPU cores as whole cores when exact ("32"), else millicores ("1500m"). */
export function formatCpu(cores: number): string {
  const millicores = Math.round(cores * 1000);
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

/** Renders bytes in the largest binary unit that keeps a whole number ("3Gi", "1536Mi"). */
export function formatBytes(bytes: number): string {
  const units: Array<[string, number]> = [
    ["Gi", 2 ** 30],
    ["Mi", 2 ** 20],
    ["Ki", 2 ** 10],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size && Number.isInteger(bytes / size)) return `${bytes / size}${unit}`;
  }
  return `${Math.ceil(bytes / 2 ** 20)}Mi`;
}
