// A hotline requester's name and phone are personal data: shown in full only to the roles that file, follow up,
// close or audit the case; everyone else sees them masked (周** / 138****0000).
import type { Actor } from '../../domain/actor';
import type { Role } from '../../domain/roles';

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

/** Returns the input with its requester masked unless the actor may see it. */
export function redactInput<T extends Record<string, unknown>>(input: T, actor: Actor): T {
  const requester = input.requester as { name?: string; phone?: string } | undefined;
  if (!requester || seesRequester(actor)) return input;
  return { ...input, requester: { name: maskName(String(requester.name ?? '')), phone: maskPhone(String(requester.phone ?? '')) } };
}
