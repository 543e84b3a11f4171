import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainHarness } from '../../../test/harness/domain-harness.js';
import { addSource, hisEvent, seedHospitals } from '../../../test/fixtures/his-reference.js';
import { intakeItemFromJson, PRESSED_WAIT_MS } from './intake.js';
import { QUIET_AFTER_MS, QUIET_RUN_MS } from '../../core/jobs.js';
import { PRESSED_PAUSE_MS, PROCESS_EVENTS_JOB } from './index.js';

/**
 * The listener comes first: when acknowledgements wait for their commit
 * (the station short of CPU), the event processor pauses between its runs
 * instead of going on at once; when they do not, it drains at full speed.
 */

let harness: DomainHarness;
let n = 0;

beforeEach(async () => {
  harness = await DomainHarness.open();
  seedHospitals(harness.core);
  addSource(harness.core, 'HIS');
});

afterEach(() => harness.close());

/** Hands an event to the intake; `holdMs` of synchronous work keeps the event loop from its commit that long. */
async function submit(holdMs = 0): Promise<void> {
  n += 1;
  const event = hisEvent({ externalId: `P-${n}`, code: 'OPD_REGISTERED', encounterId: `ENC-P-${n}`, mrn: `MRN-P-${n}` });
  const accepted = harness.core.intake.submit(intakeItemFromJson(event, JSON.stringify(event)));
  const until = performance.now() + holdMs;
  while (performance.now() < until) {
    // the station busy elsewhere
  }
  await accepted;
}

/** Prompt submits until one's commit did not wait (on a machine this busy a turn of the event loop can itself be slow). */
async function submitPromptly(): Promise<void> {
  for (let tries = 0; tries < 20; tries += 1) {
    await submit();
    if (!harness.core.intake.pressed) return;
  }
}

const processorRun = () => harness.core.composed.jobs.find((job) => job.name === PROCESS_EVENTS_JOB)!.run({ manual: false });

describe('the processor and the listener', () => {
  it('drains at once while acknowledgements are prompt', async () => {
    await submitPromptly();
    expect(harness.core.intake.pressed).toBe(false);
    expect(await processorRun()).toEqual({ nextRunInMs: 0 });
  });

  it('pauses between runs while acknowledgements wait, and drains at once again when they do not', async () => {
    await submit(PRESSED_WAIT_MS + 10);
    expect(harness.core.intake.pressed).toBe(true);
    expect(await processorRun()).toEqual({ nextRunInMs: PRESSED_PAUSE_MS });
    await submitPromptly();
    expect(harness.core.intake.pressed).toBe(false);
    expect(await processorRun()).toEqual({ nextRunInMs: 0 });
    // once nothing is left, it waits for its interval or a wake
    let last: unknown = null;
    for (let runs = 0; runs < 50 && last !== undefined; runs += 1) last = await processorRun();
    expect(last).toBeUndefined();
  });

  it('takes longer runs while the listener is quiet: a backlog drains in fewer commits', async () => {
    const runs = vi.spyOn(harness.core.processor, 'processNext');
    await submit();
    await processorRun();
    expect(runs).toHaveBeenLastCalledWith();
    await new Promise((resolve) => setTimeout(resolve, QUIET_AFTER_MS + 50));
    await processorRun();
    expect(runs).toHaveBeenLastCalledWith(500, QUIET_RUN_MS);
  });
});
