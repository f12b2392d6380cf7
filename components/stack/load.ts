import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, ConfigError, type ConfigIssue } from "../config/errors";
import type { StackConfig } from "./types";
import { validateStackConfig, type ValidationOptions } from "./validate";

/**
 * Pulumi hands structured config values over as JSON text and scalars as plain text; turn the
 * `im-platform:` keys back into values.
 */
export function rawConfigFrom(all: Readonly<Record<string, string>>): Record<string, unknown> {
  // No prototype: a key "__proto__" becomes a key like any other, for validation to refuse.
  const raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const [key, text] of Object.entries(all)) {
    if (!key.startsWith(prefix)) continue;
    raw[key.slice(prefix.length)] = parseConfigText(text);
  }
  return raw;
}

function parseConfigText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

/** Parses a raw config map or throws a ConfigError listing every problem. */
export function parseStackConfig(raw: Readonly<Record<string, unknown>>, options?: ValidationOptions): StackConfig {
  const result = validateStackConfig(raw, options);
  if (!result.ok) throw new ConfigError(result.issues);
  return result.config;
}

/** Risky but allowed findings, one warning each, naming the config path it is about. */
export function logConfigWarnings(warnings: readonly ConfigIssue[]): void {
  for (const warning of warnings) pulumi.log.warn(`${warning.path}: ${warning.message}`);
}

/** Reads and validates the stack's config from the running Pulumi program. */
export function loadStackConfig(): StackConfig {
  const all = pulumi.runtime.allConfig();
  const result = validateStackConfig(rawConfigFrom(all), { configKeys: Object.keys(all) });
  logConfigWarnings(result.warnings);
  if (!result.ok) throw new ConfigError(result.issues);
  return result.config;
}
