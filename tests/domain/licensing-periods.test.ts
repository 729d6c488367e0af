// The periods of 行政许可法 as the licensing process counts them, with dates worked out by hand from the law and the
// official 2026 schedule (中秋 25–27 September, 国庆 1–7 October, make-up working days 20 September and 10 October).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeDeadline, toShanghaiIso } from '../../domain/calendar/deadline';
import { readDiagram } from '../../domain/bpmn/diagram';
import { LicensingStep, STATUTORY_EXTENSION } from '../../domain/processes/commitment-licensing';
import { lastDayOfYears, reapplicationBar, REAPPLICATION_BAR, type BarringEntry } from '../../domain/licensing/reapplication-bar';

const at = (local: string) => new Date(`${local}+08:00`);
const minute = (instant: Date) => toShanghaiIso(instant).slice(0, 16);

describe('art. 32 and art. 42: acceptance window and decision period, with the diagram\'s parameters', () => {
  const limits = async () => {
    const diagram = await readDiagram(readFileSync(join(__dirname, '..', '..', 'processes', 'commitment-licensing.bpmn'), 'utf8'));
    return { accept: diagram.parameters[LicensingStep.Accept].timeLimit!, decide: diagram.parameters[LicensingStep.Approve].timeLimit! };
  };

  test('received Thu 2026-09-24: the one-time notice or acceptance is due by 17:30 on Fri 2026-10-09 (28, 29, 30 Sep, 8, 9 Oct)', async () => {
    const { accept } = await limits();
    expect(accept).toEqual({ amount: 5, unit: 'workingDays' });
    expect(minute(computeDeadline(at('2026-09-24T10:00:00'), accept).dueAt)).toBe('2026-10-09T17:30');
  });

  test('deemed accepted on receipt Thu 2026-09-24: the decision is due Thu 2026-10-29 (the make-up Saturday 10 Oct counts), not 20 working days after 9 Oct', async () => {
    const { decide } = await limits();
    expect(decide).toEqual({ amount: 20, unit: 'workingDays' });
    expect(minute(computeDeadline(at('2026-09-24T10:00:00'), decide).dueAt)).toBe('2026-10-29T17:30');
    expect(minute(computeDeadline(at('2026-10-09T17:30:00'), decide).dueAt)).not.toBe('2026-10-29T17:30');
  });

  test('an approved extension adds 10 working days to the end of the 20: from Thu 2026-10-29 to Thu 2026-11-12', () => {
    expect(minute(computeDeadline(at('2026-10-29T17:30:00'), STATUTORY_EXTENSION).dueAt)).toBe('2026-11-12T17:30');
  });
});

describe('art. 79: three years counted in calendar years on Shanghai dates', () => {
  test('a period of years ends on the same date of the last year, or the month\'s last day when there is none', () => {
    expect(lastDayOfYears('2026-03-10', 3)).toBe('2029-03-10');
    expect(lastDayOfYears('2028-02-29', 3)).toBe('2031-02-28');
    expect(lastDayOfYears('2025-02-28', 3)).toBe('2028-02-28');
  });

  const food = { code: 'food-business', name: '食品经营许可', safetyRelated: true };
  const revoked: BarringEntry = {
    kind: 'falseCommitment', itemCode: 'food-business', recordedAt: at('2026-03-10T09:00:00').toISOString(), licenceNo: 'XK-2026-000007', instanceId: 'CL-1',
  };

  test('revoked Tue 2026-03-10: barred through 2029-03-10, citing art. 79 and the dates', () => {
    const bar = reapplicationBar([revoked], food, at('2027-06-01T10:00:00'));
    expect(bar).toMatchObject({ revokedOn: '2026-03-10', barredThrough: '2029-03-10', licenceNo: 'XK-2026-000007', revokedIn: 'CL-1' });
    expect(bar!.message).toContain('第七十九条');
    expect(bar!.message).toContain('2029-03-10');
  });

  test('the last barred day ends at midnight in Shanghai, whatever the UTC date', () => {
    expect(reapplicationBar([revoked], food, at('2029-03-10T23:59:00'))).not.toBeNull();
    // 2029-03-11 00:30 in Shanghai is still 10 March in UTC
    expect(reapplicationBar([revoked], food, at('2029-03-11T00:30:00'))).toBeNull();
  });

  test('a revocation late in the evening counts from its Shanghai date, not the UTC one', () => {
    const evening = { ...revoked, recordedAt: at('2026-03-10T23:30:00').toISOString() };
    expect(reapplicationBar([evening], food, at('2029-03-10T12:00:00'))).toMatchObject({ revokedOn: '2026-03-10' });
  });

  test('only a false commitment on the same, safety-related item bars; the catalog may set the years', () => {
    const now = at('2027-06-01T10:00:00');
    expect(reapplicationBar([revoked], { ...food, safetyRelated: false }, now)).toBeNull();
    expect(reapplicationBar([revoked], { ...food, code: 'outdoor-ads' }, now)).toBeNull();
    expect(reapplicationBar([{ ...revoked, kind: 'bad' }], food, now)).toBeNull();
    expect(REAPPLICATION_BAR).toEqual({ amount: 3, unit: 'years' });
    expect(reapplicationBar([revoked], food, at('2030-03-10T10:00:00'), { amount: 5, unit: 'years' })).toMatchObject({ barredThrough: '2031-03-10' });
  });
});
