// The second factor: time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps), as every
// authenticator app reads them from an otpauth:// URL. A code of the step before or after is accepted for clock drift.
import { Secret, TOTP } from 'otpauth';

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

export function totpMatches(secret: string, username: string, code: string, at: number): boolean {
  return totpFor(secret, username).validate({ token: code, timestamp: at, window: 1 }) !== null;
}

/** The code an authenticator shows at `at` (tests and the bootstrap runbook). */
export function totpCode(secret: string, at: number): string {
  return totpFor(secret, 'x').generate({ timestamp: at });
}
