// 一公开: a result goes to the publicity system and the public page within the publication period of its
// inspection. The push retries until taken; a timer at the deadline records supervision (督办) if it is not yet out.
import { condition } from '@temporalio/workflow';
import { RandomStep } from '../../domain/processes/steps/random-inspection';
import { shanghaiDay } from '../../domain/calendar/shanghai-day';
import { publications, records } from '../lib/activities';
import { recordEvent, type InstanceContext } from '../lib/instance';

/** Publishes one result; true when it went out in time. */
export async function publishResult(ctx: InstanceContext, creditCode: string, publishBy: Date): Promise<boolean> {
  let pushed = false;
  const push = publications.publishInspectionResult({ instanceId: ctx.instanceId, creditCode }).then(() => { pushed = true; });
  const inTime = await condition(() => pushed, Math.max(1, publishBy.getTime() - Date.now()));
  if (!inTime) {
    await recordEvent(ctx, { stepId: RandomStep.Publish, action: 'supervise', data: { creditCode, dueAt: publishBy.toISOString(), reason: 'publicationOverdue' } });
  }
  await push;
  const at = new Date();
  const onTime = at.getTime() <= publishBy.getTime();
  await records.markResultPublished({ instanceId: ctx.instanceId, creditCode, at: at.toISOString(), on: shanghaiDay(at), onTime });
  return onTime;
}
