// The service itself, on the benchmark database, in a process of its own.
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, dataDir: '', poolSize: 10 });
const app = await buildApp({ config: loadConfig({ RATE_LIMIT_MAX: '1000000' }), db: handle.db });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
