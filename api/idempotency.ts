// Idempotency-Key for writing requests: the key is remembered with a hash of the request, so a client retrying
// after a lost answer is recognised, and the same key sent with another request is refused (422) instead of
// quietly answered with the first request's result.
import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import { z } from 'zod';
import { runStatement } from '../db/statement';
import { ErrorType } from '../domain/errors';
import type { Actor } from '../domain/actor';
import { ApiError } from './errors';
import type { AppContext } from './context';

export const idempotencyKeySchema = z.string().min(8).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface IdempotencyRecord {
  /** The stable id of (scope, user, key), usable as a Temporal Update id. */
  id: string;
  /** True when this key was seen before (with the same request). */
  repeated: boolean;
  instanceId: string | null;
}

/**
 * Claims `key` for this request, or recognises a retry of the same request. `reserve` is called only on first
 * use, for a value stored with the key (a start reserves its instance id here, so every retry starts the same case).
 */
export async function claimIdempotencyKey(ctx: AppContext, scope: string, actor: Actor, key: string, request: unknown, reserve?: () => Promise<string>): Promise<IdempotencyRecord> {
  const id = sha256(JSON.stringify([scope, actor.id, key]));
  const requestHash = sha256(stableStringify(request ?? null));
  // A key with nothing to reserve is claimed by its insert alone (one statement on the path of every keyed action);
  // a start's key is looked up first, so that a retry does not draw a new instance id.
  let existing = reserve ? await keyRow(ctx, id) : undefined;
  if (!existing) {
    const instanceId = reserve ? await reserve() : null;
    const inserted = await runStatement(ctx.db, INSERT_KEY, [id, requestHash, instanceId, new Date().toISOString()]);
    if (inserted.length > 0) return { id, repeated: false, instanceId };
    // Seen before, or a concurrent request with the same key won the insert.
    existing = await keyRow(ctx, id);
  }
  if (!existing || existing.request_hash !== requestHash) {
    throw new ApiError(ErrorType.Unprocessable, 'this Idempotency-Key was already used for a different request', [{ path: 'Idempotency-Key', message: 'use a new key for a new request' }]);
  }
  return { id, repeated: true, instanceId: existing.instance_id };
}

// Texts written once (db/statement.ts): drizzle would build them anew on every keyed request.
const INSERT_KEY = 'insert into idempotency_keys (id, request_hash, instance_id, created_at) values ($1, $2, $3, $4::timestamptz) on conflict do nothing returning id';

async function keyRow(ctx: AppContext, id: string): Promise<{ request_hash: string; instance_id: string | null } | undefined> {
  const [row] = await runStatement<{ request_hash: string; instance_id: string | null }>(ctx.db, 'select request_hash, instance_id from idempotency_keys where id = $1', [id]);
  return row;
}
