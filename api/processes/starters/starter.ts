// A starter turns a validated start request into the workflow's arguments: routing and limits resolved now.
import type { Actor } from '../../../domain/actor';
import type { StepParameters } from '../../../domain/bpmn/diagram';
import type { InstanceContext } from '../../../workflows/lib/instance';
import type { AppContext } from '../../context';

export interface StartPlan {
  orgUnitId: string;
  orgPath: string[];
  workflowType: string;
  args: (ctx: InstanceContext) => unknown[];
  /** The case's title in lists, when the starter words it better than the contract can (a catalog entry's name, not its code). */
  title?: string;
  /** The portal account bound to the case's party from the start (a member of the public applying online). */
  partyAccountId?: string | null;
  /** A counter filing for a member of the public: the clerk gets a claim code to hand them. */
  issueClaimCode?: boolean;
}

export type Starter<Input> = (request: {
  ctx: AppContext;
  actor: Actor;
  input: Input;
  parameters: Record<string, StepParameters>;
}) => Promise<StartPlan>;
