// Environment → a typed, frozen Config, validated once at boot. Nothing else reads process.env.
import { isIP } from 'node:net';
import { DEFAULT_TIMEOUTS } from './db/pool.js';
import { UNIT_CODE_PATTERN } from './modules/units/units.schemas.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** A PostgreSQL server; null selects the embedded engine (PGlite) in dataDir. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  readonly dbPoolSize: number;
  /** How long to wait for a database connection, new or from the pool, before answering 503. */
  readonly dbConnectTimeoutMs: number;
  /** The server's statement_timeout; the client gives up a second later, and a transaction idle twice this long is ended. */
  readonly dbStatementTimeoutMs: number;
  readonly bodyLimitBytes: number;
  /** Origins allowed by CORS (the portal's); empty allows none. */
  readonly corsOrigins: readonly string[];
  readonly rateLimitMax: number;
  readonly rateLimitWindowSeconds: number;
  /** Redis in which replicas count rate limits together; null counts in each process's memory. */
  readonly redisUrl: string | null;
  /** X-Forwarded-* is believed from any peer (true), from none (false), or from these proxy addresses / CIDR ranges only. */
  readonly trustProxy: boolean | readonly string[];
  readonly shutdownTimeoutMs: number;
  /** The place written on the documents the service makes ("Sóc Trăng, ngày 14 tháng 6 năm 2021"): the province's name. */
  readonly documentPlace: string;
  /** The working days a citizen's question is due in after its receipt. */
  readonly questionResponseDays: number;
  /** The code of the unit that receives citizens' questions and hands them out: the Office (Văn phòng). */
  readonly officeUnitCode: string;
}

export class ConfigError extends Error {}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

function text(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? fallback : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name, String(fallback));
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return Number(raw);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name, String(fallback)).toLowerCase();
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, not "${raw}".`);
}

/** TRUST_PROXY: true or false, or the load balancers' addresses (10.0.0.5, 10.1.0.0/16, fd00::/8) to believe. */
function trustedProxies(env: Env): boolean | readonly string[] {
  const raw = text(env, 'TRUST_PROXY', 'false');
  if (/^(true|false|1|0)$/i.test(raw)) return boolean(env, 'TRUST_PROXY', false);
  const list = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of list) {
    const [address = '', prefix, ...more] = entry.split('/');
    const bits = isIP(address) === 4 ? 32 : 128;
    if (!isIP(address) || more.length > 0 || (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits))) {
      throw new ConfigError(`TRUST_PROXY must be true, false or a comma-separated list of proxy addresses or CIDR ranges such as 10.0.0.0/8, not "${entry}".`);
    }
  }
  return list.length ? Object.freeze(list) : false;
}

/** A service's URL of one of the schemes, or null when unset; the error never repeats it (it may hold a password). */
function serviceUrl(env: Env, name: string, schemes: readonly string[], example: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL such as ${example}.`);
  }
  if (!schemes.includes(url.protocol.slice(0, -1))) {
    throw new ConfigError(`${name} must start with ${schemes.map((scheme) => `${scheme}://`).join(' or ')}, not ${url.protocol}//.`);
  }
  return raw;
}

function origins(env: Env): string[] {
  const list = text(env, 'CORS_ORIGINS', '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of list) {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (!url || url.origin !== origin) {
      throw new ConfigError(`CORS_ORIGINS must list origins such as https://portal.example.vn, not "${origin}".`);
    }
  }
  return list;
}

/** A unit's code as the units module writes them (upper case, digits, - and _). */
function unitCode(env: Env, name: string, fallback: string): string {
  const raw = text(env, name, fallback);
  if (!new RegExp(UNIT_CODE_PATTERN).test(raw)) throw new ConfigError(`${name} must be a unit's code such as VP (upper-case letters, digits, - and _), not "${raw}".`);
  return raw;
}

export function loadConfig(env: Env): Config {
  const logLevel = text(env, 'LOG_LEVEL', 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}".`);
  }
  return Object.freeze({
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: text(env, 'HOST', '0.0.0.0'),
    databaseUrl: serviceUrl(env, 'DATABASE_URL', ['postgres', 'postgresql'], 'postgres://user:password@host:5432/db'),
    dataDir: text(env, 'DATA_DIR', './data'),
    logLevel,
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    dbConnectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', DEFAULT_TIMEOUTS.connectMs, 100, 600_000),
    dbStatementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', DEFAULT_TIMEOUTS.statementMs, 100, 3_600_000),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    corsOrigins: Object.freeze(origins(env)),
    rateLimitMax: integer(env, 'RATE_LIMIT_MAX', 600, 1, 1_000_000),
    rateLimitWindowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    redisUrl: serviceUrl(env, 'REDIS_URL', ['redis', 'rediss'], 'redis://127.0.0.1:6379'),
    trustProxy: trustedProxies(env),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    documentPlace: text(env, 'DOCUMENT_PLACE', 'Sóc Trăng').normalize('NFC'),
    questionResponseDays: integer(env, 'QUESTION_RESPONSE_DAYS', 5, 1, 60),
    officeUnitCode: unitCode(env, 'OFFICE_UNIT_CODE', 'VP'),
  });
}
