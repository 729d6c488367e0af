// Watches the 90-day decision limit (art. 60) beside the case: a reminder some days before it, supervision (督办)
// when it passes. A paused clock (hearing pending) sets no timer; a moved deadline re-arms both.
import { condition } from '@temporalio/workflow';
import type { ClockState } from '../../domain/penalty/clock';
import { PenaltyStep } from '../../domain/processes/inspection-penalty';
import { recordEvent, type InstanceContext } from '../lib/instance';

const DAY = 86_400_000;

export async function watchCaseClock(
  ctx: InstanceContext, clock: () => ClockState, version: () => number, decided: () => boolean, remindDays: number,
): Promise<void> {
  let remindedFor: string | null = null;
  let supervisedFor: string | null = null;
  while (!decided()) {
    const seen = version();
    const changed = () => decided() || version() !== seen;
    const { dueAt, pausedSince } = clock();
    if (pausedSince || supervisedFor === dueAt) {
      await condition(changed);
      continue;
    }
    const due = Date.parse(dueAt);
    const remindAt = due - remindDays * DAY;
    if (remindedFor !== dueAt && Date.now() < remindAt) {
      if (await condition(changed, remindAt - Date.now())) continue;
    }
    if (remindedFor !== dueAt) {
      remindedFor = dueAt;
      await recordEvent(ctx, { stepId: PenaltyStep.Decide, action: 'remind', data: { about: 'caseLimit', dueAt } });
      continue;
    }
    if (await condition(changed, Math.max(1, due - Date.now()))) continue;
    supervisedFor = dueAt;
    await recordEvent(ctx, { stepId: PenaltyStep.Decide, action: 'supervise', data: { reason: 'caseLimitMissed', dueAt } });
  }
}
