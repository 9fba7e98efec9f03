import { parentPort } from 'node:worker_threads';
import { extractDocument, type ReadableKind } from './extract-document';
import type { ExtractionOutcome } from './resume-text';

/** One document to read, as the app's main thread sends it. */
export interface ExtractRequest {
  readonly id: number;
  readonly kind: ReadableKind;
  readonly bytes: Uint8Array;
  readonly maxChars: number;
}

/** Its outcome, sent back. */
export interface ExtractResponse {
  readonly id: number;
  readonly outcome: ExtractionOutcome;
}

// The extraction thread: reads one document at a time, as asked, and answers with its outcome.
const port = parentPort;
if (port) {
  port.on('message', (request: ExtractRequest) => {
    void extractDocument(request.kind, request.bytes, request.maxChars)
      .catch((): ExtractionOutcome => ({ status: 'none', reason: 'malformed' }))
      .then((outcome) => port.postMessage({ id: request.id, outcome } satisfies ExtractResponse));
  });
}
