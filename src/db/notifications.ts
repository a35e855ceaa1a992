// Hearing what any process commits: PostgreSQL's LISTEN/NOTIFY on the channel on which the database
// announces a change to what an API key may do (the triggers of migration
// 20261204T100000-key-cache-and-rate-limit). A subscriber (the key cache) drops what it holds on each
// announcement, and holds nothing while announcements cannot be heard.
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The channel the triggers notify on; the migration spells it too (migrations never import src/). */
export const KEY_ACCESS_CHANNEL = 'key_access';

/** The listening connection's application_name, so that it can be told apart in pg_stat_activity. */
export const LISTENER_NAME = 'cchc key listener';

// A lost listening connection is tried again this often; until then, subscribers hold nothing.
const RECONNECT_MS = 1000;
// A connection can also die without a word (a half-open socket: no error until TCP gives up, hours
// later). The listener asks the server every half second and counts a connection that has not
// answered within HEARTBEAT_DEADLINE_MS as lost, so keys are never held more than about a second
// past a change it could not hear.
const HEARTBEAT_MS = 500;
const HEARTBEAT_DEADLINE_MS = 700;

export interface Subscriber {
  /** A key's row or a unit's active flag changed, in this process or another. */
  changed(): void;
  /** Whether announcements are heard from now on; while false, anything held may be stale. */
  listening(on: boolean): void;
}

export interface Notifications {
  /** Adds a subscriber, told at once whether announcements are heard; returns what removes it. */
  subscribe(subscriber: Subscriber): () => void;
}

class Hub implements Notifications {
  readonly #subscribers = new Set<Subscriber>();
  #listening: boolean;

  constructor(listening: boolean) {
    this.#listening = listening;
  }

  subscribe(subscriber: Subscriber): () => void {
    this.#subscribers.add(subscriber);
    subscriber.listening(this.#listening);
    return () => this.#subscribers.delete(subscriber);
  }

  changed(): void {
    for (const subscriber of this.#subscribers) subscriber.changed();
  }

  protected setListening(on: boolean): void {
    this.#listening = on;
    for (const subscriber of this.#subscribers) subscriber.listening(on);
  }
}

/**
 * On a PostgreSQL server: a connection of its own (not from the pool, whose connections come and go)
 * listens from the first subscription until close(), and is made again whenever it is lost. A
 * notification sent while it was down is never delivered, so subscribers are told `listening(false)`
 * as soon as it fails and `listening(true)` only once LISTEN has run again.
 */
export class ServerNotifications extends Hub {
  readonly #config: pg.ClientConfig;
  readonly #onError: (error: Error) => void;
  #client: pg.Client | null = null;
  #retry: NodeJS.Timeout | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  #closed = false;
  /** Set from a failure until LISTEN runs again, so that an outage is reported once, not at every try. */
  #failing = false;

  constructor(config: pg.ClientConfig, onError: (error: Error) => void) {
    super(false);
    this.#config = config;
    this.#onError = onError;
  }

  readonly #heard = (message: pg.Notification): void => {
    if (message.channel === KEY_ACCESS_CHANNEL) this.changed();
  };

  override subscribe(subscriber: Subscriber): () => void {
    const unsubscribe = super.subscribe(subscriber);
    if (!this.#client && !this.#retry) this.#connect();
    return unsubscribe;
  }

  /**
   * Makes a pool connection listen as well. The connection that commits a change then hears it before
   * its COMMIT returns (PostgreSQL sends a session its own notifications ahead of ReadyForQuery), so
   * this process drops the key before it answers the request that revoked it, whichever code path
   * made the change, instead of a moment later through the listening connection.
   */
  hear(client: pg.ClientBase): void {
    client.on('notification', this.#heard);
    // Queued ahead of the pool's first use of the connection. Should it fail, the listening connection still hears the change.
    client.query(`LISTEN ${KEY_ACCESS_CHANNEL}`).catch(() => {});
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    if (this.#heartbeat) clearTimeout(this.#heartbeat);
    const client = this.#client;
    this.#client = null;
    this.setListening(false);
    await client?.end().catch(() => {});
  }

  #connect(): void {
    this.#retry = null;
    if (this.#closed) return;
    const client = new pg.Client({ ...this.#config, application_name: LISTENER_NAME });
    this.#client = client;
    const lost = (error: Error) => {
      if (this.#client !== client) return;
      this.#client = null;
      this.setListening(false);
      if (!this.#failing) this.#onError(error);
      this.#failing = true;
      client.end().catch(() => {});
      if (!this.#closed) this.#retry = setTimeout(() => this.#connect(), RECONNECT_MS).unref();
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('The connection listening for key changes was closed.')));
    client.on('notification', this.#heard);
    client
      .connect()
      .then(() => client.query(`LISTEN ${KEY_ACCESS_CHANNEL}`))
      .then(() => {
        if (this.#client !== client) return;
        this.#failing = false;
        this.setListening(true);
        this.#beat(client, lost);
      }, lost);
  }

  #beat(client: pg.Client, lost: (error: Error) => void): void {
    this.#heartbeat = setTimeout(() => {
      const deadline = setTimeout(() => lost(new Error('The connection listening for key changes stopped answering.')), HEARTBEAT_DEADLINE_MS).unref();
      client.query('SELECT 1').then(
        () => {
          clearTimeout(deadline);
          if (this.#client === client) this.#beat(client, lost);
        },
        (error: Error) => {
          clearTimeout(deadline);
          lost(error);
        },
      );
    }, HEARTBEAT_MS).unref();
  }
}

/**
 * On the embedded engine, one process and one session: every change is made by this process and
 * heard as its COMMIT returns. LISTEN runs before the pool is used, so it cannot land inside (and be
 * rolled back with) a transaction of the pool's; and before anyone can subscribe.
 */
export async function embeddedNotifications(pglite: PGlite): Promise<Notifications> {
  const hub = new Hub(true);
  await pglite.listen(KEY_ACCESS_CHANNEL, () => hub.changed());
  return hub;
}
