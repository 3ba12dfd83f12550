/* global fetch */
import { median } from './measure.mjs';

async function post(url, { body, token, path, cookie }) {
  const response = path
    ? await fetch(new URL(path, url), { headers: cookie ? { cookie } : {} })
    : await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
  return {
    status: response.status,
    text: await response.text(),
    statements: response.headers.get('x-sql-statements'),
  };
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return { at: i, graphql: a.slice(Math.max(0, i - 80), i + 80), raw: b.slice(Math.max(0, i - 80), i + 80) };
}

/** Sends the same requests to both servers and compares the bytes; refuses answers with errors. */
export async function compareServers(graphqlUrl, rawUrl, generators, samples = 10) {
  const results = {};
  for (const name of ['S1', 'S2', 'S3']) {
    const next = generators[name]();
    let identical = 0;
    let bytes = 0;
    let difference = null;
    for (let i = 0; i < samples; i++) {
      const request = next();
      const [g, r] = [await post(graphqlUrl, request), await post(rawUrl, request)];
      if (g.status !== 200 || !g.text.startsWith('{"data"') || g.text.includes('"errors":[')) {
        throw new Error(`${name}: the GraphQL server answered ${g.status}: ${g.text.slice(0, 500)}`);
      }
      if (g.text === r.text) identical += 1;
      else difference ??= firstDifference(g.text, r.text);
      bytes += g.text.length;
    }
    results[name] = { samples, identical, meanBytes: Math.round(bytes / samples), difference };
  }
  return results;
}

/**
 * SQL statements per GraphQL request, from the x-sql-statements header (outside production). The
 * same requests are sent twice and the second pass counted: the first warms the registry's 30 s
 * cache of the callers' organisations, as steady traffic does.
 */
export async function countStatements(graphqlUrl, generators, names, samples = 20) {
  const results = {};
  for (const name of names) {
    const warm = generators[name]();
    for (let i = 0; i < samples; i++) await post(graphqlUrl, warm());
    const next = generators[name]();
    const counts = [];
    for (let i = 0; i < samples; i++) {
      const response = await post(graphqlUrl, next());
      if (response.statements !== null) counts.push(Number(response.statements));
    }
    results[name] = counts.length
      ? { median: median(counts), min: Math.min(...counts), max: Math.max(...counts), samples: counts.length }
      : null;
  }
  return results;
}
