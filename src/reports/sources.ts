import { CANDIDATE_SOURCES, type CandidateSource } from '../candidates/candidate';
import { ratio } from './statistics';

export interface SourcesInput {
  readonly candidates: readonly { source: string; candidates: number }[];
  /** Applications per source and opening by the position of the furthest stage reached (0 = first) and status. */
  readonly positions: readonly { source: string; openingId?: number; position: number; status: string; count: number }[];
  /** Per opening whose plan has a reference check: that stage's position (the first, if several). */
  readonly referenceChecks?: readonly { openingId: number; position: number }[];
  readonly scores: readonly { source: string; mean: number | null; count: number }[];
  readonly reviews: readonly { source: string; mean: number | null; count: number }[];
  /** Stage names seen at each position across the openings in scope. */
  readonly stageNames: readonly { position: number; name: string; count: number }[];
}

export interface SourceRow {
  readonly source: CandidateSource;
  readonly candidates: number;
  readonly applications: number;
  /** Share of applications that reached each stage position after the first. */
  readonly reached: readonly (number | null)[];
  /**
   * Of the applications to openings whose plan has a reference check (matched by the stage's kind,
   * wherever it stands in the plan), how many reached it, and the share.
   */
  readonly referenceCheckApplications: number;
  readonly reachedReferenceCheck: number;
  readonly referenceCheckShare: number | null;
  readonly hires: number;
  readonly hireRate: number | null;
  readonly meanScore: number | null;
  readonly scored: number;
  readonly meanReview: number | null;
  readonly reviewed: number;
}

export interface SourcesReport {
  /** Labels for stage positions 1…n: the stage's name where every opening agrees, else null (say "stage n"). */
  readonly stages: readonly { position: number; name: string | null }[];
  readonly rows: readonly SourceRow[];
  readonly applications: number;
}

/** One row per source (all five, so a source that brings nobody shows as such). */
export function buildSources(input: SourcesInput): SourcesReport {
  const maxPosition = Math.max(0, ...input.positions.map((p) => p.position), ...input.stageNames.map((s) => s.position));
  const stages = Array.from({ length: maxPosition }, (_, i) => {
    const position = i + 1;
    const names = input.stageNames.filter((s) => s.position === position);
    return { position, name: names.length === 1 ? names[0]!.name : null };
  });
  const rows = CANDIDATE_SOURCES.map((source) => {
    const positions = input.positions.filter((p) => p.source === source);
    const applications = positions.reduce((s, p) => s + p.count, 0);
    const hires = positions.filter((p) => p.status === 'hired').reduce((s, p) => s + p.count, 0);
    const score = input.scores.find((s) => s.source === source);
    const review = input.reviews.find((s) => s.source === source);
    const checkAt = new Map<number | undefined, number>((input.referenceChecks ?? []).map((c) => [c.openingId, c.position]));
    const withCheck = positions.filter((p) => checkAt.has(p.openingId));
    const referenceCheckApplications = withCheck.reduce((s, p) => s + p.count, 0);
    const reachedReferenceCheck = withCheck.filter((p) => p.position >= checkAt.get(p.openingId!)!).reduce((s, p) => s + p.count, 0);
    return {
      source,
      candidates: input.candidates.find((c) => c.source === source)?.candidates ?? 0,
      applications,
      reached: stages.map((stage) => ratio(positions.filter((p) => p.position >= stage.position).reduce((s, p) => s + p.count, 0), applications)),
      referenceCheckApplications,
      reachedReferenceCheck,
      referenceCheckShare: ratio(reachedReferenceCheck, referenceCheckApplications),
      hires,
      hireRate: ratio(hires, applications),
      meanScore: score && score.count > 0 ? score.mean : null,
      scored: score?.count ?? 0,
      meanReview: review && review.count > 0 ? review.mean : null,
      reviewed: review?.count ?? 0,
    };
  });
  return { stages, rows, applications: rows.reduce((s, r) => s + r.applications, 0) };
}
