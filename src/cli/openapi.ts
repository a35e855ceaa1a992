// npm run openapi: writes openapi/openapi.json from the route schemas (the committed contract).
import { writeFileSync } from 'node:fs';
import { generateOpenApi } from '../openapi-document.js';

const target = new URL('../../openapi/openapi.json', import.meta.url);
writeFileSync(target, await generateOpenApi());
process.stderr.write(`Wrote ${target.pathname}\n`);
