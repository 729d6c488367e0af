// The numbers a penalty case runs on. Statutory ones (行政处罚法 2021) are the defaults; local ones (the hearing
// thresholds for "较大数额罚款", the major-case threshold for 法制审核) come from the `penalty-rules` catalog.
import { z } from 'zod';

export const penaltyRulesSchema = z.object({
  /** Art. 51: the simple procedure on the spot — ¥200 for a citizen, ¥3,000 for an organisation. */
  simpleLimitIndividualFen: z.number().int().positive().default(20_000),
  simpleLimitOrganisationFen: z.number().int().positive().default(300_000),
  /** Art. 58: a fine at or above this is a major case and needs legal review (local). */
  majorFineFen: z.number().int().positive().default(5_000_000),
  /** Art. 63: "较大数额罚款" that gives a right to a hearing (local). */
  hearingFineIndividualFen: z.number().int().positive().default(1_000_000),
  hearingFineOrganisationFen: z.number().int().positive().default(10_000_000),
  /** Art. 64: a hearing must be requested within 5 days of the notice, and notified 7 days ahead. */
  hearingRequestDays: z.number().int().positive().default(5),
  hearingNoticeDays: z.number().int().positive().default(7),
  /** The statement period: the law sets none; SAMR practice is 5 working days. */
  statementWorkingDays: z.number().int().positive().default(5),
  /** Art. 60: a decision within 90 days of registration, hearing time excluded; remind this many days before. */
  caseDays: z.number().int().positive().default(90),
  caseRemindDays: z.number().int().positive().default(10),
  /** Art. 56: a decision on preserved evidence within 7 days. */
  preservationDecisionDays: z.number().int().positive().default(7),
  /** Art. 67 and 72: pay within 15 days; then 3 % of the fine per day, capped at the fine. */
  paymentDays: z.number().int().positive().default(15),
  surchargePercentPerDay: z.number().int().positive().default(3),
});
export type PenaltyRules = z.infer<typeof penaltyRulesSchema>;

export const STATUTORY_RULES: PenaltyRules = penaltyRulesSchema.parse({});
