// Configuration from the environment, parsed once with zod so a typo fails at start-up with a clear message.
import { z } from 'zod';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { oidcSettingsFromEnv } from '../api/auth/oidc-settings';

export const PROJECT_ROOT = join(__dirname, '..');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  SHANZHI_DATA_DIR: z.string().default(join(PROJECT_ROOT, '.data')),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  SHANZHI_SIMULATION: z.enum(['0', '1', 'true', 'false']).optional(),
  SHANZHI_JWT_SECRET: z.string().min(32).optional(),
  SHANZHI_NOTIFY_URL: z.string().url().optional(),
  SHANZHI_CREDIT_URL: z.string().url().optional(),
  SHANZHI_ENFORCEMENT_URL: z.string().url().optional(),
  SHANZHI_CHECKPOINT_DIR: z.string().optional(),
  SHANZHI_CHECKPOINT_KEY_FILE: z.string().optional(),
  /** How checkpoints are signed: Ed25519, or SM2 (GB/T 32918, 商用密码) with SM3 for their Merkle tree. Chosen at installation. */
  SHANZHI_CHECKPOINT_SIGNATURE: z.enum(['ed25519', 'sm2']).default('ed25519'),
  /** The hash of audit chains started from now on (case chains, a new security log): SHA-256 or SM3 (GB/T 32905). */
  SHANZHI_AUDIT_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
  SHANZHI_CHECKPOINT_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  /** The longest an appended audit event waits to be covered by a signed checkpoint. */
  SHANZHI_CHECKPOINT_DEBOUNCE_SECONDS: z.coerce.number().min(1).max(3600).default(5),
  /** This many appended events are signed at once, without waiting for the debounce. */
  SHANZHI_CHECKPOINT_BATCH_EVENTS: z.coerce.number().int().min(1).default(200),
  /** Workflows the worker keeps in memory (0 = no cache); unset = the SDK's default, sized from the heap limit. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  /** 1: workflow threads record a stack trace per promise, for the Temporal UI's stack trace view (costly; off by default). */
  WORKER_STACK_TRACES: z.enum(['0', '1']).default('0'),
  /** A prebuilt workflow bundle (bundleWorkflows() written to a file): a worker starts in a second instead of bundling. */
  SHANZHI_WORKFLOW_BUNDLE: z.string().optional(),
  /** Express `trust proxy`: `true`, a hop count or a list of proxy addresses, when behind a reverse proxy. */
  SHANZHI_TRUST_PROXY: z.string().optional(),
  NODE_ENV: z.string().optional(),
  /** The first password of sysadmin, secadmin and auditadmin on an empty production database (changed at first sign-in). */
  SHANZHI_BOOTSTRAP_PASSWORD: z.string().optional(),
  /** A session ends after this many minutes without a request (等保 2.0: 登录连接超时自动退出). */
  SHANZHI_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** …and at the latest this many hours after sign-in, however active. */
  SHANZHI_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const keyFile = e.SHANZHI_CHECKPOINT_KEY_FILE ?? join(e.SHANZHI_DATA_DIR, 'keys', `checkpoint-${e.SHANZHI_CHECKPOINT_SIGNATURE}.pem`);
  if (production) requireKeyOutside(e.SHANZHI_DATA_DIR, e.SHANZHI_CHECKPOINT_KEY_FILE);
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.SHANZHI_DATA_DIR,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      tls: e.TEMPORAL_TLS_CERT && e.TEMPORAL_TLS_KEY ? { cert: e.TEMPORAL_TLS_CERT, key: e.TEMPORAL_TLS_KEY } : undefined,
      apiKey: e.TEMPORAL_API_KEY,
      port: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
    },
    simulation: argv.includes('--simulation') || e.SHANZHI_SIMULATION === '1' || e.SHANZHI_SIMULATION === 'true',
    jwtSecret: e.SHANZHI_JWT_SECRET,
    notifyUrl: e.SHANZHI_NOTIFY_URL,
    /** External credit registry and enforcement platform; unset = the database registry and the in-process platform. */
    creditUrl: e.SHANZHI_CREDIT_URL,
    enforcementUrl: e.SHANZHI_ENFORCEMENT_URL,
    checkpoints: {
      dir: e.SHANZHI_CHECKPOINT_DIR ?? join(e.SHANZHI_DATA_DIR, 'checkpoints'),
      keyFile,
      signature: e.SHANZHI_CHECKPOINT_SIGNATURE,
      intervalMinutes: e.SHANZHI_CHECKPOINT_INTERVAL_MINUTES,
      debounceMs: e.SHANZHI_CHECKPOINT_DEBOUNCE_SECONDS * 1000,
      batchEvents: e.SHANZHI_CHECKPOINT_BATCH_EVENTS,
    },
    auditHash: e.SHANZHI_AUDIT_HASH,
    trustProxy: parseTrustProxy(e.SHANZHI_TRUST_PROXY),
    worker: { maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS, bundlePath: e.SHANZHI_WORKFLOW_BUNDLE, promiseStackTraces: e.WORKER_STACK_TRACES === '1' },
    production,
    bootstrapPassword: e.SHANZHI_BOOTSTRAP_PASSWORD,
    sessions: { idleMs: e.SHANZHI_SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SHANZHI_SESSION_MAX_HOURS * 3_600_000 },
    /** Single sign-on (OpenID Connect) when SHANZHI_OIDC_ISSUER is set; the SHANZHI_OIDC_* variables are in the README. */
    oidc: oidcSettingsFromEnv(env),
  };
}

/**
 * In production the checkpoint signing key must not sit in the data folder: whoever can rewrite the data (and so
 * the database files) could then also sign a checkpoint over the rewritten log, and checkpoints would prove nothing.
 */
function requireKeyOutside(dataDir: string, keyFile: string | undefined): void {
  if (!keyFile) {
    throw new Error('Invalid configuration:\n  SHANZHI_CHECKPOINT_KEY_FILE: required when NODE_ENV=production — point it at the audit checkpoint '
      + 'signing key in a place outside SHANZHI_DATA_DIR that the database\'s operators cannot read (created on first start if absent)');
  }
  const inside = relative(resolve(dataDir), resolve(keyFile));
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new Error(`Invalid configuration:\n  SHANZHI_CHECKPOINT_KEY_FILE: ${keyFile} is inside SHANZHI_DATA_DIR (${dataDir}); `
      + 'in production the checkpoint signing key must be kept outside the data folder');
  }
}

function parseTrustProxy(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
