#!/usr/bin/env node
// Verifies a status statement offline: `npm run statement:verify -- <statement> [--jwks <file|url>]
// [--assessment-results <file>]`. The statement file holds the compact JWS (or the JSON of the
// statusStatement answer). Exits 0 and prints the claims when it verifies, 1 otherwise.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';

const USAGE =
  'usage: npm run statement:verify -- <statement-file> [--jwks <jwks.json file or URL>] [--assessment-results <file>]';

function parseArgs(argv) {
  const options = { jwks: process.env.STATEMENT_JWKS ?? 'jwks.json' };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jwks') options.jwks = argv[++i];
    else if (argv[i] === '--assessment-results') options.results = argv[++i];
    else rest.push(argv[i]);
  }
  if (rest.length !== 1 || !options.jwks) throw new Error(USAGE);
  return { file: rest[0], ...options };
}

function readStatement(file) {
  const text = readFileSync(file, 'utf8').trim();
  if (!text.startsWith('{')) return text;
  const json = JSON.parse(text);
  return json.jws ?? json.data?.statusStatement?.jws ?? json.statusStatement?.jws;
}

async function readJwks(source) {
  if (/^https?:\/\//.test(source)) {
    const response = await globalThis.fetch(source);
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    return response.json();
  }
  return JSON.parse(readFileSync(source, 'utf8'));
}

async function main() {
  const { file, jwks, results } = parseArgs(process.argv.slice(2));
  const jws = readStatement(file);
  if (typeof jws !== 'string') throw new Error(`${file}: no compact JWS found`);
  const header = decodeProtectedHeader(jws);
  if (header.alg !== 'EdDSA') throw new Error(`unexpected algorithm ${header.alg}; statements are EdDSA`);
  const keys = createLocalJWKSet(await readJwks(jwks));
  const { payload } = await compactVerify(jws, keys, { algorithms: ['EdDSA'] });
  const claims = JSON.parse(Buffer.from(payload).toString('utf8'));
  if (results) {
    const sha256 = createHash('sha256').update(readFileSync(results)).digest('hex');
    if (!claims.assessment || claims.assessment.resultsSha256 !== sha256) {
      throw new Error(`${results}: SHA-256 ${sha256} is not the one the statement was issued over`);
    }
  }
  console.log(JSON.stringify({ valid: true, keyId: header.kid, claims }, null, 2));
}

main().catch((error) => {
  console.error(`NOT VALID: ${error.message}`);
  process.exit(1);
});
