import type { FileKind } from './file-kind';

/** A file that arrived and passed the checks (size, type judged by content), still in tmp/ until a use case keeps it. */
export interface AcceptedUpload {
  readonly tempPath: string;
  readonly originalName: string;
  readonly kind: FileKind;
  readonly mimeType: string;
  readonly size: number;
  readonly sha256: string;
}
