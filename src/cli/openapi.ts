// npm run openapi: writes openapi/openapi.json from the route schemas (the committed contract) and
// openapi/types.ts from it (the typed client's view of the same contract).
import { writeFileSync } from 'node:fs';
import { generateOpenApi, generateOpenApiTypes } from '../openapi-document.js';

const document = await generateOpenApi();
const outputs: Array<[URL, string]> = [
  [new URL('../../openapi/openapi.json', import.meta.url), document],
  [new URL('../../openapi/types.ts', import.meta.url), await generateOpenApiTypes(document)],
];
for (const [target, text] of outputs) {
  writeFileSync(target, text);
  process.stderr.write(`Wrote ${target.pathname}\n`);
}
