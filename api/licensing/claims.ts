// Claim codes of counter filings. A window clerk who files for a party at the counter hands them a one-time code
// (shown to the clerk once, kept only as a hash, expiring); the party's portal account redeems it, which binds the
// case to that account. Until then no member of the public sees or acts on the case's applicant steps.
import { createHash, randomInt } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { appendAudit } from '../../db/audit-log';
import { caseClaims, instances } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import type { Actor } from '../../domain/actor';
import { conflict, forbidden, notFound } from '../errors';
import type { AppContext } from '../context';

/**
 * A code is valid for 7 days: longer than the 5 working days the party has to sign the commitment, so the code never
 * runs out first; a lost or expired code is re-issued by the window, which voids the one before.
 */
export const CLAIM_CODE_TTL_MS = 7 * 86_400_000;
/** No 0/O, 1/I/L: read aloud or copied from paper without doubt. 12 characters of 31: about 59 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const claimBodySchema = z.object({ code: z.string().min(1).max(64) }).strict();
export const reissueBodySchema = z.object({ instanceId: z.string().min(1).max(100) }).strict();

export interface ClaimCode { code: string; expiresAt: string }

const canonical = (code: string) => code.replace(/[\s-]+/g, '').toUpperCase();
const hashOf = (code: string) => createHash('sha256').update(`shanzhi-claim:${canonical(code)}`).digest('hex');

function newCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Issues (or re-issues, voiding the previous one) the claim code of a case not yet claimed; null once it is claimed. */
export async function issueClaimCode(db: Db, instanceId: string, issuedBy: string, now: Date): Promise<ClaimCode | null> {
  const code = newCode();
  const expiresAt = new Date(now.getTime() + CLAIM_CODE_TTL_MS);
  const values = { instanceId, codeHash: hashOf(code), issuedBy, issuedAt: now, expiresAt };
  const [row] = await db.insert(caseClaims).values(values)
    .onConflictDoUpdate({ target: caseClaims.instanceId, set: { codeHash: values.codeHash, issuedBy, issuedAt: now, expiresAt }, setWhere: isNull(caseClaims.redeemedAt) })
    .returning();
  return row ? { code, expiresAt: toShanghaiIso(expiresAt) } : null;
}

/** A clerk of the case's street re-issues its code (the party lost it, or it expired). 404 for a case out of their street. */
export async function reissueClaimCode(ctx: AppContext, actor: Actor, instanceId: string): Promise<ClaimCode> {
  const [row] = await ctx.db.select().from(instances).where(eq(instances.id, instanceId));
  if (!row || !actor.scopeOrgUnitIds.includes(row.orgUnitId)) throw notFound(`no instance ${instanceId}`);
  const [claim] = await ctx.db.select().from(caseClaims).where(eq(caseClaims.instanceId, instanceId));
  if (!claim) throw conflict('this case was filed online by its applicant: there is no claim code to re-issue');
  if (row.partyAccountId || claim.redeemedAt) throw conflict('this case is already claimed by its party');
  if (row.status !== 'running') throw conflict('this case is no longer running');
  const code = await issueClaimCode(ctx.db, instanceId, actor.id, await ctx.clock.now());
  if (!code) throw conflict('this case is already claimed by its party');
  return code;
}

/**
 * Redeems a code for the signed-in portal account: single use, before it expires, for a case filed with the account's
 * street. The binding and its audit event are written together; a race between two redemptions has one winner.
 */
export async function redeemClaimCode(ctx: AppContext, actor: Actor, code: string): Promise<{ instanceId: string }> {
  const now = await ctx.clock.now();
  const [claim] = await ctx.db.select().from(caseClaims).where(eq(caseClaims.codeHash, hashOf(code)));
  if (!claim) throw notFound('no case with this claim code; check it, or ask the window for a new one');
  if (claim.redeemedAt) throw conflict('this claim code was already used');
  if (claim.expiresAt <= now) throw conflict('this claim code has expired; ask the window for a new one');
  const [row] = await ctx.db.select().from(instances).where(eq(instances.id, claim.instanceId));
  if (!actor.scopeOrgUnitIds.includes(row.orgUnitId)) throw forbidden('this case is filed with another street; sign in with your account of that street');
  const bound = await ctx.db.transaction(async (tx) => {
    const [won] = await tx.update(caseClaims).set({ redeemedBy: actor.id, redeemedAt: now })
      .where(and(eq(caseClaims.instanceId, claim.instanceId), eq(caseClaims.codeHash, claim.codeHash), isNull(caseClaims.redeemedAt))).returning();
    if (!won) return false;
    await tx.update(instances).set({ partyAccountId: actor.id }).where(and(eq(instances.id, claim.instanceId), isNull(instances.partyAccountId)));
    await appendAudit(tx, {
      instanceId: claim.instanceId, eventKey: `${claim.instanceId}:partyBound`, at: now,
      actor: { id: actor.id, name: actor.name, role: 'applicant', orgUnitId: actor.orgUnitId },
      stepId: null, action: 'partyBound', data: { via: 'claimCode', issuedBy: claim.issuedBy, issuedAt: claim.issuedAt.toISOString() },
    });
    return true;
  });
  if (!bound) throw conflict('this claim code was already used');
  return { instanceId: claim.instanceId };
}
