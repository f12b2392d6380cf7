/**
 * Managed Service for Prometheus evaluates PromQL in Monarch, which matches metric names exactly
 * only: a `{__name__=~"..."}` selector is refused. The kit's rules select a few metric families
 * by a name alternation inside a range function (`rate({__name__=~"(single|group)_..."}[5m])`);
 * here each such selector becomes one exact-name selector per alternative, joined with `or`.
 * Each branch keeps its name in a label of its own, so branches with the same other labels stay
 * apart (the series a name alternation selects would otherwise collide once the function drops
 * their names) and the aggregation around them adds them up.
 */

/** The label each expanded branch carries its metric name in. */
export const EXPANDED_NAME_LABEL = "im_metric";

const NAME_CHARS = "A-Za-z0-9_:";
const PART = new RegExp(`\\([${NAME_CHARS}|]+\\)|[${NAME_CHARS}]+`, "g");

/**
 * The names a metric-name regex stands for, when it is literal text and groups of literal
 * alternatives (`(a|b)_total`); undefined for anything else (wildcards, classes, nesting).
 */
export function expandNameRegex(pattern: string): string[] | undefined {
  const parts = pattern.match(PART) ?? [];
  if (parts.join("") !== pattern || parts.length === 0) return undefined;
  let names = [""];
  for (const part of parts) {
    const choices = part.startsWith("(") ? part.slice(1, -1).split("|") : [part];
    if (choices.some((choice) => choice.length === 0)) return undefined;
    names = names.flatMap((prefix) => choices.map((choice) => prefix + choice));
  }
  return names;
}

/** `fn({__name__=~"<names>",<matchers>}[<range>])` */
const RANGE_SELECTOR = /([a-z_]+)\(\{\s*__name__\s*=~\s*"([^"]*)"\s*((?:,[^{}]*)?)\}(\[[^\]]+\])\)/g;

/**
 * The expression with every name-alternation selector inside a range function expanded to
 * exact names. Throws, naming the expression, where a name is selected by a pattern this cannot
 * expand: the managed rule evaluator would fail on it at every evaluation instead.
 */
export function exactMetricNames(expr: string): string {
  const rewritten = expr.replace(RANGE_SELECTOR, (whole, fn: string, pattern: string, rest: string, range: string) => {
    const names = expandNameRegex(pattern);
    if (!names) return whole;
    const matchers = rest.replace(/^,\s*/, "").trim();
    const call = (name: string) => `${fn}(${name}${matchers ? `{${matchers}}` : ""}${range})`;
    if (names.length === 1) return call(names[0]!);
    const branches = names.map((name) => `label_replace(${call(name)}, "${EXPANDED_NAME_LABEL}", "${name}", "", "")`);
    return `(${branches.join(" or ")})`;
  });
  if (/__name__\s*(=~|!~|!=)/.test(rewritten)) {
    throw new Error(
      `Managed Service for Prometheus matches metric names exactly, and this expression selects them by pattern in a form the GCP collector cannot expand into exact names: ${expr}`,
    );
  }
  return rewritten;
}
