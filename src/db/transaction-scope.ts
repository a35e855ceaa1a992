// A transaction that spans more than one call. The code that opens it (the HTTP layer's
// idempotency, around a request) runs other code inside it: every query made there goes to the
// scope's one connection, and the transactions opened there become savepoints of the scope's. So a
// service's write and what the opener stores about it commit together, or neither does; services
// keep calling db.transaction() and know nothing of it. Framework-neutral: an AsyncLocalStorage
// and a Kysely driver.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  type ControlledTransaction,
  type DatabaseConnection,
  type Driver,
  isAbortedTransactionError,
  type Kysely,
  type TransactionSettings,
} from 'kysely';

interface Scope {
  /** Null while the scope's transaction is being opened, and again once it has ended. */
  connection: DatabaseConnection | null;
  state: 'opening' | 'open' | 'ended';
  /** Savepoints open inside it: the transactions of the code it runs, one inside the other. */
  depth: number;
}

const current = new AsyncLocalStorage<Scope>();

export interface TransactionScope<DB> {
  /** The scope's own transaction, for the opener's queries. */
  readonly trx: ControlledTransaction<DB>;
  /** Runs fn, and everything it starts, inside the scope's transaction. */
  run<T>(fn: () => T): T;
  /** Commits everything done in the scope; on failure rolls back (if the connection still can) and throws. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
  readonly ended: boolean;
}

export async function openTransactionScope<DB>(db: Kysely<DB>): Promise<TransactionScope<DB>> {
  const scope: Scope = { connection: null, state: 'opening', depth: 0 };
  const trx = await current.run(scope, () => db.startTransaction().execute());
  if (scope.state !== 'open') {
    await trx.rollback().execute();
    throw new Error('This database was not opened by openDatabase: it has no transaction scopes.');
  }
  return {
    trx,
    run: (fn) => current.run(scope, fn),
    async commit() {
      // A transaction of the code it ran still open (a savepoint): committing would keep half of it.
      if (scope.depth > 0) {
        scope.depth = 0;
        await trx.rollback().execute();
        throw new Error('A transaction inside the scope is still open; everything was rolled back.');
      }
      try {
        await trx.commit().execute();
      } catch (error) {
        if (!trx.isRolledBack) await trx.rollback().execute().catch(() => {});
        throw error;
      }
    },
    async rollback() {
      // The whole scope, whatever savepoints the code it ran left open.
      scope.depth = 0;
      await trx.rollback().execute();
    },
    get ended() {
      return scope.state === 'ended';
    },
  };
}

/** Wraps a driver so that scopes work: inside one, its connection and savepoints instead of the pool and transactions. */
export class ScopingDriver implements Driver {
  readonly #inner: Driver;
  readonly #scopes = new WeakMap<DatabaseConnection, Scope>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return current.getStore()?.connection ?? this.#inner.acquireConnection();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const scope = this.#scopes.get(connection);
    if (scope) {
      if (settings.isolationLevel || settings.accessMode) {
        throw new Error('A transaction inside a transaction scope cannot set its own isolation level or access mode.');
      }
      scope.depth += 1;
      await connection.executeQuery(CompiledQuery.raw(`savepoint scope_${scope.depth}`));
      return;
    }
    await this.#inner.beginTransaction(connection, settings);
    const opening = current.getStore();
    if (opening?.state === 'opening') {
      opening.connection = connection;
      opening.state = 'open';
      this.#scopes.set(connection, opening);
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const scope = this.#scopes.get(connection);
    if (scope && scope.depth > 0) {
      await connection.executeQuery(CompiledQuery.raw(`release savepoint scope_${scope.depth}`));
      scope.depth -= 1;
      return;
    }
    try {
      await this.#inner.commitTransaction(connection);
    } catch (error) {
      // COMMIT answered ROLLBACK: over, and Kysely lets go of the connection. Any other failure
      // leaves the transaction open in the scope, for a rollback.
      if (isAbortedTransactionError(error)) this.#end(connection);
      throw error;
    }
    this.#end(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const scope = this.#scopes.get(connection);
    if (scope && scope.depth > 0) {
      const name = `scope_${scope.depth}`;
      scope.depth -= 1;
      await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${name}`));
      await connection.executeQuery(CompiledQuery.raw(`release savepoint ${name}`));
      return;
    }
    try {
      await this.#inner.rollbackTransaction(connection);
    } finally {
      this.#end(connection);
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // Code inside a scope lets go of the scope's connection; the scope keeps it until it ends.
    if (this.#scopes.has(connection)) return;
    await this.#inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }

  #end(connection: DatabaseConnection): void {
    const scope = this.#scopes.get(connection);
    if (!scope) return;
    this.#scopes.delete(connection);
    scope.connection = null;
    scope.state = 'ended';
  }
}
