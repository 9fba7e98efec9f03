import { createPassLoop } from '../../../src/shared/pass-loop';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a background runner’s pass loop', () => {
  it('when it is stopped during a pass that ends before the deadline, then the stop waits for that pass and no other follows', async () => {
    let passes = 0;
    let ended = false;
    const loop = createPassLoop(async () => {
      passes += 1;
      await wait(30);
      ended = true;
    }, () => undefined, 10_000);
    loop.start();
    loop.kick();
    await loop.stopWithin(1_000);
    expect(ended).toBe(true);
    expect(loop.stopping).toBe(true);
    loop.kick();
    await wait(40);
    expect(passes).toBe(1);
  });

  it('when the pass outlasts the deadline, then the stop returns at the deadline with the pass still running', async () => {
    let ended = false;
    const loop = createPassLoop(async () => {
      await wait(300);
      ended = true;
    }, () => undefined, 10_000);
    loop.start();
    const started = Date.now();
    await loop.stopWithin(40);
    const took = Date.now() - started;
    expect(ended).toBe(false);
    expect(took).toBeGreaterThanOrEqual(35);
    expect(took).toBeLessThan(250);
    expect(loop.running).toBeDefined();
    await loop.running;
    expect(ended).toBe(true);
  });

  it('when nothing runs, then the stop returns at once', async () => {
    const loop = createPassLoop(async () => undefined, () => undefined, 10_000);
    const started = Date.now();
    await loop.stopWithin(5_000);
    expect(Date.now() - started).toBeLessThan(100);
  });
});
