import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SonicBoom } from 'sonic-boom';
import { createLogger } from '../../src/logger';
import { DROPPED_LINES_MESSAGE, LogOutput, type LogSink, stdoutLogOutput } from '../../src/log-output';

/** A destination whose reader takes nothing until `release()`; like sonic-boom, it drops a write that would overflow `capacity`. */
class StalledSink extends EventEmitter implements LogSink {
  readonly accepted: string[] = [];
  private buffered = 0;

  constructor(private readonly capacity: number) {
    super();
  }

  write(text: string): boolean {
    if (this.buffered + Buffer.byteLength(text) > this.capacity) {
      this.emit('drop', text);
      return false;
    }
    this.buffered += Buffer.byteLength(text);
    this.accepted.push(...text.split(/(?<=\n)/));
    return true;
  }

  release(): void {
    this.buffered = 0;
    this.emit('drain');
  }
}

const line = (n: number): string => `${JSON.stringify({ n, padding: 'x'.repeat(80) })}\n`;

describe('LogOutput', () => {
  it('passes lines through as they are', () => {
    const sink = new StalledSink(10_000);
    const output = new LogOutput(sink);
    output.write(line(1));
    output.write(line(2));
    expect(sink.accepted).toEqual([line(1), line(2)]);
  });

  it('drops what does not fit, then says how many lines were lost before the next one that gets through', () => {
    const sink = new StalledSink(1_000);
    const output = new LogOutput(sink);
    for (let n = 1; n <= 30; n += 1) output.write(line(n));
    const fitted = sink.accepted.length;
    expect(fitted).toBeGreaterThan(0);
    expect(fitted).toBeLessThan(30);

    sink.release();
    output.write(line(31));
    const [notice, next] = sink.accepted.slice(fitted);
    expect(JSON.parse(notice!)).toMatchObject({ level: 40, droppedLines: 30 - fitted, msg: DROPPED_LINES_MESSAGE, pid: process.pid });
    expect(next).toBe(line(31));

    output.write(line(32));
    expect(sink.accepted.at(-1)).toBe(line(32));
  });

  it('keeps counting while even the warning does not fit', () => {
    const sink = new StalledSink(300);
    const output = new LogOutput(sink);
    for (let n = 1; n <= 10; n += 1) output.write(line(n));
    const fitted = sink.accepted.length;
    output.write(line(11));
    expect(sink.accepted).toHaveLength(fitted);
    sink.release();
    output.write(line(12));
    expect(JSON.parse(sink.accepted[fitted]!)).toMatchObject({ droppedLines: 11 - fitted });
  });

  it('flushes until the reader has everything, or until the deadline when it takes nothing', async () => {
    const sink = new StalledSink(10_000);
    const output = new LogOutput(sink);
    await output.flush(5_000);

    output.write(line(1));
    const started = Date.now();
    await output.flush(100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);

    const flushed = output.flush(5_000);
    setTimeout(() => sink.release(), 20);
    await flushed;
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports lines dropped at the end when flushing', async () => {
    const sink = new StalledSink(1_000);
    const output = new LogOutput(sink);
    for (let n = 1; n <= 30; n += 1) output.write(line(n));
    sink.release();
    await output.flush(50);
    expect(JSON.parse(sink.accepted.at(-1)!)).toMatchObject({ msg: DROPPED_LINES_MESSAGE });
  });

  it('stops writing once the reader is gone', async () => {
    const sink = new StalledSink(10_000);
    const output = new LogOutput(sink);
    output.write(line(1));
    sink.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    output.write(line(2));
    expect(sink.accepted).toEqual([line(1)]);
    await output.flush(60_000);
  });

  it('counts on sonic-boom dropping, synchronously, what would overflow its buffer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-log-'));
    const file = path.join(dir, 'log');
    const fd = fs.openSync(file, 'w');
    try {
      const big = (n: number): string => `${JSON.stringify({ n, padding: 'x'.repeat(380) })}\n`;
      const output = new LogOutput(new SonicBoom({ fd, sync: false, maxLength: 1_000 }));
      // All in one tick: the first write is still in flight, so only two fit.
      for (let n = 1; n <= 5; n += 1) output.write(big(n));
      await output.flush(5_000);
      output.write(big(6));
      await output.flush(5_000);
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
      expect(lines).toEqual([big(1).trim(), big(2).trim(), expect.stringContaining('"droppedLines":3'), big(6).trim()]);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('createLogger', () => {
  it('leaves nothing on the exit path that could flush synchronously', () => {
    const exitListeners = process.listenerCount('exit');
    const output = stdoutLogOutput();
    createLogger('info', output);
    expect(process.listenerCount('exit')).toBe(exitListeners);
    expect('flushSync' in output).toBe(false);
  });

  it('writes the same JSON lines as before through the output', () => {
    const sink = new StalledSink(10_000);
    createLogger('info', new LogOutput(sink)).info({ req: { headers: { cookie: 'secret' } }, userId: 7 }, 'hello');
    expect(JSON.parse(sink.accepted[0]!)).toEqual({ level: 30, time: expect.any(Number), pid: process.pid, hostname: os.hostname(), req: { headers: {} }, userId: 7, msg: 'hello' });
  });
});
