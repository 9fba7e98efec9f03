import { medianOfCounts, ratio } from './statistics';

/** A mean this far above (below) the rest of the panel on the same applications reads as lenient (harsh). */
export const LEAN_THRESHOLD = 0.3;
/** Fewer shared ratings than this and no lean is shown. */
export const MIN_SHARED_RATINGS = 5;

export type Lean = 'lenient' | 'harsh' | 'in_line' | 'too_few';

export interface CalibrationInput {
  readonly interviewers: readonly { interviewerId: number; name: string; scorecards: number; focusExpected: number }[];
  readonly ratings: readonly { interviewerId: number; rating: number | null; count: number }[];
  readonly delays: readonly { interviewerId: number; hours: number; count: number }[];
  readonly panel: readonly { interviewerId: number; pairs: number; own: number; others: number }[];
  readonly focusRated: readonly { interviewerId: number; count: number }[];
  readonly outcomes: readonly { interviewerId: number; recommendation: string; decision: string; count: number }[];
}

export interface CalibrationRow {
  readonly interviewerId: number;
  readonly name: string;
  readonly scorecards: number;
  readonly medianHours: number | null;
  /** Share of dimension ratings left "not assessed". */
  readonly notAssessedShare: number | null;
  readonly mean: number | null;
  /** How many 1s, 2s, 3s and 4s. */
  readonly distribution: readonly [number, number, number, number];
  /** Own mean and the rest of the panel's mean on the same applications and dimensions. */
  readonly sharedRatings: number;
  readonly ownShared: number | null;
  readonly panelShared: number | null;
  readonly difference: number | null;
  readonly lean: Lean;
  /** Share of the stages' focus dimensions they rated. */
  readonly focusShare: number | null;
  /** Recommendations that matched the final decision (yes → hire, no → no hire). */
  readonly decided: number;
  readonly agreed: number;
  readonly agreement: number | null;
}

function leanOf(panel: { pairs: number; own: number; others: number } | undefined): Lean {
  if (!panel || panel.pairs < MIN_SHARED_RATINGS) return 'too_few';
  const difference = panel.own - panel.others;
  // Means of 1–4 ratings are multiples of 2⁻⁵², and so are their differences; 0.3 is not: no difference is exactly on the threshold.
  // Stryker disable next-line EqualityOperator: see above
  if (difference >= LEAN_THRESHOLD) return 'lenient';
  // Stryker disable next-line EqualityOperator: see above
  if (difference <= -LEAN_THRESHOLD) return 'harsh';
  return 'in_line';
}

/** One row per interviewer with submitted scorecards, most scorecards first. */
export function buildCalibration(input: CalibrationInput): CalibrationRow[] {
  return input.interviewers
    .map((person) => {
      const id = person.interviewerId;
      const ratings = input.ratings.filter((r) => r.interviewerId === id);
      const distribution = [1, 2, 3, 4].map((v) => ratings.filter((r) => r.rating === v).reduce((s, r) => s + r.count, 0)) as [number, number, number, number];
      const rated = distribution.reduce((s, c) => s + c, 0);
      const notAssessed = ratings.filter((r) => r.rating === null).reduce((s, r) => s + r.count, 0);
      const panel = input.panel.find((p) => p.interviewerId === id);
      const difference = panel ? panel.own - panel.others : null;
      const outcomes = input.outcomes.filter((o) => o.interviewerId === id);
      const decided = outcomes.reduce((s, o) => s + o.count, 0);
      const agreed = outcomes.filter((o) => (o.decision === 'hire') === (o.recommendation === 'yes' || o.recommendation === 'strong_yes')).reduce((s, o) => s + o.count, 0);
      return {
        interviewerId: id,
        name: person.name,
        scorecards: person.scorecards,
        medianHours: medianOfCounts(input.delays.filter((d) => d.interviewerId === id).map((d) => ({ value: d.hours, count: d.count }))),
        notAssessedShare: ratio(notAssessed, rated + notAssessed),
        mean: rated > 0 ? distribution.reduce((s, c, i) => s + c * (i + 1), 0) / rated : null,
        distribution,
        sharedRatings: panel?.pairs ?? 0,
        ownShared: panel?.own ?? null,
        panelShared: panel?.others ?? null,
        difference,
        lean: leanOf(panel),
        focusShare: person.focusExpected > 0 ? Math.min(1, (input.focusRated.find((f) => f.interviewerId === id)?.count ?? 0) / person.focusExpected) : null,
        decided,
        agreed,
        agreement: ratio(agreed, decided),
      };
    })
    .sort((a, b) => b.scorecards - a.scorecards || a.name.localeCompare(b.name));
}
