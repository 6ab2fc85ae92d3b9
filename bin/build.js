#!/usr/bin/env node
// `npm run build`: compiles src/ into dist/ for production, which runs plain JavaScript with no TypeScript
// loader. tsc copies the JSON the code imports; the stylesheet, read from beside the code at start, is copied
// here. search/ stays at the top level, where the compiled code finds it as the sources do.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// A file removed from src/ must not live on in dist/.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
cpSync(new URL('../src/web/static', import.meta.url), new URL('../dist/web/static', import.meta.url), {
  recursive: true,
});
