/**
 * The cluster's primary as the server runs it (`runWorkers` from the build), with workers that only
 * pass kicks: worker 2 sends a kick every millisecond; worker 1 (the one running the background work)
 * counts those the primary passes on to it and prints the count every 20 ms as a JSON line
 * `{"worker":1,"pid":…,"received":…,"msg":"kicks received"}`.
 * The primary is slow to notice a death, as on a loaded machine: its event loop is held 49 ms of
 * every 50, so when worker 1 is killed the primary sees worker 2's next kicks with (usually before)
 * the end of worker 1's channel, and passes them on to a worker that is gone.
 * Run as `node cluster-kicks-fixture.mjs` after `npm run build`.
 */
import cluster from 'node:cluster';
import pino from 'pino';
import built from '../../dist/src/cluster.js';

const { forwardKick, receiveForwardedKicks, runWorkers, workerNumber } = built;

if (cluster.isPrimary) {
  runWorkers({ workers: 2, logger: pino(), exit: (code) => process.exit(code) });
  setInterval(() => {
    const until = Date.now() + 49;
    while (Date.now() < until);
  }, 50).unref();
} else {
  process.on('SIGTERM', () => process.exit(0));
  if (workerNumber() === 1) {
    let received = 0;
    receiveForwardedKicks(() => {
      received += 1;
    });
    setInterval(() => console.log(JSON.stringify({ worker: 1, pid: process.pid, received, msg: 'kicks received' })), 20);
  } else {
    setInterval(() => forwardKick('mail'), 1);
  }
}
