// The OpenAPI document as text, generated from an app that never touches a database.
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';

export async function generateOpenApi(): Promise<string> {
  // The pool connects lazily, so an unreachable address is never dialled.
  const handle = await openDatabase({ databaseUrl: 'postgres://contract@127.0.0.1:1/none', dataDir: '', poolSize: 1 });
  const app = await buildApp({ config: loadConfig({}), db: handle.db });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    await handle.close();
  }
}
