import { repeatEvery } from '../../../src/shared/repeat';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('background work repeated until stopped', () => {
  it('runs again after each run ends, never two at once, goes on after a failure, and starts nothing once stopped', async () => {
    let active = 0;
    let overlapped = false;
    let runs = 0;
    const errors: unknown[] = [];
    const repeating = repeatEvery({
      intervalMs: 2,
      firstDelayMs: 1,
      work: async () => {
        runs += 1;
        active += 1;
        overlapped ||= active > 1;
        await sleep(5);
        active -= 1;
        if (runs === 2) throw new Error('second run fails');
      },
      onError: (err) => errors.push(err),
    });
    while (runs < 4) await sleep(2);
    await repeating.stop();
    const after = runs;
    await sleep(30);
    expect([overlapped, errors.length, runs]).toEqual([false, 1, after]);
  });

  it('when a run outlasts the wait given to stop, then stop returns after the wait', async () => {
    const repeating = repeatEvery({ intervalMs: 1000, firstDelayMs: 0, work: () => sleep(500), onError: () => undefined });
    await sleep(10);
    const started = Date.now();
    await repeating.stop(20);
    expect(Date.now() - started).toBeLessThan(400);
  });
});
