import fs from 'node:fs';
import tty from 'node:tty';
import pino, { type Logger } from 'pino';
import { SonicBoom } from 'sonic-boom';

/** Lines waiting for a slow log reader take at most this much memory; lines beyond it are dropped. */
export const LOG_BUFFER_BYTES = 4 * 1024 * 1024;

export const DROPPED_LINES_MESSAGE = 'log lines dropped: the log reader was not keeping up';

/** What LogOutput needs from sonic-boom: `write`, and its 'drop', 'drain' and 'error' events. */
export interface LogSink {
  write(text: string): boolean;
  on(event: 'drop' | 'drain' | 'error', listener: () => void): unknown;
}

/**
 * A pino destination that never blocks the event loop. Lines are written asynchronously; while the
 * reader is not keeping up they wait in a buffer of bounded size, and lines that do not fit are
 * dropped and counted. The next line that gets through is preceded by a warning with the count.
 *
 * There is deliberately no `flushSync`: pino's `fatal()` calls it when present, and sonic-boom's own
 * sleeps and retries for as long as a pipe refuses the write, which is forever when its reader is stuck.
 * Nor is sonic-boom built through `pino.destination()`, which would register that same flushSync to run at exit.
 */
export class LogOutput {
  private droppedLines = 0;
  private lastWriteDropped = false;
  /** Some accepted line is not written yet. */
  private pending = false;
  /** A write failed with something other than EAGAIN (the reader is gone, most likely): nothing more will get through. */
  private broken = false;
  private readonly settled = new Set<() => void>();
  private readonly noticeFormatter: Logger;
  private formattedNotice = '';

  constructor(private readonly sink: LogSink) {
    sink.on('drop', () => {
      this.lastWriteDropped = true;
    });
    sink.on('drain', () => this.settle());
    sink.on('error', () => {
      this.broken = true;
      this.settle();
    });
    // pino's defaults, as the app's logger: the warning reads like any other line.
    this.noticeFormatter = pino({ level: 'warn' }, { write: (line: string) => (this.formattedNotice = line) });
  }

  write(line: string): void {
    if (this.broken) return;
    // One write: the warning gets in together with the line, or neither does.
    if (this.accept(this.droppedLines > 0 ? this.droppedNotice() + line : line)) this.droppedLines = 0;
    else this.droppedLines += 1;
  }

  /**
   * Resolves once every accepted line is written, or after `deadlineMs` whatever the reader does.
   * Lines dropped since the last one that got through are reported first, if the buffer has room.
   */
  flush(deadlineMs: number): Promise<void> {
    if (this.droppedLines > 0 && !this.broken && this.accept(this.droppedNotice())) this.droppedLines = 0;
    if (!this.pending || this.broken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.settled.delete(done);
        resolve();
      };
      const timer = setTimeout(done, deadlineMs);
      this.settled.add(done);
    });
  }

  private accept(text: string): boolean {
    this.lastWriteDropped = false;
    this.sink.write(text);
    if (this.lastWriteDropped) return false;
    this.pending = true;
    return true;
  }

  private droppedNotice(): string {
    this.noticeFormatter.warn({ droppedLines: this.droppedLines }, DROPPED_LINES_MESSAGE);
    return this.formattedNotice;
  }

  private settle(): void {
    this.pending = false;
    for (const done of [...this.settled]) done();
  }
}

/**
 * Standard output, never blocking. On a pipe or socket Node switches the descriptor to non-blocking
 * mode when `process.stdout` is first used: a write the reader does not take then fails with EAGAIN
 * (sonic-boom retries it every 100 ms) instead of holding a libuv thread, which `process.exit`
 * would wait for. A terminal's descriptor stays blocking (Node reopens the terminal for its own
 * writes), so it is reopened non-blocking here where the system allows. Writes to a file complete.
 */
export function stdoutLogOutput(): LogOutput {
  return new LogOutput(new SonicBoom({ fd: stdoutDescriptor(), sync: false, maxLength: LOG_BUFFER_BYTES }));
}

function stdoutDescriptor(): number {
  if (tty.isatty(1)) {
    try {
      return fs.openSync('/proc/self/fd/1', fs.constants.O_WRONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
    } catch {
      return 1;
    }
  }
  return process.stdout.fd;
}
