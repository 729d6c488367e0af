// Holds the session for the component tree: sign in, sign out, and a forced sign-out when the API says the
// token is no longer valid (the current path is kept so the user comes back to it).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, setUnauthenticatedListener } from '../api/client';
import type { User } from '../api/types';
import { readSession, writeSession, type Session } from './session-storage';

interface AuthValue {
  user: User | null;
  login(username: string, password: string): Promise<User>;
  logout(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => readSession());
  const queryClient = useQueryClient();

  const logout = useCallback(() => {
    writeSession(null);
    setSession(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => { setUnauthenticatedListener(logout); }, [logout]);

  const login = useCallback(async (username: string, password: string) => {
    const result = await api<Session>('/auth/login', { method: 'POST', body: { username, password } });
    queryClient.clear();
    writeSession(result);
    setSession(result);
    return result.user;
  }, [queryClient]);

  const value = useMemo(() => ({ user: session?.user ?? null, login, logout }), [session, login, logout]);
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
