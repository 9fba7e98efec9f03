/**
 * The rhythm of a background runner (the mail outbox, the résumé-text reader): one pass at a time,
 * started now and every `pollMs` once started, or at once on a kick. A kick while a pass runs is
 * not lost: one more pass follows it. A pass that fails is reported and the next one comes anyway.
 */
export interface PassLoop {
  /** Runs a pass now and every `pollMs` after. */
  start(): void;
  /** Runs a pass now, or once the one in progress has ended. */
  kick(): void;
  /** True once `stop` was called: passes check it between items. */
  readonly stopping: boolean;
  /** The pass in progress, if any. */
  readonly running: Promise<void> | undefined;
  /** No more passes: the timer ends and kicks are ignored (the pass in progress goes on). */
  stop(): void;
  /** Stops, then waits for the pass in progress to end, but no longer than `deadlineMs`. */
  stopWithin(deadlineMs: number): Promise<void>;
}

export function createPassLoop(pass: () => Promise<unknown>, onError: (err: unknown) => void, pollMs: number): PassLoop {
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let running: Promise<void> | undefined;
  let again = false;

  const kick = (): void => {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  };

  return {
    start() {
      if (timer || stopping) return;
      kick();
      timer = setInterval(kick, pollMs);
      timer.unref();
    },
    kick,
    get stopping() {
      return stopping;
    },
    get running() {
      return running;
    },
    stop() {
      stopping = true;
      if (timer) clearInterval(timer);
    },
    async stopWithin(deadlineMs) {
      this.stop();
      if (running) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, deadlineMs).unref())]);
    },
  };
}
