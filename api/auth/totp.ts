// The second factor: time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps), as every
// authenticator app reads them from an otpauth:// URL. A code of the step before or after is accepted for clock drift;
// a code is good once (RFC 6238 §5.2): the step it was made for is kept on the user, and only a later step passes.
import { Secret, TOTP } from 'otpauth';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';

const ISSUER = '善治 Shanzhi';

const totpFor = (secret: string, username: string) => new TOTP({
  issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret),
});

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUrl(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

const PERIOD_MS = 30_000;

/** The time step the code was made for (the step at `at`, or one either side), or null for a wrong code. */
export function totpStep(secret: string, username: string, code: string, at: number): number | null {
  const delta = totpFor(secret, username).validate({ token: code, timestamp: at, window: 1 });
  return delta === null ? null : Math.floor(at / PERIOD_MS) + delta;
}

/**
 * Spends the code of `step` for the user: true when no code of this or a later step was used before. One conditional
 * update, so two sign-ins racing with the same code cannot both pass.
 */
export async function spendTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const spent = await db.update(users).set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return spent.length > 0;
}

/** The code an authenticator shows at `at` (tests and the bootstrap runbook). */
export function totpCode(secret: string, at: number): string {
  return totpFor(secret, 'x').generate({ timestamp: at });
}
