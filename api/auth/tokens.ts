// Bearer tokens: short JWTs signed with the server secret, naming the user and the session they were issued for. The
// session row (api/auth/sessions.ts) decides whether a well-signed token is still good: logout, idle and absolute
// limits, deactivation and password resets end sessions, not tokens.
import jwt from 'jsonwebtoken';

export interface TokenClaims { userId: string; sessionId: string }

export function issueToken(secret: string, claims: TokenClaims, expiresAt: Date): string {
  return jwt.sign({ sid: claims.sessionId, exp: Math.floor(expiresAt.getTime() / 1000) }, secret, { subject: claims.userId, algorithm: 'HS256' });
}

export function readToken(secret: string, token: string): TokenClaims | null {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
    return { userId: payload.sub, sessionId: payload.sid };
  } catch {
    return null;
  }
}
