import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, ConfigError } from "../config/errors";
import type { StackConfig } from "./types";
import { validateStackConfig } from "./validate";

/**
 * Pulumi hands structured config values over as JSON text and scalars as plain text; turn the
 * `im-platform:` keys back into values.
 */
export function rawConfigFrom(all: Readonly<Record<string, string>>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
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
export function parseStackConfig(raw: Readonly<Record<string, unknown>>): StackConfig {
  const result = validateStackConfig(raw);
  if (!result.ok) throw new ConfigError(result.issues);
  return result.config;
}

/** Reads and validates the stack's config from the running Pulumi program. */
export function loadStackConfig(): StackConfig {
  return parseStackConfig(rawConfigFrom(pulumi.runtime.allConfig()));
}
