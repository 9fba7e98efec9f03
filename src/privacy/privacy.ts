import { downloadName, kindOfMimeType } from '../uploads/file-kind';

/** Rows as stored, keyed by column name. */
type Row = Record<string, unknown>;

export interface CandidateRecord {
  readonly candidate: Row & { id: number; name: string; resume_file_id: number | null };
  readonly applications: readonly Row[];
  readonly events: readonly Row[];
  readonly interviews: readonly Row[];
  readonly interviewers: readonly Row[];
  readonly scorecards: readonly Row[];
  readonly ratings: readonly Row[];
  readonly history: readonly (Row & { snapshot: string })[];
  readonly decisions: readonly (Row & { acknowledgements: string; flags: string })[];
  /** Decisions that were reopened, with who reopened them, when and why. */
  readonly reopenedDecisions: readonly (Row & { acknowledgements: string; flags: string })[];
  readonly files: readonly (Row & { id: number; storage_key: string; original_name: string; mime_type: string })[];
  readonly openings: readonly Row[];
  readonly stages: readonly Row[];
  /** Applications through the careers page: the consent given (the text shown, the retention period), what was typed, the cover note. */
  readonly careersApplications: readonly Row[];
}

/** How many rows of each kind an erasure removed: the only detail the audit log keeps. */
export interface ErasureCounts {
  candidates: number;
  applications: number;
  applicationEvents: number;
  interviews: number;
  interviewInterviewers: number;
  scorecards: number;
  scorecardRatings: number;
  scorecardHistory: number;
  decisions: number;
  careersApplications: number;
  files: number;
}

/** The audit log's actions the privacy page lists. */
export const PRIVACY_ACTIONS = ['candidate.export', 'candidate.erase'] as const;

/** The order counts are shown in: the candidate first, then what hangs on them. */
export const COUNT_ORDER: readonly (keyof ErasureCounts)[] = ['candidates', 'applications', 'applicationEvents', 'interviews', 'interviewInterviewers', 'scorecards', 'scorecardRatings', 'scorecardHistory', 'decisions', 'careersApplications', 'files'];

/** JSON columns are exported as JSON, not as strings holding JSON. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The path of a stored file inside the export archive. */
export function exportFileName(file: { id: number; original_name: string; mime_type: string }, clean: (name: string, fallback: string) => string): string {
  return `files/${file.id}-${clean(downloadName(file.original_name, kindOfMimeType(file.mime_type)), 'file')}`;
}

/**
 * The `candidate.json` of an export: every stored row about the candidate, grouped by what it is.
 * Storage keys (internal file names) are left out; each file says where it is in the archive.
 */
export function buildExportDocument(record: CandidateRecord, exportedAt: Date, clean: (name: string, fallback: string) => string): Record<string, unknown> {
  return {
    format: 'salesbench.candidate-export.v1',
    exportedAt: exportedAt.toISOString(),
    candidate: record.candidate,
    applications: record.applications,
    stageHistory: record.events,
    interviews: record.interviews.map((interview) => ({ ...interview, interviewerIds: record.interviewers.filter((i) => i.interview_id === interview.id).map((i) => i.user_id) })),
    scorecards: record.scorecards.map((scorecard) => ({
      ...scorecard,
      ratings: record.ratings.filter((r) => r.scorecard_id === scorecard.id),
      history: record.history.filter((h) => h.scorecard_id === scorecard.id).map((h) => ({ ...h, snapshot: parsed(h.snapshot) })),
    })),
    decisions: record.decisions.map((d) => ({ ...d, acknowledgements: parsed(d.acknowledgements), flags: parsed(d.flags) })),
    reopenedDecisions: record.reopenedDecisions.map((d) => ({ ...d, acknowledgements: parsed(d.acknowledgements), flags: parsed(d.flags) })),
    files: record.files.map(({ storage_key: _key, ...file }) => ({ ...file, path: exportFileName(file, clean) })),
    openings: record.openings,
    stages: record.stages,
    careersApplications: record.careersApplications,
  };
}

/** Erasing asks the admin to type the candidate's name, compared without case or extra spaces. */
export function confirmsName(typed: string, name: string): boolean {
  const normal = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  return typed.trim() !== '' && normal(typed) === normal(name);
}

/** A name safe as a ZIP entry: no folders, no control characters, at most 100 characters. */
export function safeEntryName(name: string, fallback: string): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || '/\\:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 100);
  return cleaned === '' ? fallback : cleaned;
}
