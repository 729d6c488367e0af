// Separation of duties (查处分离, arts. 42, 58, 64): who may never act on which step of a case. Each guard returns
// the refusal the workflow validator turns into a 403, which the API logs as a refused attempt.
import type { Actor } from '../../domain/actor';

export type Guard = (actor: Actor, action: string, data: Record<string, unknown>) => string | null;

export const onlyAmong = (people: () => readonly string[], what: string): Guard =>
  (actor) => (people().includes(actor.id) ? null : `only ${what} of this case may do this`);

export const never = (people: () => readonly string[], who: string, what: string): Guard =>
  (actor) => (people().includes(actor.id) ? `${who} of this case may never ${what} (查处分离)` : null);

export const all = (...guards: Guard[]): Guard => (actor, action, data) => {
  for (const guard of guards) {
    const refusal = guard(actor, action, data);
    if (refusal) return refusal;
  }
  return null;
};
