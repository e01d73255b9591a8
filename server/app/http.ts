// Request parsing shared by the routes: JSON bodies and query strings validated with the contract's schemas.
import * as v from 'valibot';
import type { Context } from 'hono';
import { describeIssues } from '../../src/contract/index.js';
import { badRequest } from '../services/errors.js';

export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const text = await c.req.text();
  if (!text.trim()) throw badRequest('body: expected a JSON object');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw badRequest(`malformed JSON: ${(error as Error).message}`);
  }
  return parse(schema, rejectNul(data, ''));
}

const MAX_DEPTH = 32;

/**
 * PostgreSQL text cannot hold U+0000: refuse it with a reason instead of failing in the database.
 * Iterative, with a depth bound, so a deeply nested body cannot exhaust the stack.
 */
function rejectNul(root: unknown, rootPath: string): unknown {
  const stack: [unknown, string, number][] = [[root, rootPath, 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw badRequest(`${path || 'body'}: must not contain NUL characters`);
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) throw badRequest(`${path || 'body'}: nested too deeply`);
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) throw badRequest(`${path || 'body'}: keys must not contain NUL characters`);
      stack.push([item, path ? `${path}.${key}` : key, depth + 1]);
    }
  }
  return root;
}

export function readQuery<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  return parse(schema, rejectNul(Object.fromEntries(new URL(c.req.url).searchParams), ''));
}

export function parse<S extends v.GenericSchema>(schema: S, data: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (!result.success) throw badRequest(describeIssues(result.issues));
  return result.output;
}

/** Path ids follow the contract's id shape; anything else cannot exist. */
export function pathId(c: Context, name: string): string {
  const value = c.req.param(name) ?? '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw badRequest(`${name}: must be an id`);
  return value;
}
