/**
 * Background work (maintenance, mail delivery, webhook delivery, reminders, backups, reading résumé texts) runs in exactly one process of a
 * deployment's server: the only one, or worker 1 of a cluster (WEB_CONCURRENCY > 1). Work committed
 * by a request is picked up at once through a kick: the name of the runner to wake. A kick made
 * in a worker that does not run the background work goes to the primary process and on to the one
 * that does. A kick that gets lost (that worker is being replaced) only delays the work until the
 * runner's next look: every runner also polls.
 *
 * A new runner: add its name here, create, start and stop it with the others in the boot file,
 * and hand its kick (`kicks.<name>`) to whoever commits its work.
 */
export const BACKGROUND_JOBS = ['mail', 'resume', 'webhooks'] as const;
export type BackgroundJob = (typeof BACKGROUND_JOBS)[number];

/** One function per runner: wakes it now. */
export type Kicks = Readonly<Record<BackgroundJob, () => void>>;

export function isBackgroundJob(value: unknown): value is BackgroundJob {
  return typeof value === 'string' && (BACKGROUND_JOBS as readonly string[]).includes(value);
}

/**
 * Kicks for the request handlers of this process: delivered to the runners once `runHere` names
 * them (this process runs the background work), else handed to `forward` (to the primary), else dropped.
 */
export function createKickRelay(forward?: (job: BackgroundJob) => void): { readonly kicks: Kicks; runHere(runners: Kicks): void } {
  let local: Kicks | undefined;
  const kick = (job: BackgroundJob) => (local ? local[job]() : forward?.(job));
  const kicks = Object.fromEntries(BACKGROUND_JOBS.map((job) => [job, () => kick(job)])) as unknown as Kicks;
  return {
    kicks,
    runHere(runners) {
      local = runners;
    },
  };
}
