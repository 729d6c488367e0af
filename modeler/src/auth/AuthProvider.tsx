// Holds the session for the component tree: sign in, sign out, and a forced sign-out when the API says the
// token is no longer valid (the current path is kept so the user comes back to it).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, setUnauthenticatedListener } from '../api/client';
import type { User } from '../api/types';
import { readSession, writeSession, type Session } from './session-storage';

interface AuthValue {
  user: User | null;
  session: Session | null;
  login(username: string, password: string, totp?: string): Promise<Session>;
  /** Takes over the token single sign-on handed back (in the login page's address fragment). */
  adoptToken(token: string): Promise<Session>;
  /** Ends the session on the server (the token is revoked at once), then forgets it here. */
  logout(): void;
  /** The forced password change or TOTP enrolment is done: the session may go on to the app. */
  settled(what: 'mustChangePassword' | 'totpRequired'): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => readSession());
  const queryClient = useQueryClient();

  const forget = useCallback(() => {
    writeSession(null);
    setSession(null);
    queryClient.clear();
  }, [queryClient]);

  const logout = useCallback(() => {
    // Best effort: an expired token is already ended on the server.
    if (readSession()) void api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    forget();
  }, [forget]);

  useEffect(() => { setUnauthenticatedListener(forget); }, [forget]);

  const login = useCallback(async (username: string, password: string, totp?: string) => {
    const result = await api<Session>('/auth/login', { method: 'POST', body: { username, password, ...(totp ? { totp } : {}) } });
    queryClient.clear();
    writeSession(result);
    setSession(result);
    return result;
  }, [queryClient]);

  const adoptToken = useCallback(async (token: string) => {
    const me = await api<User & { mustChangePassword?: boolean; totpRequired?: boolean }>('/me', { token });
    const result: Session = {
      token, user: { id: me.id, username: me.username, name: me.name, roles: me.roles, orgUnitId: me.orgUnitId },
      mustChangePassword: me.mustChangePassword, totpRequired: me.totpRequired,
    };
    queryClient.clear();
    writeSession(result);
    setSession(result);
    return result;
  }, [queryClient]);

  const settled = useCallback((what: 'mustChangePassword' | 'totpRequired') => {
    const current = readSession();
    if (!current) return;
    const next = { ...current, [what]: false };
    writeSession(next);
    setSession(next);
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo(() => ({ user: session?.user ?? null, session, login, adoptToken, logout, settled }), [session, login, adoptToken, logout, settled]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user, for pages that only render behind RequireAuth. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a session');
  return user;
}
