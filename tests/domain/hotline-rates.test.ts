// The 三率 (response, resolution, satisfaction) on a hand-built set of orders, with the answers worked out by hand.
import { computeHotlineRates, rateEntries, type RateDispatch, type RateOrder } from '../../api/metrics/hotline-rates';
import { shanghaiDay } from '../../domain/calendar/shanghai-day';

const at = (day: string, hm: string) => new Date(`2026-${day}T${hm}:00+08:00`);
const dispatch = (unitId: string, day: string, hm: string, over: Partial<RateDispatch> = {}): RateDispatch => {
  const dispatchedAt = at(day, hm);
  return { unitId, dispatchedAt, contactDueAt: new Date(dispatchedAt.getTime() + 24 * 3_600_000), contactedAt: null, objection: null, ruling: null, ...over };
};
const order = (instanceId: string, over: Partial<RateOrder>): RateOrder => ({
  instanceId, unitId: null, visitedAt: null, resolved: null, satisfaction: null, dispatches: [], ...over,
});

// The week of Mon 2026-11-02 to Sun 11-08; now is Mon 11-09 10:00.
//  O1 dept-urban   dispatched 11-02 09:00, contacted 15:00 (in time); visited 11-05 resolved, satisfied
//  O2 dept-urban   dispatched 11-03 09:00, contacted 11-04 10:00 (an hour late); visited 11-06 not resolved, dissatisfied
//  O3 dept-urban   dispatched 11-03 10:00, objection upheld → dept-market 14:00, contacted 11-04 14:00 (on the due
//                  minute: in time); visited 11-07 resolved, basically satisfied
//  O4 dept-market  dispatched 11-04 09:00, objection refused, never contacted (due 11-05 09:00 passed): missed
//  O5 street-a     dispatched 11-08 20:00, not contacted, due 11-09 20:00 still ahead: not counted yet
//  O6 street-a     dispatched 10-30 (before the week), visited 11-03 resolved but dissatisfied
//  O7              a consultation answered at once: no unit, counts nowhere
//  O8 street-a     dispatched 11-05 09:00, contacted 09:30; visited 11-09 08:00 (after the week)
const orders: RateOrder[] = [
  order('O1', { unitId: 'dept-urban', visitedAt: at('11-05', '10:00'), resolved: true, satisfaction: 'satisfied',
    dispatches: [dispatch('dept-urban', '11-02', '09:00', { contactedAt: at('11-02', '15:00') })] }),
  order('O2', { unitId: 'dept-urban', visitedAt: at('11-06', '10:00'), resolved: false, satisfaction: 'dissatisfied',
    dispatches: [dispatch('dept-urban', '11-03', '09:00', { contactedAt: at('11-04', '10:00') })] }),
  order('O3', { unitId: 'dept-market', visitedAt: at('11-07', '10:00'), resolved: true, satisfaction: 'basically_satisfied',
    dispatches: [
      dispatch('dept-urban', '11-03', '10:00', { objection: '不属本局职责', ruling: 'upheld' }),
      dispatch('dept-market', '11-03', '14:00', { contactedAt: at('11-04', '14:00') }),
    ] }),
  order('O4', { unitId: 'dept-market', dispatches: [dispatch('dept-market', '11-04', '09:00', { objection: '职责不清', ruling: 'refused' })] }),
  order('O5', { unitId: 'street-a', dispatches: [dispatch('street-a', '11-08', '20:00')] }),
  order('O6', { unitId: 'street-a', visitedAt: at('11-03', '16:00'), resolved: true, satisfaction: 'dissatisfied',
    dispatches: [dispatch('street-a', '10-30', '09:00', { contactedAt: at('10-30', '11:00') })] }),
  order('O7', {}),
  order('O8', { unitId: 'street-a', visitedAt: at('11-09', '08:00'), resolved: true, satisfaction: 'satisfied',
    dispatches: [dispatch('street-a', '11-05', '09:00', { contactedAt: at('11-05', '09:30') })] }),
];

const result = computeHotlineRates(orders, { from: at('11-02', '00:00'), to: at('11-09', '00:00'), now: at('11-09', '10:00'), periodOf: shanghaiDay });

test('response counts settled contacts of the week (O1, O3 at dept-market, O8 in time; O2 late; O4 missed): 3 / 5', () => {
  expect(result.responseRate).toBeCloseTo(3 / 5, 10);
});

test('resolution and satisfaction count the return visits of the week (O1, O2, O3, O6): 3 / 4 resolved, 2 / 4 satisfied or basically', () => {
  expect(result.resolutionRate).toBeCloseTo(3 / 4, 10);
  expect(result.satisfactionRate).toBeCloseTo(2 / 4, 10);
});

test('per unit: an upheld objection is not the objecting unit\'s order; a refused one is, and its missed contact counts', () => {
  expect(result.byUnit).toEqual([
    { unitId: 'dept-market', orders: 2, contacts: 2, visits: 1, responseRate: 1 / 2, resolutionRate: 1, satisfactionRate: 1 },
    { unitId: 'dept-urban', orders: 2, contacts: 2, visits: 2, responseRate: 1 / 2, resolutionRate: 1 / 2, satisfactionRate: 1 / 2 },
    { unitId: 'street-a', orders: 2, contacts: 1, visits: 1, responseRate: 1, resolutionRate: 1, satisfactionRate: 0 },
  ]);
});

test('the trend puts a contact on its dispatch day and a visit on its visit day', () => {
  expect(result.trend).toEqual([
    { period: '2026-11-02', responseRate: 1, resolutionRate: null, satisfactionRate: null },
    { period: '2026-11-03', responseRate: 1 / 2, resolutionRate: 1, satisfactionRate: 0 },
    { period: '2026-11-04', responseRate: 0, resolutionRate: null, satisfactionRate: null },
    { period: '2026-11-05', responseRate: 1, resolutionRate: 1, satisfactionRate: 1 },
    { period: '2026-11-06', responseRate: null, resolutionRate: 0, satisfactionRate: 0 },
    { period: '2026-11-07', responseRate: null, resolutionRate: 1, satisfactionRate: 1 },
  ]);
});

test('with no settled contact or visit every rate is null, not zero', () => {
  const empty = computeHotlineRates([orders[4]], { from: at('11-02', '00:00'), to: at('11-09', '00:00'), now: at('11-09', '10:00'), periodOf: shanghaiDay });
  expect({ r: empty.responseRate, s: empty.resolutionRate, t: empty.satisfactionRate }).toEqual({ r: null, s: null, t: null });
});

test('the drill-down lists exactly what each rate counted: dept-urban\'s contacts are O1 (in time) and O2 (late), not O3\'s upheld dispatch', () => {
  const entries = rateEntries(orders, { from: at('11-02', '00:00'), to: at('11-09', '00:00'), now: at('11-09', '10:00'), periodOf: shanghaiDay });
  const of = (rate: string, unitId: string) => entries.filter((e) => e.rate === rate && e.unitId === unitId).map((e) => [e.instanceId, e.seq ?? null, e.met]);
  expect(of('response', 'dept-urban')).toEqual([['O1', 1, true], ['O2', 1, false]]);
  expect(of('response', 'dept-market')).toEqual([['O3', 2, true], ['O4', 1, false]]);
  expect(of('response', 'street-a')).toEqual([['O8', 1, true]]);
  expect(of('resolution', 'dept-urban')).toEqual([['O1', null, true], ['O2', null, false]]);
  expect(of('satisfaction', 'street-a')).toEqual([['O6', null, false]]);
  // On the day of 11-03: O2 dispatched (late) and O3 re-dispatched (in time); O6 visited.
  expect(entries.filter((e) => e.period === '2026-11-03').map((e) => [e.rate, e.instanceId, e.met]))
    .toEqual([['response', 'O2', false], ['response', 'O3', true], ['resolution', 'O6', true], ['satisfaction', 'O6', false]]);
});
