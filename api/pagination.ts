// Keyset pagination cursors: opaque base64url of the last row's sort key, so pages stay stable under inserts.
import { z } from 'zod';
import { badRequest } from './errors';

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export function encodeCursor(key: { t: string; id: string }): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { t: Date; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed = z.object({ t: z.string().datetime({ offset: true }), id: z.string() }).parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
    return { t: new Date(parsed.t), id: parsed.id };
  } catch {
    throw badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor this API issued' }]);
  }
}
