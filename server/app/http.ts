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
  return parse(schema, data);
}

export function readQuery<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  return parse(schema, Object.fromEntries(new URL(c.req.url).searchParams));
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
