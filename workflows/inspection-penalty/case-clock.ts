// The 90-day decision clock (art. 60) beside the case: every change is an audit event carrying the whole clock (what
// the API shows, with the days left), a reminder some days before its end, supervision (督办) when it passes. A
// stopped clock (hearing, testing, appraisal) sets no timer; a moved deadline re-arms both.
import { condition } from '@temporalio/workflow';
import { pauseClock, resumeClock, startClock, type ClockState, type ClockStop } from '../../domain/penalty/clock';
import { addDays, lastDayOf, startOfDay } from '../../domain/calendar/shanghai-day';
import type { PenaltyRules } from '../../domain/penalty/rules';
import { PenaltyStep } from '../../domain/processes/steps/inspection-penalty';
import { recordEvent, type InstanceContext } from '../lib/instance';

export interface CaseClock {
  readonly state: ClockState;
  stop(reason: ClockStop, stepId: string, data?: Record<string, unknown>): Promise<void>;
  resume(stepId: string, data?: Record<string, unknown>): Promise<void>;
  /** The decision is taken (or the case referred): the clock is done. */
  finish(): Promise<void>;
}

export async function startCaseClock(ctx: InstanceContext, rules: Pick<PenaltyRules, 'caseLimit' | 'caseRemindDays'>): Promise<CaseClock> {
  let clock = startClock(new Date(), rules.caseLimit);
  let version = 0;
  let finished = false;
  await recordEvent(ctx, { stepId: PenaltyStep.Register, action: 'caseClockStarted', data: { clock, dueAt: clock.dueAt } });
  const watcher = watch(ctx, () => clock, () => version, () => finished, rules.caseRemindDays);
  return {
    get state() { return clock; },
    async stop(reason, stepId, data = {}) {
      if (clock.pausedSince) return;
      clock = pauseClock(clock, new Date(), reason);
      version++;
      await recordEvent(ctx, { stepId, action: 'caseClockStopped', data: { ...data, reason, clock } });
    },
    async resume(stepId, data = {}) {
      if (!clock.pausedSince) return;
      const before = clock;
      clock = resumeClock(clock, new Date());
      version++;
      await recordEvent(ctx, { stepId, action: 'caseClockResumed', data: { ...data, reason: before.pausedFor, daysStood: clock.pausedDays - before.pausedDays, dueAt: clock.dueAt, clock } });
    },
    async finish() {
      finished = true;
      await watcher;
      await recordEvent(ctx, { stepId: null, action: 'caseClockFinished', data: { clock } });
    },
  };
}

async function watch(ctx: InstanceContext, clock: () => ClockState, version: () => number, finished: () => boolean, remindDays: number): Promise<void> {
  let remindedFor: string | null = null;
  let supervisedFor: string | null = null;
  while (!finished()) {
    const seen = version();
    const changed = () => finished() || version() !== seen;
    const { dueAt, pausedSince } = clock();
    if (pausedSince || supervisedFor === dueAt) {
      await condition(changed);
      continue;
    }
    const due = Date.parse(dueAt);
    // From the start of the day on which `remindDays` calendar days are left.
    const remindAt = startOfDay(addDays(lastDayOf(new Date(due)), -remindDays)).getTime();
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
