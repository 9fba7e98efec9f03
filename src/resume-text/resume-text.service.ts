import type { DbOrTrx as Db } from '../db/database';
import { resumeTextView, type ResumeTextView } from './resume-text';
import { findResumeTextState } from './resume-texts.repository';

export type { ResumeTextView } from './resume-text';

/** What the candidate's page says about the text of a résumé file: read (with its words), none (and why), or still being read. */
export async function describeResumeText(db: Db, fileId: number): Promise<ResumeTextView> {
  return resumeTextView(await findResumeTextState(db, fileId));
}
