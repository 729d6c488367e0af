// Limits on failed sign-ins, kept in the database so that every API process counts the same failures.
// Two keys per attempt:
// - a user name from an address: past `perUser` failures in the window, that name may try again from that address
//   only after a back-off that doubles with each further failure (429 with Retry-After). The password is not
//   checked while refused, so a refusal tells a guesser nothing;
// - an address: past `perAddress` failures (many names sprayed from one office's shared address), every sign-in
//   from it is answered only after `addressDelayMs`. A colleague at that address still gets in with the right
//   password, a little later, instead of being locked out; guessing is slowed down.
import { and, eq, inArray, lte, or, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { signInFailures } from '../../db/schema';
import { ErrorType } from '../../domain/errors';
import { ApiError } from '../errors';

export interface LoginLimits {
  /** Failed sign-ins for one user name from one address within the window before its back-off starts. */
  perUser: number;
  /** Failed sign-ins from one address over all user names within the window before its sign-ins are slowed. */
  perAddress: number;
  windowMs: number;
  /** The first back-off of a user name past its limit; each further failure doubles it, up to the window. */
  userBackoffMs: number;
  /** How long each sign-in from an address past its limit is held before it is checked. */
  addressDelayMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 10, perAddress: 100, windowMs: 15 * 60_000, userBackoffMs: 30_000, addressDelayMs: 2_000 };

export interface SignInKeys { user: string; address: string }

export function signInKeys(address: string, username: string): SignInKeys {
  return { user: `user:${address}|${username.toLowerCase()}`, address: `address:${address}` };
}

export class SignInLimits {
  private prunedAt = 0;

  constructor(private readonly db: Db, private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Refuses a throttled user name (429), holds a sign-in from a slowed address, or lets it through. */
  async admit(keys: SignInKeys, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - this.limits.windowMs);
    if (now.getTime() - this.prunedAt > this.limits.windowMs) {
      this.prunedAt = now.getTime();
      await this.prune(now);
    }
    const rows = await this.db.select().from(signInFailures).where(inArray(signInFailures.key, [keys.user, keys.address]));
    // A back-off runs to its end even when the window its failures were counted in has passed.
    const user = rows.find((r) => r.key === keys.user);
    if (user?.retryAt && user.retryAt > now) {
      const seconds = Math.ceil((user.retryAt.getTime() - now.getTime()) / 1000);
      throw new ApiError(ErrorType.RateLimited, `too many failed sign-ins for this user; try again in ${seconds} s`, [], { 'Retry-After': String(seconds) });
    }
    const address = rows.find((r) => r.key === keys.address && r.windowStartedAt > windowStart);
    if (address && address.failures >= this.limits.perAddress) await new Promise((resolve) => setTimeout(resolve, this.limits.addressDelayMs));
  }

  /** Counts a failure; true when it started (or lengthened) the user name's back-off — a lockout, for the security log. */
  async failed(keys: SignInKeys, now: Date): Promise<boolean> {
    const retryAt = await this.count(keys.user, now, this.limits.perUser);
    await this.count(keys.address, now, null);
    return retryAt !== null && retryAt > now;
  }


  /** A right password clears the user name's count (not the address's: the spraying there goes on counting). */
  async succeeded(keys: SignInKeys): Promise<void> {
    await this.db.delete(signInFailures).where(eq(signInFailures.key, keys.user));
  }

  private async count(key: string, now: Date, limit: number | null): Promise<Date | null> {
    const windowStart = new Date(now.getTime() - this.limits.windowMs);
    const fresh = sql`${signInFailures.windowStartedAt} <= ${windowStart}`;
    const failures = sql`case when ${fresh} then 1 else ${signInFailures.failures} + 1 end`;
    // From the limit on: back off for userBackoffMs × 2^(failures − limit), at most the window.
    const retryAt = limit === null ? sql`null` : sql`case when ${failures} >= ${limit}
      then ${now.toISOString()}::timestamptz + least(${this.limits.windowMs}::float8, ${this.limits.userBackoffMs}::float8 * power(2, ${failures} - ${limit})) * interval '1 millisecond'
      else null end`;
    const [row] = await this.db.insert(signInFailures).values({ key, failures: 1, windowStartedAt: now, retryAt: limit === 1 ? new Date(now.getTime() + this.limits.userBackoffMs) : null })
      .onConflictDoUpdate({
        target: signInFailures.key,
        set: { failures, windowStartedAt: sql`case when ${fresh} then ${now.toISOString()}::timestamptz else ${signInFailures.windowStartedAt} end`, retryAt },
      }).returning({ retryAt: signInFailures.retryAt });
    return row?.retryAt ?? null;
  }

  /** Drops counts whose window and back-off have passed (once a window per process; a stale row is ignored anyway). */
  private async prune(now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - this.limits.windowMs);
    await this.db.delete(signInFailures).where(and(lte(signInFailures.windowStartedAt, windowStart), or(isNull(signInFailures.retryAt), lte(signInFailures.retryAt, now))));
  }
}

/** Lifts the back-off of a user name from every address (a security administrator's unlock); returns how many were lifted. */
export async function unlockUserName(tx: Db, username: string): Promise<number> {
  const lifted = await tx.delete(signInFailures)
    .where(sql`${signInFailures.key} like 'user:%' and split_part(${signInFailures.key}, '|', 2) = ${username.toLowerCase()}`)
    .returning({ key: signInFailures.key });
  return lifted.length;
}
