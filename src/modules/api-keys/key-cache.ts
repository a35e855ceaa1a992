// Principals of live keys by key hash, held in this process so that a known key costs no database
// round trip. Emptied whenever the database announces a change to what a key may do
// (db/notifications.ts), and bypassed while such announcements cannot be heard. Unknown keys are never
// held: a key just made by another replica must work at once.
import { LRUCache } from 'lru-cache';
import type { Subscriber } from '../../db/notifications.js';

// The listener's heartbeat notices a dead connection within a second (db/notifications.ts); entries
// expire all the same, a last bound on a notification lost in a way nothing noticed, at the cost of
// one lookup per key per period.
const TTL_MS = 30_000;
const MAX_KEYS = 10_000;

export class KeyCache<Principal extends object> implements Subscriber {
  readonly #entries = new LRUCache<string, Principal>({ max: MAX_KEYS, ttl: TTL_MS });
  #listening = false;
  /** Counts the changes heard, so that a lookup begun before one is not held after it. */
  #generation = 0;

  /** The principal of the key hash: held, or found (and then held when it is live and nothing changed meanwhile). */
  async through(hash: string, find: () => Promise<Principal | null>): Promise<Principal | null> {
    const held = this.#listening ? this.#entries.get(hash) : undefined;
    if (held) return held;
    const generation = this.#generation;
    const found = await find();
    // The lookup may have read the key before a revocation that was heard while it ran.
    if (found && this.#listening && generation === this.#generation) this.#entries.set(hash, found);
    return found;
  }

  changed(): void {
    this.#generation++;
    this.#entries.clear();
  }

  listening(on: boolean): void {
    this.#listening = on;
    this.changed();
  }
}
