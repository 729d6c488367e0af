// A hotline requester's name and phone are personal data: shown in full only to the roles that file, follow up,
// close or audit the case; everyone else sees them masked (周** / 138****0000). A licensing applicant's resident ID
// number likewise: in full to the roles with a licensing duty, auditors and the party's own account; masked
// (110105********002X) for everyone else, wherever it appears in what they read. The stored trail is unchanged
// (its hashes cover it): masking happens when it is read.
import type { Actor } from '../../domain/actor';
import type { Role } from '../../domain/roles';
import { looksLikeIdNumber, maskIdNumber } from '../../domain/licensing/subjects';

const SEES_REQUESTER: readonly Role[] = ['dispatcher', 'community_staff', 'shift_chief', 'auditor'];

export function maskName(name: string): string {
  return name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 2))}`;
}

export function maskPhone(phone: string): string {
  return phone.length < 7 ? '****' : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function seesRequester(actor: Actor): boolean {
  return actor.roles.some((r) => SEES_REQUESTER.includes(r));
}

/**
 * A 12345 order's caller (接诉即办): in full to the centre, to auditors and to whoever handles the order — a holder of
 * the role of one of its tasks in that task's unit (`handles`); masked for everyone else, leaders on the dashboard included.
 */
const SEES_CALLER: readonly Role[] = ['hotline_operator', 'auditor'];

const maskPerson = (person: { name?: unknown; phone?: unknown }) => ({ name: maskName(String(person.name ?? '')), phone: maskPhone(String(person.phone ?? '')) });

/** Returns the input with its requester or caller masked unless the actor may see them. */
export function redactInput<T extends Record<string, unknown>>(input: T, actor: Actor, handles = false): T {
  const requester = input.requester as { name?: string; phone?: string } | undefined;
  const caller = input.caller as { name?: string; phone?: string } | undefined;
  let out = input;
  if (requester && !seesRequester(actor)) out = { ...out, requester: maskPerson(requester) };
  if (caller && typeof caller === 'object' && !handles && !actor.roles.some((r) => SEES_CALLER.includes(r))) out = { ...out, caller: maskPerson(caller) };
  return out;
}

const SEES_ID_NUMBERS: readonly Role[] = ['window_clerk', 'approver', 'verifier', 'auditor'];

/** The resident ID numbers in a case's input: the applicant's, and a credit-code field holding one (a natural person). */
function idNumbersOf(input: Record<string, unknown>): string[] {
  const applicant = input.applicant as { idNumber?: unknown; creditCode?: unknown } | undefined;
  if (!applicant || typeof applicant !== 'object') return [];
  return [applicant.idNumber, applicant.creditCode].filter((v): v is string => typeof v === 'string' && looksLikeIdNumber(v));
}

function replaceDeep(value: unknown, replace: (s: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return replace(value);
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, replace, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, replace, depth + 1)]));
}

/**
 * What an actor may read of one case's data (its input, each audit event's data): the requester masked unless they
 * may see it, and every occurrence of the applicant's ID number masked unless they have a licensing duty, audit, or
 * are the account bound to the party.
 */
export function caseRedaction(actor: Actor, row: { input: Record<string, unknown>; partyAccountId: string | null }, handles = false) {
  const ids = actor.roles.some((r) => SEES_ID_NUMBERS.includes(r)) || (row.partyAccountId !== null && row.partyAccountId === actor.id)
    ? [] : idNumbersOf(row.input);
  const maskIds = <T>(value: T): T => (ids.length === 0 ? value
    : replaceDeep(value, (s) => ids.reduce((out, id) => out.replaceAll(id, maskIdNumber(id)), s)) as T);
  return {
    input: <T extends Record<string, unknown>>(input: T): T => maskIds(redactInput(input, actor, handles)),
    data: (data: Record<string, unknown>, action: string): Record<string, unknown> =>
      maskIds(action === 'start' && data.input ? { ...data, input: redactInput(data.input as Record<string, unknown>, actor, handles) } : data),
  };
}
