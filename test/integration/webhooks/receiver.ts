import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** When the request had fully arrived (Date.now()). */
  readonly at: number;
}

/**
 * A real HTTP receiver in the test process: keeps what it gets, answers what `answer` says (200 by
 * default), later if it says so through a promise, or never when that promise gives null (a silent receiver).
 */
export async function startReceiver(answer: (req: Received) => number | null | Promise<number | null> = () => 200): Promise<{ base: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(got);
      void Promise.resolve(answer(got)).then((status) => {
        if (status === null || res.destroyed) return;
        res.statusCode = status;
        res.end('ok');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
