// Bearer tokens: short JWTs signed with the server secret, carrying only the user id.
import jwt from 'jsonwebtoken';

const TOKEN_LIFETIME = '12h';

export function issueToken(secret: string, userId: string): string {
  return jwt.sign({}, secret, { subject: userId, expiresIn: TOKEN_LIFETIME, algorithm: 'HS256' });
}

export function readToken(secret: string, token: string): string | null {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
    return typeof payload === 'object' && typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}
