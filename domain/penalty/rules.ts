// The numbers a penalty case runs on. Statutory ones (行政处罚法 2021) are the defaults; local ones (the hearing
// thresholds for "较大数额罚款", the major-case threshold for 法制审核) come from the `penalty-rules` catalog.
// Every legal period is a named parameter with its unit (art. 85: the law's "5 and 7 days" are working days;
// the 90-day limit, the 15-day payment period and the limitation years are calendar periods).
import { z } from 'zod';
import type { TimeLimit } from '../time-limit';
import { timeLimitSchema } from '../time-limit-schema';

const wd = (amount: number): TimeLimit => ({ amount, unit: 'workingDays' });
const cd = (amount: number): TimeLimit => ({ amount, unit: 'calendarDays' });

/**
 * Catalog entries written before periods carried their unit stored bare numbers (`hearingRequestDays: 5`). They are
 * read with the unit the law gives that period (art. 85 for the working-day ones), so old entries stay readable.
 */
const LEGACY_PERIODS: ReadonlyArray<readonly [string, string, TimeLimit['unit']]> = [
  ['hearingRequestDays', 'hearingRequest', 'workingDays'],
  ['hearingNoticeDays', 'hearingNotice', 'workingDays'],
  ['statementWorkingDays', 'statement', 'workingDays'],
  ['preservationDecisionDays', 'preservationDecision', 'workingDays'],
  ['paymentDays', 'payment', 'calendarDays'],
  ['caseDays', 'caseLimit', 'calendarDays'],
];

function fromLegacyShape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entry: Record<string, unknown> = { ...value };
  for (const [old, name, unit] of LEGACY_PERIODS) {
    if (!Object.hasOwn(entry, old)) continue;
    if (typeof entry[old] === 'number' && !Object.hasOwn(entry, name)) entry[name] = { amount: entry[old], unit };
    delete entry[old];
  }
  return entry;
}

const penaltyRulesObject = z.object({
  /** Art. 51: the simple procedure on the spot — ¥200 for a citizen, ¥3,000 for an organisation. */
  simpleLimitIndividualFen: z.number().int().positive().default(20_000),
  simpleLimitOrganisationFen: z.number().int().positive().default(300_000),
  /** Art. 58: a fine at or above this is a major case and needs legal review (local). */
  majorFineFen: z.number().int().positive().default(5_000_000),
  /** Art. 63: "较大数额罚款" that gives a right to a hearing (local). */
  hearingFineIndividualFen: z.number().int().positive().default(1_000_000),
  hearingFineOrganisationFen: z.number().int().positive().default(10_000_000),
  /** Arts. 64, 85: a hearing is requested within 5 working days of the notice, and notified 7 working days ahead. */
  hearingRequest: timeLimitSchema.default(wd(5)),
  hearingNotice: timeLimitSchema.default(wd(7)),
  /** The statement period: the law sets none; SAMR practice is 5 working days. */
  statement: timeLimitSchema.default(wd(5)),
  /** Arts. 61, 85: a decision not served on the spot is served within 7 working days. */
  service: timeLimitSchema.default(wd(7)),
  /** Arts. 56, 85: a decision on preserved evidence within 7 working days. */
  preservationDecision: timeLimitSchema.default(wd(7)),
  /** Art. 67: pay within 15 days of service (calendar days, 民法典 arts. 201, 203). */
  payment: timeLimitSchema.default(cd(15)),
  /** Art. 60: a decision within 90 days of registration, hearing, testing and appraisal time excluded. */
  caseLimit: z.object({ amount: z.number().int().positive().max(10000), unit: z.literal('calendarDays') }).default({ amount: 90, unit: 'calendarDays' }),
  /** The case officers are reminded when this many calendar days of the case limit are left (local). */
  caseRemindDays: z.number().int().positive().default(10),
  /** Art. 36: no penalty for an offence not discovered within 2 years of its end, 5 for the flagged matters. */
  limitationYears: z.number().int().positive().default(2),
  limitationYearsLifeHealthFinancial: z.number().int().positive().default(5),
  /** The longest rectification period an inspector may order on the spot (local); the re-check opens when it ends. */
  rectificationLimit: timeLimitSchema.default(cd(90)),
  /** Art. 72: 3 % of the fine per day late, capped at the fine. */
  surchargePercentPerDay: z.number().int().positive().default(3),
});

/** Rules as a case reads them: missing numbers take the statutory defaults, legacy bare-number periods their units. */
export const penaltyRulesSchema = z.preprocess(fromLegacyShape, penaltyRulesObject);
/** An entry as an administrator saves it: the same, and no key the rules do not know. */
export const penaltyRulesEntrySchema = z.preprocess(fromLegacyShape, penaltyRulesObject.strict());
export type PenaltyRules = z.infer<typeof penaltyRulesSchema>;

export const STATUTORY_RULES: PenaltyRules = penaltyRulesSchema.parse({});
