import { afterWorkerDeath } from '../../../src/worker-restarts';

describe('afterWorkerDeath', () => {
  const now = 1_000_000;

  it('when a worker dies for the first time, then it is replaced at once', () => {
    expect(afterWorkerDeath([now], now)).toEqual({ replace: true, delayMs: 0, recentDeaths: 1 });
  });

  it('when deaths follow each other within a minute, then each replacement waits twice as long as the one before', () => {
    expect(afterWorkerDeath([now - 3, now], now)).toEqual({ replace: true, delayMs: 250, recentDeaths: 2 });
    expect(afterWorkerDeath([now - 3, now - 2, now], now)).toEqual({ replace: true, delayMs: 500, recentDeaths: 3 });
    expect(afterWorkerDeath([now - 3, now - 2, now - 1, now], now)).toEqual({ replace: true, delayMs: 1000, recentDeaths: 4 });
  });

  it('when the fifth worker dies within a minute, then no replacement is made', () => {
    expect(afterWorkerDeath([now - 59_999, now - 3, now - 2, now - 1, now], now)).toEqual({ replace: false, recentDeaths: 5 });
    expect(afterWorkerDeath([now - 6, now - 5, now - 4, now - 3, now - 2, now], now)).toEqual({ replace: false, recentDeaths: 6 });
  });

  it('when earlier deaths are a minute old or older, then they no longer count', () => {
    expect(afterWorkerDeath([now - 60_000, now - 3, now - 2, now - 1, now], now)).toEqual({ replace: true, delayMs: 1000, recentDeaths: 4 });
    expect(afterWorkerDeath([now - 120_000, now - 60_001, now], now)).toEqual({ replace: true, delayMs: 0, recentDeaths: 1 });
  });

  it('when a recorded time lies after now, then it is not counted', () => {
    expect(afterWorkerDeath([now, now + 1], now)).toEqual({ replace: true, delayMs: 0, recentDeaths: 1 });
  });
});
