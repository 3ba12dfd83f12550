/**
 * Reads the GraphQL examples of a Markdown file for test/docs.e2e-spec.ts. The convention (also in
 * docs/development.md, "Docs that run"):
 *
 * - A ```graphql block holds exactly ONE named operation; its variables, if any, are the ```json
 *   block directly after it (nothing but blank lines between).
 * - An HTML comment on the lines before a block steers the test; it is invisible on GitHub:
 *   `<!-- as: supplier EDITOR; save: productId = registerProduct.id; expect: BAD_USER_INPUT -->`
 *   - `as: <caller> [ROLE]`: who runs it (callers: see CALLERS in docs.e2e-spec.ts); ROLE defaults
 *     to ADMIN. Later blocks of the file keep the last caller until another `as:`.
 *   - `save: name = path.in.data, ...`: remembers values of the answer (`data.` left out; numbers
 *     index lists: `events.edges.0.node.id`) for later blocks of the same file.
 *   - `expect: CODE`: the example shows a refusal; the answer must carry this `extensions.code`.
 *   - `skip: why`: parsed and validated against the schema, but not run (e.g. needs an upload).
 * - In the variables, a string that is exactly `"$name"` is replaced by a saved value or a
 *   built-in one (ids of the callers, fresh organisation numbers, dates relative to now).
 * - `subscription` operations are validated against the schema but not run (sockets are tested
 *   in test/docs-clients.e2e-spec.ts).
 */
import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';

export interface DocExample {
  readonly file: string;
  /** 1-based line of the ```graphql fence. */
  readonly line: number;
  readonly query: string;
  readonly operationName: string;
  readonly operationType: 'query' | 'mutation' | 'subscription';
  readonly variables: Record<string, unknown>;
  readonly as?: { readonly caller: string; readonly role?: string };
  readonly save: readonly { readonly name: string; readonly path: string }[];
  readonly expect?: string;
  readonly skip?: string;
}

export class DocFormatError extends Error {}

function directives(comment: string, where: string): Pick<DocExample, 'as' | 'save' | 'expect' | 'skip'> {
  const result: {
    as?: DocExample['as'];
    save: { name: string; path: string }[];
    expect?: string;
    skip?: string;
  } = {
    save: [],
  };
  for (const part of comment
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    if (colon < 0) throw new DocFormatError(`${where}: "${part}" is not "key: value"`);
    const key = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    if (key === 'as') {
      const [caller, role] = value.split(/\s+/);
      result.as = { caller, role };
    } else if (key === 'save') {
      for (const pair of value.split(',')) {
        const [name, path] = pair.split('=').map((s) => s.trim());
        if (!name || !path) throw new DocFormatError(`${where}: save "${pair}" is not "name = path"`);
        result.save.push({ name, path });
      }
    } else if (key === 'expect') result.expect = value;
    else if (key === 'skip') result.skip = value;
    else throw new DocFormatError(`${where}: unknown directive "${key}" (as, save, expect, skip)`);
  }
  return result;
}

/** Every ```graphql example of a Markdown file, in order; throws DocFormatError on a bad one. */
export function readDocExamples(file: string, text = readFileSync(file, 'utf8')): DocExample[] {
  const lines = text.split('\n');
  const examples: DocExample[] = [];
  let pending: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const comment = /^<!--\s*(.*?)\s*-->$/.exec(line);
    if (comment && /^(as|save|expect|skip):/.test(comment[1])) {
      pending.push(comment[1]);
      continue;
    }
    if (!line.startsWith('```')) {
      if (line !== '') pending = [];
      continue;
    }
    const lang = line.slice(3).trim();
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].trim().startsWith('```'); i++) body.push(lines[i]);
    if (lang !== 'graphql') {
      pending = [];
      continue;
    }
    const where = `${file}:${start + 1}`;
    const query = body.join('\n');
    let document;
    try {
      document = parse(query);
    } catch (error) {
      throw new DocFormatError(`${where}: does not parse: ${(error as Error).message}`);
    }
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length !== 1 || !operations[0].name) {
      throw new DocFormatError(`${where}: needs exactly one named operation (found ${operations.length})`);
    }
    const operation = operations[0];
    const operationName = operation.name?.value ?? '';
    // The variables: a ```json block right after (only blank lines between).
    let variables: Record<string, unknown> = {};
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === '') j++;
    if (j < lines.length && lines[j].trim() === '```json') {
      const json: string[] = [];
      for (j++; j < lines.length && !lines[j].trim().startsWith('```'); j++) json.push(lines[j]);
      try {
        variables = JSON.parse(json.join('\n')) as Record<string, unknown>;
      } catch (error) {
        throw new DocFormatError(`${where}: variables are not JSON: ${(error as Error).message}`);
      }
      i = j;
    }
    const parts = pending.map((c) => directives(c, where));
    examples.push({
      file,
      line: start + 1,
      query,
      operationName,
      operationType: operation.operation,
      variables,
      as: parts.find((p) => p.as)?.as,
      save: parts.flatMap((p) => p.save),
      expect: parts.find((p) => p.expect)?.expect,
      skip: parts.find((p) => p.skip)?.skip,
    });
    pending = [];
  }
  return examples;
}

/** Replaces every string that is exactly "$name" (anywhere in the variables) with its value. */
export function fillPlaceholders(value: unknown, lookup: (name: string) => unknown): unknown {
  if (typeof value === 'string' && /^\$[A-Za-z][A-Za-z0-9]*$/.test(value)) return lookup(value.slice(1));
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, lookup));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, lookup)]));
  return value;
}

/** `a.b.0.c` in an answer's data. */
export function pick(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
