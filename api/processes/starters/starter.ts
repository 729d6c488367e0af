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
}

export type Starter<Input> = (request: {
  ctx: AppContext;
  actor: Actor;
  input: Input;
  parameters: Record<string, StepParameters>;
}) => Promise<StartPlan>;
