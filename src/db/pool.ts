// The pg Pool for a PostgreSQL server, with every wait bounded. A partition or a failover drops
// packets without a word: unbounded, a query on a dead socket holds its pool slot for as long as the
// kernel retries (many minutes), requests queue behind it, and a client given back to the pool with
// its query still stuck takes the next request down with it.
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';

export interface DatabaseTimeouts {
  /** Waiting for a connection, a new one or a free one from the pool. */
  readonly connectMs: number;
  /**
   * The server's statement_timeout; the client stops waiting for an answer a second later (the
   * server's own cancel should have come by then), and the server ends a transaction left idle
   * twice as long (its holder died or is cut off) so its locks go. Null: no limit (migrations).
   */
  readonly statementMs: number | null;
}

/** DB_CONNECT_TIMEOUT_MS and DB_STATEMENT_TIMEOUT_MS when not set: a dead database is a 503 within seconds. */
export const DEFAULT_TIMEOUTS = { connectMs: 3000, statementMs: 5000 } as const satisfies DatabaseTimeouts;

const CLIENT_GRACE_MS = 1000;
// TCP keepalive probes idle connections, so a firewall or NAT forgetting them is noticed.
const KEEPALIVE_DELAY_MS = 10_000;

export interface ServerPoolOptions {
  connectionString: string;
  max: number;
  timeouts: DatabaseTimeouts;
  types: pg.CustomTypesConfig;
  /** An idle connection failed (the pool replaces it). */
  onError: (error: Error) => void;
  /** A new connection, before its first use. */
  onConnect?: (client: pg.PoolClient) => void;
}

export function serverPool(options: ServerPoolOptions): PostgresPool {
  const { connectMs, statementMs } = options.timeouts;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    types: options.types,
    connectionTimeoutMillis: connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    // Our statements are short and planned as costly only at province scale (compliance over 200,000
    // activities), where JIT compiling them took 0.9 s of 1.2 s; without it the statement takes 0.25 s.
    options: '-c jit=off',
    ...(statementMs === null
      ? {}
      : { statement_timeout: statementMs, query_timeout: statementMs + CLIENT_GRACE_MS, idle_in_transaction_session_timeout: 2 * statementMs }),
  });
  // pg-pool hangs the client on an idle client's error, and with it the backend's cancel key.
  pool.on('error', (error) => {
    delete (error as { client?: unknown }).client;
    options.onError(error);
  });
  // A client in use whose connection fails emits 'error' too; unheard, it would end the process.
  // The query it was running fails as well, and the request that sent it reports it.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    options.onConnect?.(client);
  });
  return evicting(pool);
}

/**
 * The pool as Kysely gets it. A client whose query failed without an answer from the server (a
 * timeout, a broken connection) is destroyed when released instead of being handed to the next
 * request; an error the server sent (a constraint, a cancelled statement) leaves it as good as it was.
 */
function evicting(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let evictable = wrapped.get(client);
      if (!evictable) {
        evictable = new EvictableClient(client);
        wrapped.set(client, evictable);
      }
      return evictable;
    },
    end: () => pool.end(),
  };
}

class EvictableClient implements PostgresPoolClient {
  readonly #client: pg.PoolClient;
  #broken: Error | null = null;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters: ReadonlyArray<unknown> = []): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') return this.#client.query(sqlOrCursor as never);
    return this.#client.query(sqlOrCursor, [...parameters]).then(
      (result) => result as unknown as PostgresQueryResult<R>,
      (error: unknown) => {
        if (!(error instanceof pg.DatabaseError)) this.#broken = error as Error;
        throw error;
      },
    );
  }

  release(destroy?: boolean): void {
    const error = this.#broken;
    this.#broken = null;
    this.#client.release(error ?? destroy);
  }
}
