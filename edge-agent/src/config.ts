// Loads AgentSettings from defaults < config file < environment, and explains any bad value by field.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AgentSettings, settingsEnv } from '../../contracts/config.ts';
import { zodIssues } from '../../contracts/zod-errors.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type SettingsSource = { file?: string | undefined; env: Record<string, string | undefined> };

/** Returns validated settings or throws ConfigError whose message names every bad field and what it expects. */
export function loadSettings({ file, env }: SettingsSource): AgentSettings {
  const raw: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(`config file ${file} must hold a JSON object`);
    }
    Object.assign(raw, parsed);
    for (const key of Object.keys(parsed)) origin.set(key, `${file}: ${key}`);
  }
  for (const [name, path] of Object.entries(settingsEnv)) {
    const value = env[name];
    if (value === undefined) continue;
    setPath(raw, path, listPaths.has(path) ? splitList(value) : nonStringPaths.has(path) ? coerceEnv(value) : value);
    origin.set(path, `${name}`);
  }
  const result = AgentSettings.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(describeIssues(result.error, raw, origin));
}

/**
 * The shared wording of a zod refusal (contracts/zod-errors.ts: field path, or '(root)'), with what a person fixing a
 * kiosk needs on top: where the value came from (file or environment variable), what was expected, what was given.
 */
function describeIssues(error: z.ZodError, raw: Record<string, unknown>, origin: Map<string, string>): string {
  const lines = zodIssues(error).map(({ path: field }, n) => {
    const issue = error.issues[n]!;
    const path = issue.path.join('.');
    const where = origin.get(path) ?? origin.get(String(issue.path[0])) ?? 'default';
    const got = getPath(raw, path);
    const gotText = got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
    return `  ${field} [from ${where}]: ${expected(issue)}${gotText}`;
  });
  return `invalid configuration:\n${lines.join('\n')}`;
}

function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const i = issue as { minimum?: unknown; maximum?: unknown };
      return issue.code === 'too_small' ? `expected a value >= ${String(i.minimum)}` : `expected a value <= ${String(i.maximum)}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected === 'number' ? 'a number' : issue.expected === 'boolean' ? 'true or false' : `a ${issue.expected}`}`;
    case 'unrecognized_keys':
      return `unknown setting(s) ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

/** Settings whose values are numbers or booleans; every other environment value stays a string (a device id "1001"). */
const nonStringPaths = new Set(['apiPort', 'demo', 'expressionThreads', 'display.idleTimeoutSec', 'display.camera', 'mqtt.heartbeatSec',
  'content.quotaMb', 'content.concurrency', 'content.bandwidthBytesPerSec', 'content.prefetchHours']);

/** Settings that are lists of strings: the environment gives them comma-separated ("1F,north-atrium"). */
const listPaths = new Set(['zones']);

/** A comma-separated list, each item trimmed; empty items dropped (so "" is no items, and "1F," is one). */
function splitList(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** Environment values are strings; numbers and booleans are recognised so the schema sees their real type. */
function coerceEnv(value: string): unknown {
  if (/^-?\d+$/.test(value)) return Number(value);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function getPath(target: Record<string, unknown>, path: string): unknown {
  let node: unknown = target;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
