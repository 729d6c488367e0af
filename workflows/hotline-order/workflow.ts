// 接诉即办: the 12345 centre takes the call and classifies it; a consultation it can answer is answered at once
// (art. 11), everything else is dispatched by the dispatch catalog (art. 12). The receiving unit contacts the caller
// or objects (first-receiver duty), handles (a street through a linked whistle case), and the centre pays the return
// visit (art. 23); a not-resolved order may be reopened once. The case file feeds the 三率.
import { HotlineStep, hotlineSteps, type Satisfaction } from '../../domain/processes/steps/hotline-order';
import { records } from '../lib/activities';
import { firstOpenedTasks, settleHandlers, supervisedTask } from '../lib/human-task';
import { answerCaseOpened, recordEvent } from '../lib/instance';
import { firstReceiver } from './first-receiver';
import { handle } from './handling';
import type { HotlineArgs, HotlineOutcome } from './types';

const steps = hotlineSteps;

export async function hotlineOrder(args: HotlineArgs): Promise<HotlineOutcome> {
  const { ctx, input, districtId, limits } = args;
  const stepLimit = (stepId: HotlineStep) => limits.steps[stepId] ?? steps[stepId].defaultLimit;
  const outcome: HotlineOutcome = {
    status: 'closed', answered: false, unitId: null, dispatches: 0, handledInTime: null, reopened: false, resolved: null, satisfaction: null, linkedCases: [],
  };
  // Its first task opens after activities of its own: the start's answer waits for that task.
  answerCaseOpened(firstOpenedTasks);
  await records.registerInstance({ ctx, input: input as unknown as Record<string, unknown>, orgUnitId: districtId });
  await records.recordHotlineReceived({ instanceId: ctx.instanceId, kind: input.kind, category: input.category, urgent: input.urgent === true, at: new Date().toISOString() });

  const intake = await supervisedTask(ctx, {
    stepId: HotlineStep.Intake, step: steps[HotlineStep.Intake], orgUnitId: districtId, limit: stepLimit(HotlineStep.Intake),
    context: { kind: input.kind, urgent: input.urgent === true, suggestedUnitId: args.suggestedUnitId },
    allows: (action) => (action === 'answer' && input.kind !== 'consultation' ? 'only a consultation is answered at once; dispatch this order (art. 11)' : null),
  });
  if (intake.action === 'answer') {
    outcome.answered = true;
    await records.recordHotlineFacts({ instanceId: ctx.instanceId, order: { answeredAt: intake.at.toISOString() } });
    return finish(args, outcome, 'EndEvent_Answered');
  }

  const accepted = await firstReceiver(args, await records.receivingUnit({ unitId: String(intake.data.unitId) }), 0);
  outcome.unitId = accepted.unit.id;
  outcome.dispatches = accepted.seq;
  const extensions = { count: 0 };
  let since = accepted.dispatchedAt;
  for (let attempt = 1; ; attempt++) {
    const handled = await handle(args, accepted, since, attempt, extensions);
    outcome.handledInTime = handled.inTime;
    if (handled.linkedCaseId) outcome.linkedCases.push(handled.linkedCaseId);
    const visit = await supervisedTask(ctx, {
      stepId: HotlineStep.ReturnVisit, step: steps[HotlineStep.ReturnVisit], orgUnitId: districtId, limit: stepLimit(HotlineStep.ReturnVisit),
      context: { unitId: accepted.unit.id, unitName: accepted.unit.name, reported: handled.inTime, result: handled.result, linkedCaseId: handled.linkedCaseId },
      allows: (action) => (action === 'reopen' && outcome.reopened ? 'an order is reopened only once; record the visit' : null),
    });
    if (visit.action === 'record') {
      outcome.resolved = visit.data.resolved === true;
      outcome.satisfaction = visit.data.satisfaction as Satisfaction;
      await records.recordHotlineFacts({ instanceId: ctx.instanceId, order: { visitedAt: visit.at.toISOString(), resolved: outcome.resolved, satisfaction: outcome.satisfaction } });
      return finish(args, outcome, 'EndEvent_Closed');
    }
    // Reopened: the same unit handles again, with a fresh handling limit from now.
    outcome.reopened = true;
    await records.recordHotlineFacts({ instanceId: ctx.instanceId, order: { reopened: true } });
    await recordEvent(ctx, { stepId: HotlineStep.ReturnVisit, action: 'rehandle', data: { to: accepted.unit.id } });
    since = new Date();
  }
}

async function finish(args: HotlineArgs, outcome: HotlineOutcome, stepId: string): Promise<HotlineOutcome> {
  await settleHandlers();
  await records.closeInstance({ instanceId: args.ctx.instanceId, status: 'closed', at: new Date().toISOString(), stepId, outcome: { ...outcome } });
  return outcome;
}
