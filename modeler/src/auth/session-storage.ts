// The signed-in session in localStorage, so a reload or a new tab keeps the user signed in.
import type { User } from '../api/types';

/**
 * `mustChangePassword`: the account changes its password before anything else (first sign-in, created or reset by an
 * administrator); `totpRequired`: an administrator enrols a second factor first (production).
 */
export interface Session { token: string; user: User; mustChangePassword?: boolean; totpRequired?: boolean }

const KEY = 'shanzhi.session';

export function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function writeSession(session: Session | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}
