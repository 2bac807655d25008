#!/usr/bin/env node
// Derives the per-provider Prisma schemas from prisma/models.prisma (the one
// source of the data model) and generates both clients, offline.
//
//   node scripts/prisma-generate.mjs           write schemas, generate clients
//   node scripts/prisma-generate.mjs --check   fail when a committed schema drifted from models.prisma
//
// Prisma's CLI refuses to start without its native schema engine, which cannot
// be downloaded here. `generate` never runs that engine, so we point
// PRISMA_SCHEMA_ENGINE_BINARY at an empty, non-executable stub: any command
// that really needs the engine then fails loudly (EACCES) instead of silently.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PROVIDERS = ['sqlite', 'postgresql'];

// compilerBuild "small": the size-optimised query compiler. Issue 13: the "fast" one cost
// about 50 MB more resident memory (a larger Wasm module, tiered up by background
// compiler threads whose malloc arenas are never given back) for no measurable gain here.
export function schemaFor(provider) {
  const models = readFileSync(join(root, 'prisma/models.prisma'), 'utf8');
  return `// GENERATED from prisma/models.prisma by scripts/prisma-generate.mjs. Do not edit.
generator client {
  provider               = "prisma-client"
  output                 = "../../generated/${provider}"
  moduleFormat           = "esm"
  runtime                = "nodejs"
  importFileExtension    = "ts"
  generatedFileExtension = "ts"
  compilerBuild          = "small"
}

datasource db {
  provider = "${provider}"
}

${models}`;
}

function main() {
  const check = process.argv.includes('--check');
  let drift = false;
  for (const provider of PROVIDERS) {
    const file = join(root, 'prisma', provider, 'schema.prisma');
    const want = schemaFor(provider);
    const have = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (have === want) continue;
    if (check) {
      console.error(`prisma/${provider}/schema.prisma drifted from prisma/models.prisma: run npm run prisma:generate`);
      drift = true;
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, want);
    }
  }
  if (check) process.exit(drift ? 1 : 0);

  const stubDir = join(root, 'node_modules/.cache/prisma-offline');
  const stub = join(stubDir, 'schema-engine-stub');
  mkdirSync(stubDir, { recursive: true });
  if (!existsSync(stub)) writeFileSync(stub, '', { mode: 0o644 });
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  const cli = join(root, 'node_modules/prisma/build/index.js');
  for (const provider of PROVIDERS) {
    execFileSync(process.execPath, [cli, 'generate', '--schema', join(root, 'prisma', provider, 'schema.prisma')], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
      cwd: root,
    });
  }
  console.log(`prisma clients generated for ${PROVIDERS.join(' and ')} in generated/`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
