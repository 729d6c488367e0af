// Sessions behind the bearer tokens, checked once per request and cached per token. A cached sign-in is used only
// while the shared auth generation (api/auth/generations.ts) has not moved, so a logout, a deactivation, a role
// change or a password reset in any API process takes effect on the next request everywhere; otherwise a request
// costs one primary-key read and no signature check. Idle and absolute limits are kept on the session row.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';
import type { Actor } from '../../domain/actor';
import { isAdminRole, type Role } from '../../domain/roles';
import { ErrorType } from '../../domain/errors';
import { ApiError } from '../errors';
import type { OrgTree } from '../org/org-tree';
import { AUTH_GENERATION, bumpGeneration, readGenerations } from './generations';
import { issueToken, readToken } from './tokens';

export interface SessionLimits {
  /** A session ends after this long without a request. */
  idleMs: number;
  /** …and this long after sign-in at the latest. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

/** How stale the stored last-seen time may be: one write per session per minute at most, not one per request. */
const LAST_SEEN_WRITE_MS = 60_000;
const MAX_CACHED = 20_000;

export interface SignedIn {
  actor: Actor;
  sessionId: string;
  /** The account must change its password before anything else. */
  mustChangePassword: boolean;
  /** An administrator without a second factor where one is required: enrol before anything else. */
  totpEnrolmentRequired: boolean;
}

interface Entry extends SignedIn { authGeneration: number; orgLoadedFor: OrgTree['version']; expiresAt: number; lastSeen: number; lastWritten: number }

type UserRow = typeof users.$inferSelect;

export class SessionStore {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly orgTree: OrgTree,
    private readonly options: { limits: SessionLimits; adminTotpRequired: boolean; now?: () => number },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** A new session for a user who just proved who they are; the token ends with it. */
  async open(user: UserRow, address: string | null): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
    const now = new Date(this.now());
    const expiresAt = new Date(now.getTime() + this.options.limits.absoluteMs);
    const sessionId = randomUUID();
    await this.db.insert(sessions).values({ id: sessionId, userId: user.id, authVersion: user.authVersion, createdAt: now, lastSeenAt: now, expiresAt, address });
    return { token: issueToken(this.secret, { userId: user.id, sessionId }, expiresAt), sessionId, expiresAt };
  }

  /** Whether an administrator must enrol a second factor before anything else. */
  totpEnrolmentRequired(user: Pick<UserRow, 'roles' | 'totpSecret'>): boolean {
    return this.options.adminTotpRequired && user.totpSecret === null && user.roles.some(isAdminRole);
  }

  /** The signed-in user behind a token, or 401. */
  async authenticate(token: string): Promise<SignedIn> {
    const generations = await readGenerations(this.db);
    await this.orgTree.sync(generations.org);
    const now = this.now();
    const cached = this.cache.get(token);
    if (cached && cached.authGeneration === generations.auth && cached.orgLoadedFor === this.orgTree.version
      && now < cached.expiresAt && now - cached.lastSeen < this.options.limits.idleMs) {
      cached.lastSeen = now;
      if (now - cached.lastWritten >= LAST_SEEN_WRITE_MS) {
        cached.lastWritten = now;
        await this.db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, cached.sessionId));
      }
      return cached;
    }
    this.cache.delete(token);
    const claims = readToken(this.secret, token);
    if (!claims) throw new ApiError(ErrorType.Unauthenticated, 'invalid or expired token');
    const [row] = await this.db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, claims.sessionId), eq(sessions.userId, claims.userId)));
    if (!row || row.session.endedAt) throw new ApiError(ErrorType.Unauthenticated, 'this session has ended; sign in again');
    const { session, user } = row;
    // What this process saw last may be newer than the row (written once a minute): the later of the two counts.
    const lastSeen = Math.max(session.lastSeenAt.getTime(), cached?.lastSeen ?? 0);
    if (now >= session.expiresAt.getTime()) {
      await this.end(session.id, 'expired');
      throw new ApiError(ErrorType.Unauthenticated, 'the session reached its time limit; sign in again');
    }
    if (now - lastSeen >= this.options.limits.idleMs) {
      await this.end(session.id, 'idle');
      throw new ApiError(ErrorType.Unauthenticated, `the session ended after ${Math.round(this.options.limits.idleMs / 60_000)} minutes without activity; sign in again`);
    }
    if (!user.active || session.authVersion !== user.authVersion) {
      await this.end(session.id, user.active ? 'revoked' : 'deactivated');
      throw new ApiError(ErrorType.Unauthenticated, user.active ? 'this session was ended; sign in again' : 'unknown or inactive user');
    }
    const entry: Entry = {
      actor: {
        id: user.id, name: user.name, roles: user.roles as Role[], orgUnitId: user.orgUnitId,
        scopeOrgUnitIds: this.orgTree.scopeOf(user), wholeTree: this.orgTree.wholeTree(user),
      },
      sessionId: session.id,
      mustChangePassword: user.mustChangePassword,
      totpEnrolmentRequired: this.totpEnrolmentRequired(user),
      authGeneration: generations.auth, orgLoadedFor: this.orgTree.version,
      expiresAt: session.expiresAt.getTime(), lastSeen: now, lastWritten: now,
    };
    await this.db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, session.id));
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(token, entry);
    return entry;
  }

  /** Ends one session (logout, a limit reached) and tells every API process. */
  async end(sessionId: string, reason: string, tx: Db = this.db): Promise<void> {
    const work = async (t: Db) => {
      const ended = await t.update(sessions).set({ endedAt: new Date(this.now()), endReason: reason })
        .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt))).returning({ id: sessions.id });
      if (ended.length > 0) await bumpGeneration(t, AUTH_GENERATION);
    };
    await (tx === this.db ? this.db.transaction(work) : work(tx));
  }
}

/**
 * Ends every session of a user at once (deactivation, a password reset) by moving the user's authVersion, inside the
 * caller's transaction; returns the new version.
 */
export async function endAllSessions(tx: Db, user: Pick<UserRow, 'id' | 'authVersion'>, reason: string, at: Date): Promise<number> {
  const version = user.authVersion + 1;
  await tx.update(users).set({ authVersion: version }).where(eq(users.id, user.id));
  await tx.update(sessions).set({ endedAt: at, endReason: reason }).where(and(eq(sessions.userId, user.id), isNull(sessions.endedAt)));
  await bumpGeneration(tx, AUTH_GENERATION);
  return version;
}
