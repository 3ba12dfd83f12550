#!/usr/bin/env node
// Builds dist/ only when the sources changed since the last build (content hash of src/**/*.ts,
// tsconfig*.json and package-lock.json, kept in dist/.source-hash). `npm start` and the CLI
// scripts call it first, so an unchanged checkout starts without the 20-second compile.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'dist', '.source-hash');

function sources(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sources(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) files.push(path);
  }
  return files;
}

export function sourceHash() {
  const hash = createHash('sha256');
  const files = [...sources(join(root, 'src')), 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json']
    .map((f) => (f.startsWith(root) ? f : join(root, f)))
    .sort();
  for (const file of files) {
    hash.update(file.slice(root.length));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const quiet = process.argv.includes('--quiet');
const current = sourceHash();
const built =
  existsSync(stampFile) && existsSync(join(root, 'dist', 'main.js'))
    ? readFileSync(stampFile, 'utf8').trim()
    : '';
if (built === current) {
  if (!quiet) console.error('[build] dist/ is up to date with src/ (skipped)');
} else {
  const why = built ? 'sources changed since the last build' : 'no build yet';
  console.error(`[build] Compiling TypeScript into dist/ (${why}); this takes about 20 s ...`);
  const started = Date.now();
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
  if (result.status !== 0) {
    console.error('[build] TypeScript compilation failed; see the errors above.');
    process.exit(result.status ?? 1);
  }
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, current + '\n');
  console.error(`[build] Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
