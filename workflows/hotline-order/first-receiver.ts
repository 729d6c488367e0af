// First-receiver duty (首接负责, 接诉即办条例 arts. 12, 14): the receiving unit contacts the caller within the contact
// limit, or raises one dispatch objection with its reasons; the centre upholds it (re-dispatch: the clock starts again
// for the new unit, the first unit's dispatch keeps its objection) or refuses it (the order stays, its clock running on
// from the first dispatch: an objection buys no time).
import { computeDeadline, DEFAULT_OFFICE_HOURS } from '../../domain/calendar/deadline';
import { HotlineStep, hotlineSteps, RECEIVING_ROLE } from '../../domain/processes/steps/hotline-order';
import { records } from '../lib/activities';
import { supervisedTask, type TaskDecision } from '../lib/human-task';
import type { HotlineArgs, ReceivingUnit } from './types';

const steps = hotlineSteps;

export interface Accepted { unit: ReceivingUnit; seq: number; dispatchedAt: Date; contact: TaskDecision }

export async function firstReceiver(args: HotlineArgs, first: ReceivingUnit, seqBefore: number): Promise<Accepted> {
  const { ctx, limits } = args;
  let unit = first;
  let seq = seqBefore;
  for (;;) {
    seq++;
    const dispatchedAt = new Date();
    const contactDue = computeDeadline(dispatchedAt, limits.contact, ctx.officeHours ?? DEFAULT_OFFICE_HOURS).dueAt;
    await records.recordHotlineFacts({
      instanceId: ctx.instanceId, order: { unitId: unit.id },
      dispatch: { seq, unitId: unit.id, dispatchedAt: dispatchedAt.toISOString(), contactDueAt: contactDue.toISOString() },
    });
    let refused = false;
    for (;;) {
      const respond = await supervisedTask(ctx, {
        stepId: HotlineStep.Respond, step: { ...steps[HotlineStep.Respond], role: RECEIVING_ROLE[unit.kind] },
        orgUnitId: unit.id, limit: limits.contact, since: dispatchedAt,
        context: { unitId: unit.id, unitName: unit.name, unitKind: unit.kind, seq, ...(refused ? { objectionRefused: true } : {}) },
        allows: (action) => (action === 'object' && refused ? 'the objection was refused: the order stays with this unit (art. 14)' : null),
      });
      if (respond.action === 'contact') {
        await records.recordHotlineFacts({ instanceId: ctx.instanceId, dispatch: { seq, contactedAt: respond.at.toISOString() } });
        return { unit, seq, dispatchedAt, contact: respond };
      }
      const reason = String(respond.data.reason);
      await records.recordHotlineFacts({ instanceId: ctx.instanceId, dispatch: { seq, objection: reason } });
      const objectedBy = unit.id;
      const ruling = await supervisedTask(ctx, {
        stepId: HotlineStep.RuleObjection, step: steps[HotlineStep.RuleObjection], orgUnitId: args.districtId,
        limit: limits.steps[HotlineStep.RuleObjection] ?? steps[HotlineStep.RuleObjection].defaultLimit,
        context: { unitId: objectedBy, unitName: unit.name, reason, seq },
        check: (action, data) => (action === 'uphold' && data.unitId === objectedBy
          ? [{ path: 'data.unitId', message: 'an upheld objection re-dispatches to another unit' }] : null),
      });
      if (ruling.action === 'uphold') {
        await records.recordHotlineFacts({ instanceId: ctx.instanceId, dispatch: { seq, ruling: 'upheld' } });
        unit = await records.receivingUnit({ unitId: String(ruling.data.unitId) });
        break;
      }
      await records.recordHotlineFacts({ instanceId: ctx.instanceId, dispatch: { seq, ruling: 'refused' } });
      refused = true;
    }
  }
}
