// Captures the histories that tests/replay/replay.test.ts replays: cases of each process left running at a point
// where they have taken the paths a change to the human-task primitive touches (a completion and the task it opened,
// a reminder, a missed deadline's escalation or supervision). Run only on purpose, with the code whose histories
// must keep replaying, before changing it:
//   CAPTURE_REPLAY_HISTORIES=1 NODE_OPTIONS=--experimental-vm-modules npx jest tests/replay/capture-histories.test.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { WhistleStep } from '../../domain/processes/whistle-escalation';
import { PenaltyStep } from '../../domain/processes/inspection-penalty';
import { LicensingStep } from '../../domain/processes/steps/commitment-licensing';
import { HotlineStep } from '../../domain/processes/hotline-order';
import { createTestStack, type TestStack } from '../support/test-stack';
import { complete, gridReport, startCase } from '../support/whistle';
import { registered } from '../support/penalty';
import { application, startApplication } from '../support/licensing';
import { call, startOrder } from '../support/hotline';

const HISTORIES = join(__dirname, 'histories');
const capture = process.env.CAPTURE_REPLAY_HISTORIES ? describe : describe.skip;

capture('capturing running cases\' histories for the replay test', () => {
  let stack: TestStack;
  beforeAll(async () => { stack = await createTestStack(); });
  afterAll(async () => { await stack?.close(); });

  /** Moves the clock to a minute past the instant. */
  async function passInstant(instant: Date): Promise<void> {
    const behind = instant.getTime() - (await stack.temporal.clock.now()).getTime() + 60_000;
    if (behind > 0) await stack.advance(behind);
  }

  async function save(name: string, instanceId: string): Promise<void> {
    // Lets the workflow task the clock woke finish before the history is read.
    await new Promise((r) => setTimeout(r, 1500));
    const history = await stack.temporal.client.workflow.getHandle(instanceId).fetchHistory();
    // Protobuf binary, as `tctl`/`temporal workflow show --output` can also read and write it.
    writeFileSync(join(HISTORIES, `${name}.history.bin`), temporal.api.history.v1.History.encode(history).finish());
  }

  test('whistle: resolved by the community, the field check reminded', async () => {
    const id = await startCase(stack, gridReport());
    await complete(stack, id, WhistleStep.CommunityHandle, 'community_staff', 'resolve', { result: '已修复', photos: ['after.jpg'] });
    const check = await stack.openTask(id, WhistleStep.FieldCheck);
    await passInstant(check.remindAt);
    await save('whistle-field-check-reminded', id);
  });

  test('whistle: the community\'s deadline missed and escalated, the dispatch reminded', async () => {
    const id = await startCase(stack, gridReport());
    const community = await stack.openTask(id, WhistleStep.CommunityHandle);
    await passInstant(community.remindAt);
    await passInstant(community.dueAt);
    const dispatch = await stack.openTask(id, WhistleStep.Dispatch);
    await passInstant(dispatch.remindAt);
    await save('whistle-escalated-dispatch-reminded', id);
  });

  test('inspection-penalty: registered, the investigation reminded and supervised', async () => {
    const id = await registered(stack);
    const investigation = await stack.openTask(id, PenaltyStep.Investigate);
    await passInstant(investigation.remindAt);
    await passInstant(investigation.dueAt);
    await save('penalty-investigation-supervised', id);
  });

  test('commitment-licensing: the application\'s first task reminded', async () => {
    const id = await startApplication(stack, application());
    const commit = await stack.openTask(id, LicensingStep.Commit);
    await passInstant(commit.remindAt);
    await save('licensing-commit-reminded', id);
  });

  test('hotline-order: the intake reminded and supervised', async () => {
    const id = await startOrder(stack, call());
    const intake = await stack.openTask(id, HotlineStep.Intake);
    await passInstant(intake.remindAt);
    await passInstant(intake.dueAt);
    await save('hotline-intake-supervised', id);
  });
});
