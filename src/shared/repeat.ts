/** A piece of background work run again and again until stopped. */
export interface Repeating {
  /** No further run starts; resolves when the run in progress ends, or after `waitMs` at the most. */
  stop(waitMs?: number): Promise<void>;
}

/**
 * Runs `work` after `firstDelayMs`, then `intervalMs` after each run ends (runs never overlap). A
 * failed run goes to `onError` and the next one still comes. The timers never keep the process alive.
 */
export function repeatEvery(options: { intervalMs: number; firstDelayMs: number; work: () => Promise<unknown>; onError: (err: unknown) => void }): Repeating {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout;
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  function tick(): void {
    if (stopped) return;
    running = options
      .work()
      .catch(options.onError)
      .finally(() => {
        if (!stopped) schedule(options.intervalMs);
      });
  }
  schedule(options.firstDelayMs);
  return {
    async stop(waitMs) {
      stopped = true;
      clearTimeout(timer);
      await (waitMs === undefined ? running : Promise.race([running, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]));
    },
  };
}
