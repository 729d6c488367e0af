// Portal accounts bound to the subjects they may act for. A window clerk binds a subject to an account of their street
// after checking the papers at the counter; an online application for any other subject is refused.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { portalSubjects, users } from '../../db/schema';
import { text } from '../../domain/process-contract';
import { publicOnly } from '../../domain/roles';
import { CREDIT_CODE_PATTERN, ID_NUMBER_PATTERN, normaliseCode } from '../../domain/licensing/subjects';
import type { LicensingInput } from '../../domain/processes/commitment-licensing';
import type { Actor } from '../../domain/actor';
import { ErrorType, type ErrorDetail } from '../../domain/errors';
import { ApiError, badRequest, conflict, forbidden } from '../errors';
import type { AppContext } from '../context';

/** The papers the clerk checked: which document, and a reference to find it again (a register number, a scan). */
const verificationSchema = z.object({
  document: z.enum(['businessLicence', 'residentIdCard', 'authorisationLetter']),
  reference: text(200),
}).strict();

export const bindSubjectBodySchema = z.object({
  username: z.string().min(1).max(100),
  subject: z.object({ name: text(200), creditCode: z.string().min(1).max(64), idNumber: z.string().min(1).max(64).optional() }).strict(),
  verification: verificationSchema,
}).strict();
export type BindSubjectBody = z.infer<typeof bindSubjectBodySchema>;

/** The body's codes, normalised, or a 400 naming each one that is not a code even then. */
export function normalisedSubject(subject: BindSubjectBody['subject']): { creditCode: string; idNumber: string | null } {
  const creditCode = normaliseCode(subject.creditCode);
  const idNumber = subject.idNumber === undefined ? null : normaliseCode(subject.idNumber);
  const problems: ErrorDetail[] = [];
  if (!CREDIT_CODE_PATTERN.test(creditCode)) problems.push({ path: 'subject.creditCode', message: 'must be an 18-character unified social credit code' });
  if (idNumber !== null && !ID_NUMBER_PATTERN.test(idNumber)) problems.push({ path: 'subject.idNumber', message: 'must be an 18-character resident ID number' });
  if (problems.length > 0) throw badRequest('invalid input', problems);
  return { creditCode, idNumber };
}

/** A window clerk binds a subject to a portal account of their street (403 otherwise); the same binding twice is 409. */
export async function bindSubject(ctx: AppContext, clerk: Actor, body: BindSubjectBody) {
  const codes = normalisedSubject(body.subject);
  const [account] = await ctx.db.select().from(users).where(eq(users.username, body.username));
  if (!account || !account.active || !publicOnly(account.roles)) {
    throw badRequest('unknown portal account', [{ path: 'username', message: `${body.username} is not an active portal (applicant) account` }]);
  }
  if (!clerk.scopeOrgUnitIds.includes(account.orgUnitId)) throw forbidden('this portal account is registered with another street; its window binds its subjects');
  const [existing] = await ctx.db.select().from(portalSubjects)
    .where(and(eq(portalSubjects.userId, account.id), eq(portalSubjects.creditCode, codes.creditCode)));
  if (existing) throw conflict(`${codes.creditCode} is already bound to ${body.username}`);
  const row = {
    id: randomUUID(), userId: account.id, name: body.subject.name, ...codes, verifiedVia: 'counter' as const,
    evidence: { ...body.verification }, verifiedBy: clerk.id, verifiedAt: await ctx.clock.now(),
  };
  const inserted = await ctx.db.insert(portalSubjects).values(row).onConflictDoNothing().returning();
  if (inserted.length === 0) throw conflict(`${codes.creditCode} is already bound to ${body.username}`);
  return { id: row.id, username: account.username, name: row.name, creditCode: row.creditCode, idNumber: row.idNumber, verifiedVia: row.verifiedVia };
}

/**
 * An online application is made only for a subject bound to the account: its credit code, and its ID number when the
 * application gives one (403 naming the field). A later false-commitment record then lands on a code the account
 * was verified for, never on someone else's.
 */
export async function requireBoundSubject(ctx: AppContext, actor: Actor, applicant: LicensingInput['applicant']): Promise<void> {
  const creditCode = normaliseCode(applicant.creditCode);
  const [bound] = await ctx.db.select().from(portalSubjects)
    .where(and(eq(portalSubjects.userId, actor.id), eq(portalSubjects.creditCode, creditCode)));
  if (!bound) {
    throw new ApiError(ErrorType.Forbidden, 'your account may apply only for the subjects bound to it; have this one bound at the window with its papers', [
      { path: 'input.applicant.creditCode', message: `${creditCode} is not bound to your account` },
    ]);
  }
  if (applicant.idNumber !== undefined && normaliseCode(applicant.idNumber) !== bound.idNumber) {
    throw new ApiError(ErrorType.Forbidden, 'the ID number is not the one bound to this subject on your account', [
      { path: 'input.applicant.idNumber', message: 'not the ID number bound to this subject on your account' },
    ]);
  }
}
