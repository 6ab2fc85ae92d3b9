#!/usr/bin/env node
// `npm start` runs the TypeScript sources through tsx (a development dependency), so a newcomer needs no build
// step. In production (NODE_ENV=production, as in the image) it runs what `npm run build` compiled into dist/.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli.js', import.meta.url);

if (process.env.NODE_ENV === 'production' && existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api').catch((error) => {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    console.error(
      '找不到 tsx：开发时先运行 npm ci；生产环境先运行 npm run build，并设置 NODE_ENV=production',
    );
    process.exit(1);
  });
  register();
  await import('../src/cli.ts');
}
