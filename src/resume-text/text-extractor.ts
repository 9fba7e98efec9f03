import fs from 'node:fs';
import path from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { FileMissing } from './extract-document';
import type { ExtractRequest, ExtractResponse } from './extract-worker';
import { type ExtractionOutcome, MAX_TEXT_CHARS } from './resume-text';

/** A read that did not finish: it ran out of time, or the thread died (out of memory, a crash). */
export type UnfinishedRead = { readonly status: 'unfinished'; readonly why: 'timeout' | 'crashed' };

export interface TextExtractor {
  /** Reads one stored file and its text in the extraction thread; one at a time, in the order asked. */
  extract(file: StoredDocument): Promise<ExtractionOutcome | UnfinishedRead | FileMissing>;
  /** Ends the extraction thread (a read in progress ends unfinished). */
  close(): Promise<void>;
}

/** A file in storage: where it is, and the type recorded at upload (used only when its bytes say nothing). */
export interface StoredDocument {
  readonly path: string;
  readonly mimeType: string;
}

export interface TextExtractorOptions {
  /** How long one document may take before its thread is ended and replaced. */
  readonly timeoutMs?: number;
  readonly maxChars?: number;
  /** The thread's heap: a document that needs more ends its read as unfinished, never the app. */
  readonly resourceLimits?: ResourceLimits;
  /** Told each time a thread is started (tests count replacements). */
  readonly onThreadStarted?: () => void;
}

const DEFAULT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };

/**
 * Runs the TypeScript source of the extraction thread where no compiled file exists (under the test
 * runner, which compiles sources itself but not for threads): each `.ts` file the thread requires
 * is compiled with SWC (already there to run the tests) as it loads. Dynamic `import()` is kept as
 * is, for PDF.js, which is an ES module.
 */
const TYPESCRIPT_BOOTSTRAP = `
const fs = require('node:fs');
const Module = require('node:module');
const { workerData } = require('node:worker_threads');
const swc = Module.createRequire(workerData.entry)('@swc/core');
Module._extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } });
  module._compile(code, filename);
};
Module.createRequire(workerData.entry)(workerData.entry);
`;

/** Starts the extraction thread: the compiled `extract-worker.js` beside this file, or its TypeScript source. */
function startThread(resourceLimits: ResourceLimits): Worker {
  const compiled = path.join(__dirname, 'extract-worker.js');
  if (fs.existsSync(compiled)) return new Worker(compiled, { resourceLimits });
  const entry = path.join(__dirname, 'extract-worker.ts');
  return new Worker(TYPESCRIPT_BOOTSTRAP, { eval: true, workerData: { entry }, resourceLimits });
}

/**
 * Résumé text extraction off the main thread: one long-lived thread reads documents one after the
 * other. A document that takes longer than `timeoutMs`, or kills the thread (out of its heap), ends
 * that thread; the next document gets a new one.
 */
export function createTextExtractor(options: TextExtractorOptions = {}): TextExtractor {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxChars = options.maxChars ?? MAX_TEXT_CHARS;
  const resourceLimits = options.resourceLimits ?? DEFAULT_LIMITS;
  let thread: Worker | undefined;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let abortCurrent: (() => void) | undefined;

  const currentThread = (): Worker => {
    if (!thread) {
      const started = startThread(resourceLimits);
      // An idle thread never keeps the process alive.
      started.unref();
      started.on('error', () => undefined);
      started.on('exit', () => {
        if (thread === started) thread = undefined;
      });
      thread = started;
      options.onThreadStarted?.();
    }
    return thread;
  };

  const endThread = (worker: Worker): void => {
    if (thread === worker) thread = undefined;
    void worker.terminate();
  };

  const readOne = (file: StoredDocument): Promise<ExtractionOutcome | UnfinishedRead | FileMissing> => {
    if (closed) return Promise.resolve({ status: 'unfinished', why: 'crashed' });
    const worker = currentThread();
    const id = nextId++;
    return new Promise((resolve) => {
      const finish = (result: ExtractionOutcome | UnfinishedRead | FileMissing) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        abortCurrent = undefined;
        resolve(result);
      };
      const onMessage = (response: ExtractResponse) => {
        if (response.id === id) finish(response.outcome);
      };
      const onExit = () => finish({ status: 'unfinished', why: 'crashed' });
      const timer = setTimeout(() => {
        endThread(worker);
        finish({ status: 'unfinished', why: 'timeout' });
      }, timeoutMs);
      abortCurrent = () => {
        endThread(worker);
        finish({ status: 'unfinished', why: 'crashed' });
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      // Only the path crosses: the thread reads the file itself, so its bytes never load the main thread's heap.
      worker.postMessage({ id, path: file.path, mimeType: file.mimeType, maxChars } satisfies ExtractRequest);
    });
  };

  return {
    extract(file) {
      const result = queue.then(() => readOne(file));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      closed = true;
      abortCurrent?.();
      if (thread) await thread.terminate();
      thread = undefined;
    },
  };
}
