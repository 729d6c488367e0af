// Which failures are a dependency being away (503, retry) and which are bugs (500): the cause chains the client
// libraries produce, as seen in the reliability runs (bench/reliability/).
import { ServiceError } from '@temporalio/client';
import { isUnavailable } from '../../api/errors';

const grpc = (code: number, message: string) => Object.assign(new Error(message), { code, details: message });

test('Temporal unreachable, too slow, or refusing an Update while a dead worker’s task is retried: unavailable', () => {
  expect(isUnavailable(new ServiceError('Workflow Update failed', { cause: grpc(14, '14 UNAVAILABLE: tcp connect error') }))).toBe(true);
  expect(isUnavailable(new ServiceError('Failed to start Workflow', { cause: grpc(4, '4 DEADLINE_EXCEEDED: Deadline exceeded') }))).toBe(true);
  expect(isUnavailable(new ServiceError('Workflow Update failed', {
    cause: grpc(9, '9 FAILED_PRECONDITION: Unable to perform workflow execution update due to Workflow Task in failed state.'),
  }))).toBe(true);
});

test('PostgreSQL down or restarting, under a query wrapper: unavailable', () => {
  const wrapped = (cause: Error) => Object.assign(new Error('Failed query: select 1'), { cause });
  expect(isUnavailable(wrapped(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })))).toBe(true);
  expect(isUnavailable(wrapped(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })))).toBe(true);
});

test('other failures are not: a precondition of another kind, a constraint violation, a plain bug', () => {
  expect(isUnavailable(new ServiceError('Workflow Update failed', { cause: grpc(9, '9 FAILED_PRECONDITION: something else') }))).toBe(false);
  expect(isUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
  expect(isUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
});
