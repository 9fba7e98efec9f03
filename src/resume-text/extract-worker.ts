import { parentPort } from 'node:worker_threads';
import { type FileMissing, readDocumentFile } from './extract-document';
import type { ExtractionOutcome } from './resume-text';

/** One stored file to read, as the app's main thread asks for it. */
export interface ExtractRequest {
  readonly id: number;
  readonly path: string;
  readonly mimeType: string;
  readonly maxChars: number;
}

/** Its outcome, sent back. */
export interface ExtractResponse {
  readonly id: number;
  readonly outcome: ExtractionOutcome | FileMissing;
}

// The extraction thread: reads one file at a time, as asked, and answers with its outcome.
const port = parentPort;
if (port) {
  port.on('message', (request: ExtractRequest) => {
    void readDocumentFile(request.path, request.mimeType, request.maxChars)
      .catch((): ExtractionOutcome => ({ status: 'none', reason: 'malformed' }))
      .then((outcome) => port.postMessage({ id: request.id, outcome } satisfies ExtractResponse));
  });
}
