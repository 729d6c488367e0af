// One schema per admin-editable catalog: every new case reads its entry, so an invalid limit, a stray key or a
// deeply nested value is refused when it is saved (400 naming the field), not when a case fails to start. The entry's
// identity (`code`, `name`) lives beside `data` and can never be overwritten through it.
import { z } from 'zod';
import { timeLimitSchema } from './time-limit-schema';
import { penaltyRulesEntrySchema } from './penalty/rules';

export const CATALOG_NAMES = ['event-categories', 'matters', 'licence-items', 'penalty-rules', 'hotline-limits', 'hotline-dispatch'] as const;
export type CatalogName = (typeof CATALOG_NAMES)[number];

const unitId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an org unit id');

const eventCategorySchema = z.object({
  /** Limits per level: community handling, acknowledgement (报到), department handling, district coordination. */
  limits: z.object({
    community: timeLimitSchema.optional(),
    acknowledge: timeLimitSchema.optional(),
    department: timeLimitSchema.optional(),
    district: timeLimitSchema.optional(),
  }).strict(),
  suggestedDepartments: z.array(unitId).max(20).default([]),
}).strict();

const matterSchema = z.object({
  departmentId: unitId,
  /** Art. 36: 5 years' limitation for matters of life and health or financial safety (with harm done). */
  lifeHealthOrFinancialSafety: z.boolean().default(false),
}).strict();

const yearPeriodSchema = z.object({ amount: z.number().int().min(1).max(10), unit: z.literal('years') }).strict();

const licenceItemSchema = z.object({
  commitmentAllowed: z.boolean(),
  noticeVersion: z.string().min(1).max(40).nullable(),
  verificationLimit: timeLimitSchema,
  verificationMethod: z.enum(['written', 'online', 'onSite']),
  correctionLimit: timeLimitSchema,
  missingMaterialAllowed: z.boolean(),
  /** The latest 容缺 filing deadline a window may set, counted from acceptance. */
  missingMaterialLimit: timeLimitSchema.optional(),
  safetyRelated: z.boolean(),
  /** 行政许可法 art. 79: no new application for the same item within this period after a false-commitment revocation. */
  reapplicationBar: yearPeriodSchema.optional(),
  onSpotLimit: timeLimitSchema.optional(),
  decisionExtension: timeLimitSchema.optional(),
}).strict();

/**
 * 12345 limits per kind of call (接诉即办条例 art. 13: each order carries its limit): contacting the caller (art. 15(1))
 * and handling (art. 15(2)), each with its urgent and complex variants, in whatever unit the entry states.
 */
const hotlineLimitsSchema = z.object({
  contact: timeLimitSchema,
  contactUrgent: timeLimitSchema,
  handle: timeLimitSchema,
  handleUrgent: timeLimitSchema,
  handleComplex: timeLimitSchema,
}).strict();

/** The dispatch catalog (派单目录, art. 11): a call category goes to the street of its place, or to a department. */
const hotlineDispatchSchema = z.object({
  target: z.enum(['street', 'department']),
  departmentId: unitId.optional(),
  /** The event category a street's linked whistle case is filed under. */
  eventCategory: z.string().min(1).max(64),
  complex: z.boolean().default(false),
}).strict().refine((d) => d.target !== 'department' || d.departmentId !== undefined, { path: ['departmentId'], message: 'a department target names its department' });

export const CATALOG_SCHEMAS: Record<CatalogName, z.ZodType> = {
  'event-categories': eventCategorySchema,
  matters: matterSchema,
  'licence-items': licenceItemSchema,
  'penalty-rules': penaltyRulesEntrySchema,
  'hotline-limits': hotlineLimitsSchema,
  'hotline-dispatch': hotlineDispatchSchema,
};
export type HotlineLimitsEntry = z.infer<typeof hotlineLimitsSchema>;
export type HotlineDispatchEntry = z.infer<typeof hotlineDispatchSchema>;
