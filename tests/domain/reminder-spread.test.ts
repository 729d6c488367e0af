// Reminders spread before the deadline (the 17:30 burst): each moves earlier by a fixed amount per task, within
// bounds worked out by hand, and no deadline moves.
import { DEFAULT_OFFICE_HOURS, computeDeadline } from '../../domain/calendar/deadline';
import { REMINDER_SPREAD_MS, spreadReminder } from '../../domain/calendar/reminder-spread';

const at = (local: string) => new Date(`${local}+08:00`);
const keys = Array.from({ length: 500 }, (_, i) => `task-${i}`);

test('a reminder moves earlier by at most 30 minutes, the same amount every time for one task', () => {
  // Opened Monday 2026-11-23 09:00, reminded on the Wednesday at 15:00: room for the full 30 minutes
  const remindAt = at('2026-11-25T15:00:00');
  const moved = keys.map((k) => spreadReminder(remindAt, at('2026-11-23T09:00:00'), k));
  for (const m of moved) {
    expect(m.getTime()).toBeLessThanOrEqual(remindAt.getTime());
    expect(m.getTime()).toBeGreaterThan(at('2026-11-25T14:30:00').getTime());
  }
  expect(spreadReminder(remindAt, at('2026-11-23T09:00:00'), 'task-7')).toEqual(moved[7]);
  // Spread over the half hour, not bunched: every five-minute slice holds some of 500 reminders
  const slices = new Set(moved.map((m) => Math.floor((remindAt.getTime() - m.getTime()) / 300_000)));
  expect([...slices].sort()).toEqual([0, 1, 2, 3, 4, 5]);
});

test('a short limit keeps its reminder within a tenth of the time before it', () => {
  // Opened 14:00, reminded 15:00: at most 6 minutes earlier
  for (const k of keys) {
    const m = spreadReminder(at('2026-11-25T15:00:00'), at('2026-11-25T14:00:00'), k);
    expect(m.getTime()).toBeGreaterThanOrEqual(at('2026-11-25T14:54:00').getTime());
  }
});

test('a reminder in office time stays in the office period it fell in', () => {
  // Reminded at 08:40 (office opens 08:30) and at 13:45 (the afternoon opens 13:30): at most 10 and 15 minutes earlier
  for (const k of keys) {
    expect(spreadReminder(at('2026-11-25T08:40:00'), at('2026-11-23T09:00:00'), k, DEFAULT_OFFICE_HOURS).getTime())
      .toBeGreaterThanOrEqual(at('2026-11-25T08:30:00').getTime());
    expect(spreadReminder(at('2026-11-25T13:45:00'), at('2026-11-23T09:00:00'), k, DEFAULT_OFFICE_HOURS).getTime())
      .toBeGreaterThanOrEqual(at('2026-11-25T13:30:00').getTime());
  }
  // At the opening minute itself it does not move
  expect(spreadReminder(at('2026-11-25T08:30:00'), at('2026-11-23T09:00:00'), 'task-1', DEFAULT_OFFICE_HOURS)).toEqual(at('2026-11-25T08:30:00'));
});

test('the deadline is the law\'s: three working days from Monday 09:00 end Thursday 17:30 whatever the reminder', () => {
  const d = computeDeadline(at('2026-11-23T09:00:00'), { amount: 3, unit: 'workingDays' });
  expect(d.dueAt).toEqual(at('2026-11-26T17:30:00'));
  expect(REMINDER_SPREAD_MS).toBe(30 * 60_000);
});
