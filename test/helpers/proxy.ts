// A TCP proxy in front of a database server, so a test can take the database away and bring it
// back on the same address without touching the server itself: cut every connection (stop), drop
// every packet (blackhole, as in a network partition or a failover), or interfere with one message
// (hold it, or let it through and lose the answer).
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Test } from 'tap';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createServerDatabase } from './database.js';

export interface TcpProxy {
  /** The port the proxy listens on (the same across stop and start). */
  readonly port: number;
  /** Closes the listener and cuts every live connection: the database looks down. */
  stop(): Promise<void>;
  /** Listens again on the same port: the database is back. */
  start(): Promise<void>;
  /**
   * A partition: from now on no byte passes either way and no close is passed on, on the
   * connections there are and on those opened meanwhile (accepted, then silent). Nobody is told.
   */
  blackhole(): void;
  /** The partition heals for new connections; those it swallowed stay silent, as after a failover. */
  heal(): void;
  /**
   * The next message from the client that `match` accepts is held, with everything after it on
   * that connection, as if the link froze just before it; resolves when it arrives.
   */
  holdWhen(match: (chunk: Buffer) => boolean): Promise<void>;
  /**
   * The next message from the client that `match` accepts reaches the server, but the server's
   * answer is lost and the connection cut; resolves once it is cut.
   */
  loseAnswerTo(match: (chunk: Buffer) => boolean): Promise<void>;
}

type State = 'open' | 'held' | 'silent';

interface Link {
  client: Socket;
  upstream: Socket | null;
  state: State;
  /** Set when the server's next answer on this link is to be lost. */
  onAnswer: (() => void) | null;
}

interface Trap {
  match: (chunk: Buffer) => boolean;
  action: 'hold' | 'lose-answer';
  done: () => void;
}

/** A simple-protocol query whose text is `sql` (e.g. `commit`), case aside. */
export function isQuery(sql: string): (chunk: Buffer) => boolean {
  const text = sql.toLowerCase();
  return (chunk) => chunk[0] === 0x51 /* 'Q' */ && chunk.subarray(5).toString('utf8').toLowerCase().replace(/\0.*$/s, '').trim() === text;
}

export async function startProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const links = new Set<Link>();
  let server: Server | null = null;
  let port = 0;
  let partitioned = false;
  let trap: Trap | null = null;

  const cut = (link: Link) => {
    link.client.destroy();
    link.upstream?.destroy();
    links.delete(link);
  };

  const relay = (client: Socket) => {
    const link: Link = { client, upstream: null, state: partitioned ? 'silent' : 'open', onAnswer: null };
    links.add(link);
    client.on('error', () => client.destroy());
    client.on('close', () => {
      if (link.state !== 'silent') cut(link);
    });
    if (link.state === 'silent') return;

    const upstream = createConnection(target);
    link.upstream = upstream;
    upstream.on('error', () => upstream.destroy());
    upstream.on('close', () => {
      if (link.state !== 'silent') cut(link);
    });
    client.on('data', (chunk: Buffer) => {
      if (link.state !== 'open') return;
      const hit = trap?.match(chunk) ? trap : null;
      if (hit) {
        trap = null;
        if (hit.action === 'hold') {
          link.state = 'held';
          hit.done();
          return;
        }
        link.onAnswer = () => {
          cut(link);
          hit.done();
        };
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (link.onAnswer) return link.onAnswer();
      if (link.state === 'open') client.write(chunk);
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(relay);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });

  const setTrap = (match: Trap['match'], action: Trap['action']) =>
    new Promise<void>((resolve) => {
      trap = { match, action, done: resolve };
    });

  await listen();
  return {
    get port() {
      return port;
    },
    async stop() {
      const s = server;
      server = null;
      partitioned = false;
      for (const link of links) cut(link);
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    start: listen,
    blackhole() {
      partitioned = true;
      for (const link of links) link.state = 'silent';
    },
    heal() {
      partitioned = false;
    },
    holdWhen: (match) => setTrap(match, 'hold'),
    loseAnswerTo: (match) => setTrap(match, 'lose-answer'),
  };
}

export interface ProxiedDatabase {
  proxy: TcpProxy;
  /** The database's URL on the server. */
  direct: string;
  /** The same database through the proxy. */
  viaProxy: string;
}

/** A fresh, migrated database on the test server (TEST_DATABASE_URL) with a proxy in front of it; both go at teardown. */
export async function databaseBehindProxy(t: Test): Promise<ProxiedDatabase> {
  const direct = new URL(await createServerDatabase(t));
  const setup = await openDatabase({ databaseUrl: direct.toString(), dataDir: '', poolSize: 1 });
  try {
    await migrateToLatest(setup.db);
  } finally {
    await setup.close();
  }
  const proxy = await startProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  t.teardown(() => proxy.stop());
  const viaProxy = new URL(direct);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  return { proxy, direct: direct.toString(), viaProxy: viaProxy.toString() };
}
