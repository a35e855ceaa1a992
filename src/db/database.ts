// Kysely<Database> over a pg Pool: a PostgreSQL server (DATABASE_URL) or the embedded PGlite in DATA_DIR.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { CamelCasePlugin, type Driver, Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { acquireDirectoryLock } from './data-dir-lock.js';
import { embeddedNotifications, type Notifications, ServerNotifications } from './notifications.js';
import { type DatabaseTimeouts, DEFAULT_TIMEOUTS, serverPool } from './pool.js';
import type { Database } from './schema.js';
import { ScopingDriver } from './transaction-scope.js';

export type { DatabaseTimeouts } from './pool.js';

export type Engine = 'postgres' | 'pglite';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** True when the embedded database was created by this open (its first start). */
  readonly created: boolean;
  /** Announcements of changes to what a key may do, committed by any process (notifications.ts). */
  readonly notifications: Notifications;
  /** The embedded database's files as one image (PGlite's dumpDataDir); absent on a server. */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize: number;
  /** Bounds on every wait for a server (DEFAULT_TIMEOUTS when left out); not used by the embedded engine. */
  timeouts?: DatabaseTimeouts;
  onPoolError?: (error: Error) => void;
  /** The connection listening for key changes failed (said once until it listens again); it is made again every second, and keys are looked up on every request meanwhile. */
  onListenerError?: (error: Error) => void;
}

// The embedded engine's memory is the process's and never shrinks: PostgreSQL's defaults (128 MB of
// shared buffers, 64 MB for index builds) sized for a machine of its own are cut to what one
// province's data needs.
const EMBEDDED_SETTINGS = ['shared_buffers = 16MB', 'maintenance_work_mem = 16MB'];

// int8 (counts, identities) as number, numeric as number, DATE as the 'YYYY-MM-DD' it is.
const PARSERS: Record<number, (value: string) => unknown> = {
  20: Number,
  1700: Number,
  1082: (value) => value,
};

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return PARSERS[oid] ?? pg.types.getTypeParser(oid, format);
  },
};

/** Postgres, with transaction scopes (transaction-scope.ts). */
class ScopedPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new ScopingDriver(super.createDriver());
  }
}

type Row = Record<string, unknown>;

const isPlain = (value: unknown): value is Row => {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * Column names in camelCase, as Kysely's plugin maps them (nested JSON objects too), but in a plain
 * loop: its reduce over every row's keys was the largest cost of a 50-row page after the socket's.
 */
class CamelCaseRows extends CamelCasePlugin {
  protected override mapRow(row: Row): Row {
    const mapped: Row = {};
    for (const key in row) {
      const value = row[key];
      mapped[this.camelCase(key)] = Array.isArray(value) ? value.map((item) => (isPlain(item) ? this.mapRow(item) : item)) : isPlain(value) ? this.mapRow(value) : value;
    }
    return mapped;
  }
}

function kysely(pool: PostgresPool): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new ScopedPostgresDialect({ pool }),
    plugins: [new CamelCaseRows()],
  });
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    // A server restart ends connections, idle or in use; the pool replaces them, and the query in
    // flight fails (a 503). A partition ends nothing: the timeouts do.
    const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
    const notifications = new ServerNotifications(
      { connectionString: options.databaseUrl, connectionTimeoutMillis: timeouts.connectMs, keepAlive: true },
      (error) => options.onListenerError?.(error),
    );
    const pool = serverPool({
      connectionString: options.databaseUrl,
      max: options.poolSize,
      timeouts,
      types,
      onError: (error) => options.onPoolError?.(error),
      onConnect: (client) => notifications.hear(client),
    });
    const db = kysely(pool);
    return {
      db,
      engine: 'postgres',
      created: false,
      notifications,
      close: async () => {
        await notifications.close();
        await db.destroy();
      },
    };
  }
  return openEmbedded(resolve(options.dataDir, 'pglite'));
}

/** An embedded database in dir; 'memory://' for one that lives only as long as the process. */
export async function openEmbedded(dir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const inMemory = dir.startsWith('memory://');
  let release = async (): Promise<void> => {};
  let created = inMemory;
  if (!inMemory) {
    mkdirSync(dir, { recursive: true });
    release = acquireDirectoryLock(dir);
    created = !existsSync(join(dir, 'PG_VERSION'));
  }
  try {
    const open = () => PGlite.create({ dataDir: inMemory ? undefined : dir, loadDataDir, postgresqlconf: EMBEDDED_SETTINGS });
    let pglite = await open();
    // Making a database (initdb) leaves hundreds of MB in the WebAssembly heap, which never shrinks:
    // a first start on a folder opens it again, as a restart would, in a fraction of a second.
    if (created && !inMemory) {
      await pglite.close();
      pglite = await open();
    }
    const notifications = await embeddedNotifications(pglite);
    const pool = new pg.Pool({ ...createPgConfig(pglite), types });
    const db = kysely(pool);
    return {
      db,
      engine: 'pglite',
      created,
      notifications,
      dump: () => pglite.dumpDataDir('none'),
      close: async () => {
        await db.destroy();
        await pglite.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
