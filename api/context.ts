// What the API is built from: the database, a Temporal client, a clock, and the signing secret.
import type { Client } from '@temporalio/client';
import type { CreditRegistry } from '../activities/credit-registry';
import type { Db } from '../db/client';
import type { OrgTree } from './org/org-tree';
import type { LoginLimits } from './auth/sign-in-limits';
import type { CheckpointSource } from '../audit/checkpoint-source';
import type { SessionLimits, SessionStore } from './auth/sessions';
import type { OidcSettings } from './auth/oidc-settings';

/** Workflow time as the API sees it: the wall clock, or the time-skipping server's clock in simulation. */
export type { Clock, Simulation } from '../domain/clock';
import type { Clock, Simulation } from '../domain/clock';

export interface AppDeps {
  db: Db;
  temporal: Client;
  clock: Clock;
  jwtSecret: string;
  simulation?: Simulation;
  /** Pings the database and Temporal for /api/health. */
  ping: { db(): Promise<void>; temporal(): Promise<void> };
  /** Built web app to serve for non-API paths. */
  staticDir?: string;
  log?: (line: string) => void;
  /** Failed sign-in limits (defaults in api/security.ts). */
  loginLimits?: LoginLimits;
  /** Signed audit checkpoints that verification compares each chain with; without it only the chain and projections are checked. */
  checkpoints?: CheckpointSource;
  /** Express's `trust proxy` setting, when the API runs behind a reverse proxy. */
  trustProxy?: boolean | number | string;
  /** The credit registry the worker uses too (a licensing start is refused under art. 79); the database one by default. */
  creditRegistry?: CreditRegistry;
  /** Production rules: administrators must have a second factor (TOTP) before anything else. */
  production?: boolean;
  /** Idle and absolute session limits (defaults in api/auth/sessions.ts). */
  sessionLimits?: SessionLimits;
  /** The wall clock sessions are measured on (tests of the limits pass their own). */
  wallClock?: () => number;
  /** Single sign-on through an OpenID Connect provider; off when absent. */
  oidc?: OidcSettings;
}

export interface AppContext extends AppDeps {
  orgTree: OrgTree;
  sessions: SessionStore;
  log: (line: string) => void;
  creditRegistry: CreditRegistry;
}

export const systemClock: Clock = { now: async () => new Date() };
