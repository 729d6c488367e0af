// The relational projections and records (ARCHITECTURE principle 2): org tree, users, process versions,
// instances, the task inbox, catalogs and the append-only audit log. Workflows own the truth; these rows
// are what people query, written idempotently by activities.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import type { CaseFacts } from '../domain/case-file';
import type { HashAlgorithm } from './chain-hash';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const orgUnits = pgTable('org_units', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['district', 'street', 'community', 'grid', 'department'] }).notNull(),
  name: text('name').notNull(),
  parentId: text('parent_id'),
  /** Grid code (网格编码) for grids; the code an intake resolves a location to. */
  code: text('code'),
  /** Office hours as [['08:30','12:00'],['13:30','17:30']]; null = the default. */
  officeHours: jsonb('office_hours').$type<Array<[string, string]>>(),
  /** A deactivated unit keeps its history but takes no new users, units or cases. */
  active: boolean('active').notNull().default(true),
}, (t) => [uniqueIndex('org_units_code_idx').on(t.code)]);

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: jsonb('roles').$type<string[]>().notNull(),
  orgUnitId: text('org_unit_id').notNull().references(() => orgUnits.id),
  active: boolean('active').notNull().default(true),
  /** Set at bootstrap, when an administrator creates the account or resets its password: change it before anything else. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  passwordChangedAt: ts('password_changed_at'),
  /** The confirmed TOTP secret (RFC 6238, base32); null = no second factor. */
  totpSecret: text('totp_secret'),
  /** A secret enrolled but not yet confirmed with a code. */
  totpPendingSecret: text('totp_pending_secret'),
  /** The last RFC 6238 time step (Unix seconds / 30) whose code this account used: no code is accepted twice. */
  totpLastStep: integer('totp_last_step'),
  /** The OpenID Connect subject (`sub`) of an account that signs in through the province's identity platform. */
  oidcSubject: text('oidc_subject').unique(),
  /**
   * Bumped when every token of the user must end at once: deactivation, a password change or reset. A session
   * remembers the value it was opened under.
   */
  authVersion: integer('auth_version').notNull().default(0),
});

/** Signed-in sessions: one per token, so a logout ends that token and idle and absolute limits hold across API processes. */
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  /** The user's authVersion when the session opened; a bumped version ends it. */
  authVersion: integer('auth_version').notNull(),
  createdAt: ts('created_at').notNull(),
  /** Updated at most once a minute, so the idle limit is checked without a write per request. */
  lastSeenAt: ts('last_seen_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  endedAt: ts('ended_at'),
  endReason: text('end_reason'),
  address: text('address'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/**
 * The security log (安全审计日志, 等保 2.0 level 3; kept ≥ 6 months, 网络安全法 art. 21): sign-ins, failures, lockouts and
 * every administrative change, one hash chain over the whole log (db/security-log.ts). The database refuses UPDATE,
 * and DELETE of rows younger than the retention period.
 */
export const securityEvents = pgTable('security_events', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  event: text('event').notNull(),
  targetKind: text('target_kind'),
  targetId: text('target_id'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  address: text('address'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [index('security_events_at_idx').on(t.at), index('security_events_target_idx').on(t.targetId, t.seq)]);

/** The security log's chain head: one row, locked by each append so appends from several processes stay in one chain. */
export const securityLogHead = pgTable('security_log_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  /** The chain's hash (db/chain-hash.ts), fixed when the first event is written; 'sha256' for logs older than the choice. */
  hashAlgorithm: text('hash_algorithm').$type<HashAlgorithm>().notNull().default('sha256'),
});

export const processDefinitions = pgTable('process_definitions', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  currentVersion: integer('current_version').notNull(),
});

export const processVersions = pgTable('process_versions', {
  processKey: text('process_key').notNull().references(() => processDefinitions.key),
  version: integer('version').notNull(),
  bpmnXml: text('bpmn_xml').notNull(),
  /** Designer-owned parameters read from the diagram's extension attributes, per step id. */
  parameters: jsonb('parameters').$type<Record<string, unknown>>().notNull(),
  createdAt: ts('created_at').notNull(),
  createdBy: text('created_by').notNull(),
}, (t) => [primaryKey({ columns: [t.processKey, t.version] })]);

export const instances = pgTable('instances', {
  id: text('id').primaryKey(),
  processKey: text('process_key').notNull(),
  processVersion: integer('process_version').notNull(),
  title: text('title').notNull(),
  status: text('status').notNull(),
  input: jsonb('input').$type<Record<string, unknown>>().notNull(),
  /** The unit that owns the case (a grid's community, a street, a department). */
  orgUnitId: text('org_unit_id').notNull(),
  /** Every org unit the case touches; scopes who may read it. */
  orgPath: jsonb('org_path').$type<string[]>().notNull(),
  startedBy: text('started_by').notNull(),
  /**
   * The portal account bound to the case's party: the applicant who applied online, or the one who redeemed the
   * claim code of a counter filing. Only this account reads the case and acts on its applicant steps.
   */
  partyAccountId: text('party_account_id'),
  startedAt: ts('started_at').notNull(),
  closedAt: ts('closed_at'),
  outcome: jsonb('outcome').$type<Record<string, unknown>>(),
  /**
   * The head of the case's audit chain (last seq and its hash), moved by every append under the row lock it
   * takes anyway, so an append never reads the audit table for its predecessor. 0 and the genesis hash: no event yet.
   */
  auditSeq: integer('audit_seq').notNull().default(0),
  auditHash: text('audit_hash').notNull().default('0'.repeat(64)),
  /** The chain's hash (db/chain-hash.ts), fixed when its first event is written; 'sha256' for chains older than the choice. */
  auditHashAlgorithm: text('audit_hash_algorithm').$type<HashAlgorithm>().notNull().default('sha256'),
  /**
   * The case file (案卷): the process's business facts folded from each audit event in the transaction that writes
   * it (db/case-file.ts); null for a case that has had no event since the column was added (folded on reading).
   */
  facts: jsonb('facts').$type<CaseFacts>(),
}, (t) => [
  index('instances_started_idx').on(t.startedAt, t.id),
  index('instances_process_status_idx').on(t.processKey, t.status),
  index('instances_party_idx').on(t.partyAccountId),
]);

export const tasks = pgTable('tasks', {
  id: text('id').primaryKey(),
  instanceId: text('instance_id').notNull().references(() => instances.id),
  processKey: text('process_key').notNull(),
  stepId: text('step_id').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  orgUnitId: text('org_unit_id').notNull(),
  assigneeId: text('assignee_id'),
  status: text('status', { enum: ['open', 'completed', 'timedOut', 'cancelled'] }).notNull(),
  actions: jsonb('actions').$type<string[]>().notNull(),
  /** The limit applied, as issued: { amount, unit }. Catalog edits never touch it. */
  timeLimit: jsonb('time_limit').$type<{ amount: number; unit: string }>().notNull(),
  calendarVersion: text('calendar_version').notNull(),
  provisional: boolean('provisional').notNull().default(false),
  createdAt: ts('created_at').notNull(),
  dueAt: ts('due_at').notNull(),
  remindAt: ts('remind_at').notNull(),
  /** The acknowledgement (报到/签收) deadline, for steps that need one, and when it was given. */
  acknowledgeBy: ts('acknowledge_by'),
  acknowledgedAt: ts('acknowledged_at'),
  /** Parked (挂账): the clock is stopped and the task is neither due nor overdue until it resumes. */
  parkedAt: ts('parked_at'),
  remindedAt: ts('reminded_at'),
  /** Set when the deadline passed and supervision (督办) began; the task stays open and overdue. */
  supervisedAt: ts('supervised_at'),
  completedAt: ts('completed_at'),
  completedBy: text('completed_by'),
  outcomeAction: text('outcome_action'),
  outcomeData: jsonb('outcome_data').$type<Record<string, unknown>>(),
  /** Short case summary shown in the inbox without a join. */
  title: text('title').notNull(),
}, (t) => [
  index('tasks_inbox_idx').on(t.status, t.role, t.orgUnitId, t.dueAt, t.id),
  index('tasks_assignee_idx').on(t.assigneeId, t.status, t.dueAt, t.id),
  /** The unclaimed pool (scope=available): open, unassigned tasks of a role in a unit, by due time — one index scan per page. */
  index('tasks_pool_idx').on(t.role, t.orgUnitId, t.dueAt, t.id).where(sql`status = 'open' and assignee_id is null`),
  index('tasks_instance_idx').on(t.instanceId),
]);

/**
 * Who alone may see and act on a task, where the process names them (the inspectors drawn for a subject, 双随机):
 * a task with rows here leaves the role's pool and shows only to these users. Most tasks have none.
 */
export const taskCandidates = pgTable('task_candidates', {
  /** Goes with its task (a purged instance takes its tasks along). */
  taskId: text('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull(),
}, (t) => [primaryKey({ columns: [t.taskId, t.userId] })]);

export const auditEvents = pgTable('audit_events', {
  instanceId: text('instance_id').notNull().references(() => instances.id),
  seq: integer('seq').notNull(),
  /** Deterministic key from the workflow: an activity retry finds its event already written. */
  eventKey: text('event_key').notNull(),
  at: ts('at').notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  actorRole: text('actor_role'),
  actorOrgUnitId: text('actor_org_unit_id'),
  stepId: text('step_id'),
  action: text('action').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  recordedAt: ts('recorded_at').notNull().default(sql`now()`),
}, (t) => [
  primaryKey({ columns: [t.instanceId, t.seq] }),
  uniqueIndex('audit_events_key_idx').on(t.eventKey),
]);

/**
 * The only way audit rows leave the database (a retention job, a court-ordered erasure): one row per purged
 * instance, written in the same transaction as the deletion, which the append-only trigger on audit_events
 * allows only then (migrations/0008_audit_append_only.sql). Append-only itself, so every purge stays visible.
 */
export const auditPurges = pgTable('audit_purges', {
  instanceId: text('instance_id').primaryKey(),
  /** The chain's head when it was purged, so a verifier can match it with the checkpoints that recorded it. */
  headSeq: integer('head_seq').notNull(),
  headHash: text('head_hash').notNull(),
  reason: text('reason').notNull(),
  purgedBy: text('purged_by').notNull(),
  purgedAt: ts('purged_at').notNull().default(sql`now()`),
  /** The purging transaction, which the trigger compares with txid_current(). */
  txid: bigint('txid', { mode: 'number' }).notNull().default(sql`txid_current()`),
});

export const catalogEntries = pgTable('catalog_entries', {
  catalog: text('catalog').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
}, (t) => [primaryKey({ columns: [t.catalog, t.code] })]);

/** The assessment record (考核) written when a case closes: what the KPIs aggregate. */
export const assessments = pgTable('assessments', {
  instanceId: text('instance_id').primaryKey().references(() => instances.id),
  processKey: text('process_key').notNull(),
  /** Street and community the case belongs to (null for processes owned by a department). */
  streetId: text('street_id'),
  communityId: text('community_id'),
  status: text('status').notNull(),
  levelReached: text('level_reached', { enum: ['grid', 'community', 'street', 'district'] }).notNull(),
  selfResolved: boolean('self_resolved').notNull(),
  reworks: integer('reworks').notNull(),
  satisfaction: text('satisfaction', { enum: ['satisfied', 'basically_satisfied', 'dissatisfied'] }),
  /** Every unit that handled the case met its deadlines. */
  onTime: boolean('on_time').notNull(),
  startedAt: ts('started_at').notNull(),
  closedAt: ts('closed_at').notNull(),
}, (t) => [index('assessments_started_idx').on(t.processKey, t.startedAt)]);

/** Per handling unit of an assessed case: whether that unit met its deadlines. */
export const assessmentUnits = pgTable('assessment_units', {
  instanceId: text('instance_id').notNull().references(() => instances.id),
  orgUnitId: text('org_unit_id').notNull(),
  onTime: boolean('on_time').notNull(),
}, (t) => [primaryKey({ columns: [t.instanceId, t.orgUnitId] })]);

/** Sequence for readable instance numbers; bigint keeps room for decades of cases. */
export const counters = pgTable('counters', {
  name: text('name').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
});

/** The credit registry (信用库) kept locally: licences published, kept promises, bad credit and false commitments. */
export const creditRecords = pgTable('credit_records', {
  id: text('id').primaryKey(),
  creditCode: text('credit_code').notNull(),
  kind: text('kind', { enum: ['licence', 'good', 'bad', 'falseCommitment'] }).notNull(),
  reason: text('reason').notNull(),
  instanceId: text('instance_id'),
  licenceNo: text('licence_no'),
  /** The licence item the entry is about: a false commitment bars a new application for that item (行政许可法 art. 79). */
  itemCode: text('item_code'),
  recordedAt: ts('recorded_at').notNull(),
}, (t) => [index('credit_records_code_idx').on(t.creditCode, t.kind)]);

/** Licences issued by the licensing process, one per instance, numbered XK-<year>-<seq>. */
export const licences = pgTable('licences', {
  id: text('id').primaryKey(),
  licenceNo: text('licence_no').notNull().unique(),
  instanceId: text('instance_id').notNull().unique().references(() => instances.id),
  itemCode: text('item_code').notNull(),
  holderName: text('holder_name').notNull(),
  creditCode: text('credit_code').notNull(),
  route: text('route', { enum: ['commitment', 'normal'] }).notNull(),
  status: text('status', { enum: ['issued', 'revoked'] }).notNull(),
  issuedAt: ts('issued_at').notNull(),
  revokedAt: ts('revoked_at'),
  revocationReason: text('revocation_reason'),
});

/** One receipt per licence and push target (批管同步), kept across every retry of the push. */
export const pushReceipts = pgTable('push_receipts', {
  licenceId: text('licence_id').notNull().references(() => licences.id),
  target: text('target', { enum: ['enforcement', 'credit'] }).notNull(),
  instanceId: text('instance_id').notNull(),
  attempts: integer('attempts').notNull(),
  lastError: text('last_error'),
  receiptId: text('receipt_id'),
  acknowledgedAt: ts('acknowledged_at'),
}, (t) => [primaryKey({ columns: [t.licenceId, t.target] })]);

/** Conditions an administrator must see (a push failing for a long time); cleared when the condition ends. */
export const alerts = pgTable('alerts', {
  key: text('key').primaryKey(),
  kind: text('kind').notNull(),
  instanceId: text('instance_id'),
  message: text('message').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  raisedAt: ts('raised_at').notNull(),
  clearedAt: ts('cleared_at'),
}, (t) => [index('alerts_open_idx').on(t.clearedAt, t.raisedAt)]);

/**
 * Idempotency keys of writing requests (task actions, starts): a retry with the same key by the same user gets the
 * first answer; the same key with a different request is refused (422) rather than silently answered with the first.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  /** sha256 of the scope (a task, a process), the user and the client's key. */
  id: text('id').primaryKey(),
  /** sha256 of the request's canonical JSON. */
  requestHash: text('request_hash').notNull(),
  /** For a start: the instance id reserved by the first request, which every retry reuses. */
  instanceId: text('instance_id'),
  createdAt: ts('created_at').notNull(),
});

/**
 * Failed sign-ins per key ('user:<address>|<name>' or 'address:<address>') within a window, shared by every API
 * process; `retryAt` is when a throttled user key may try again.
 */
export const signInFailures = pgTable('sign_in_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: ts('window_started_at').notNull(),
  retryAt: ts('retry_at'),
});

/**
 * The subjects (credit code, and the resident ID number of a natural person) a portal account may apply for, verified
 * at registration or at the counter by a window clerk who checked the papers. Codes are stored normalised.
 */
export const portalSubjects = pgTable('portal_subjects', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  creditCode: text('credit_code').notNull(),
  idNumber: text('id_number'),
  /** 'registration' or 'counter'. */
  verifiedVia: text('verified_via', { enum: ['registration', 'counter'] }).notNull(),
  /** The papers checked: { document, reference }. */
  evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
  verifiedBy: text('verified_by').notNull(),
  verifiedAt: ts('verified_at').notNull(),
}, (t) => [uniqueIndex('portal_subjects_user_code_idx').on(t.userId, t.creditCode)]);

/**
 * The one-time code a window clerk hands the party of a counter filing; redeeming it binds the case to the party's
 * portal account. Only the code's sha256 is kept; it is single use and expires.
 */
export const caseClaims = pgTable('case_claims', {
  instanceId: text('instance_id').primaryKey().references(() => instances.id),
  codeHash: text('code_hash').notNull(),
  issuedBy: text('issued_by').notNull(),
  issuedAt: ts('issued_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  redeemedBy: text('redeemed_by'),
  redeemedAt: ts('redeemed_at'),
}, (t) => [uniqueIndex('case_claims_code_idx').on(t.codeHash)]);

/** 检查对象名录库: market subjects the double-random draw picks from, imported from CSV (codes stored normalised). */
export const marketSubjects = pgTable('market_subjects', {
  creditCode: text('credit_code').primaryKey(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  gridCode: text('grid_code').notNull(),
  /** A–D (守信 … 严重失信); the draw weights by it when a plan asks. */
  creditGrade: text('credit_grade', { enum: ['A', 'B', 'C', 'D'] }).notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [index('market_subjects_grid_idx').on(t.gridCode), index('market_subjects_name_idx').on(t.name)]);

/** Grids an enforcement officer declared a conflict of interest with (they live there, family runs a business …). */
export const inspectorConflicts = pgTable('inspector_conflicts', {
  userId: text('user_id').notNull().references(() => users.id),
  gridCode: text('grid_code').notNull(),
  reason: text('reason').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.gridCode] })]);

/** One double-random draw per plan: the seed, the algorithm, the registry snapshot it ran over, and its result. */
export const randomDraws = pgTable('random_draws', {
  instanceId: text('instance_id').primaryKey().references(() => instances.id),
  seed: text('seed').notNull(),
  algorithm: text('algorithm').notNull(),
  registryHash: text('registry_hash').notNull(),
  /** sample, inspectorsPerSubject, weighting and the weights: what the draw needs besides seed and snapshot. */
  plan: jsonb('plan').$type<Record<string, unknown>>().notNull(),
  snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
  /** The DrawResult, recusals declared at the inspections appended as they happen. */
  result: jsonb('result').$type<Record<string, unknown>>().notNull(),
  drawnAt: ts('drawn_at').notNull(),
});

/** 一公开: each random inspection's result, public once published (never the inspectors). */
export const inspectionResults = pgTable('inspection_results', {
  instanceId: text('instance_id').notNull().references(() => instances.id),
  creditCode: text('credit_code').notNull(),
  subjectName: text('subject_name').notNull(),
  matter: text('matter').notNull(),
  planTitle: text('plan_title').notNull(),
  outcome: text('outcome', { enum: ['compliant', 'problem', 'notFound'] }).notNull(),
  inspectedAt: ts('inspected_at').notNull(),
  inspectedOn: text('inspected_on').notNull(),
  publishBy: ts('publish_by').notNull(),
  publishedAt: ts('published_at'),
  publishedOn: text('published_on'),
  /** The inspection–penalty case a problem opened (linked both ways: its input names this plan). */
  penaltyInstanceId: text('penalty_instance_id'),
}, (t) => [primaryKey({ columns: [t.instanceId, t.creditCode] }), index('inspection_results_published_idx').on(t.publishedOn, t.creditCode)]);
/**
 * The 12345 order's case file (接诉即办): one row per order, with its return visit, and one per dispatch to a unit
 * (a re-dispatch after an upheld objection adds one; the first unit's row keeps its objection). The 三率 read these.
 */
export const hotlineOrders = pgTable('hotline_orders', {
  instanceId: text('instance_id').primaryKey(),
  kind: text('kind').notNull(),
  category: text('category').notNull(),
  urgent: boolean('urgent').notNull(),
  receivedAt: ts('received_at').notNull(),
  answeredAt: ts('answered_at'),
  /** The unit responsible now (the last dispatch). */
  unitId: text('unit_id'),
  linkedCaseId: text('linked_case_id'),
  handleDueAt: ts('handle_due_at'),
  reportedAt: ts('reported_at'),
  extensions: integer('extensions').notNull().default(0),
  reopened: boolean('reopened').notNull().default(false),
  visitedAt: ts('visited_at'),
  resolved: boolean('resolved'),
  satisfaction: text('satisfaction'),
}, (t) => [index('hotline_orders_visited_idx').on(t.visitedAt)]);

export const hotlineDispatches = pgTable('hotline_dispatches', {
  instanceId: text('instance_id').notNull(),
  seq: integer('seq').notNull(),
  unitId: text('unit_id').notNull(),
  dispatchedAt: ts('dispatched_at').notNull(),
  contactDueAt: ts('contact_due_at').notNull(),
  contactedAt: ts('contacted_at'),
  objection: text('objection'),
  ruling: text('ruling', { enum: ['upheld', 'refused'] }),
}, (t) => [primaryKey({ columns: [t.instanceId, t.seq] }), index('hotline_dispatches_due_idx').on(t.contactDueAt)]);
