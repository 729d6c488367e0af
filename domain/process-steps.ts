// What a workflow needs to know of a process's steps — names, roles, action names and labels, which actions keep a
// task open, default limits — without the actions' data schemas. Workflow code reads only this, so no validation
// library is evaluated in a workflow's sandbox: the API parses every action's data with the step's schema
// (domain/process-contract.ts) before it sends the decision to the workflow.
import type { Role } from './roles';
import type { TimeLimit } from './time-limit';

export interface ActionShape {
  label: string;
  /** The task stays open after this action (e.g. 签收 acknowledge). */
  keepsOpen?: boolean;
}

export interface StepShape {
  name: string;
  role: Role;
  /**
   * Roles that may act on this step on its holder's behalf (a window clerk for an applicant). Whoever does records
   * the holder's consent with the action (`data.consent`, see `partyConsentSchema`).
   */
  onBehalfRoles?: readonly Role[];
  actions: Record<string, ActionShape>;
  /** Default limit when neither the diagram nor a catalog sets one. */
  defaultLimit: TimeLimit;
}

/** A process's steps by BPMN element id. */
export type StepTable = Record<string, StepShape>;

/** True when the actor acts on the step only through an on-behalf role (a clerk for the party), not as its holder. */
export function actsOnBehalf(step: StepShape, roles: readonly string[]): boolean {
  return !roles.includes(step.role) && (step.onBehalfRoles ?? []).some((r) => roles.includes(r));
}

/** An on-behalf request's data without its `consent`, which is checked apart from the action's own fields. */
export function splitConsent(data: Record<string, unknown>): { consent: unknown; rest: Record<string, unknown> } {
  const { consent, ...rest } = data;
  return { consent, rest };
}
