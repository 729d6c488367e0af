// The relational projections and records (ARCHITECTURE principle 2): org tree, users, process versions,
// instances, the task inbox, catalogs and the append-only audit log. Workflows own the truth; these rows
// are what people query, written idempotently by activities.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, boolean } from 'drizzle-orm/pg-core';

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
}, (t) => [uniqueIndex('org_units_code_idx').on(t.code)]);

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: jsonb('roles').$type<string[]>().notNull(),
  orgUnitId: text('org_unit_id').notNull().references(() => orgUnits.id),
  active: boolean('active').notNull().default(true),
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
