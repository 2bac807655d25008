// `npm run asyncapi`: writes docs/asyncapi.json, the MQTT contract as AsyncAPI 3.0,
// generated from the shared zod schemas (the hub also serves it at /api/asyncapi.json).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument } from '../shared/asyncapi.js';
import { PACKAGE_VERSION, PROJECT_ROOT as ROOT } from '../hub/paths.js';

const out = join(ROOT, 'docs', 'asyncapi.json');
writeFileSync(out, `${JSON.stringify(asyncApiDocument({ version: PACKAGE_VERSION }), null, 2)}\n`);
process.stdout.write(`wrote ${out}\n`);
