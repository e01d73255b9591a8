// The request checks (checks.ts) load once, with the first request that validates, and stay.
import type * as v from 'valibot';
import { lazyModule } from './lazy-module.js';

export type Checks = typeof import('./checks.js');

export const requestChecks = lazyModule<Checks>('the request checks', () => import('./checks.js'));

/** Validates `input` with the schema `pick` names and resolves with its output, or rejects with a local `bad_request` ApiError. */
export async function check<S extends v.GenericSchema>(pick: (checks: Checks) => S, input: unknown): Promise<v.InferOutput<S>> {
  const checks = requestChecks.value ?? (await requestChecks.get());
  return checks.validate(pick(checks), input);
}
