// The service itself, on the province's database, in a process of its own.
import { openDatabase } from '../../src/db/database.js';
import { benchApp, POOL_SIZE } from './service.js';

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, dataDir: '', poolSize: POOL_SIZE });
const app = await benchApp(handle);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
