import type { MessageKey } from '../i18n/i18n';
import { type Flag, FLAGS_NEEDING_ACKNOWLEDGEMENT } from './scoring';

export const DECISIONS = ['hire', 'no_hire'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecisionInput {
  readonly decision: string;
  readonly rationale: string;
  /** Flag → the reason to hire anyway, as typed. */
  readonly acknowledgements: Readonly<Record<string, string>>;
}

/**
 * A decision needs a rationale. Hiring a candidate with a serious flag (below bar, top-closer
 * trap, low confidence) needs, for each such flag, a written reason to hire anyway.
 */
export function validateDecision(input: DecisionInput, flags: readonly Flag[]): { ok: true; decision: Decision; rationale: string; acknowledgements: Record<string, string> } | { ok: false; errors: Record<string, MessageKey> } {
  const errors: Record<string, MessageKey> = {};
  if (!(DECISIONS as readonly string[]).includes(input.decision)) errors.decision = 'decision.error.choose';
  const rationale = input.rationale.trim();
  if (rationale === '') errors.rationale = 'decision.error.rationale';
  else if (rationale.length > 4000) errors.rationale = 'validation.tooLong';
  const acknowledgements: Record<string, string> = {};
  if (input.decision === 'hire') {
    for (const flag of FLAGS_NEEDING_ACKNOWLEDGEMENT.filter((f) => flags.includes(f))) {
      const reason = (input.acknowledgements[flag] ?? '').trim();
      if (reason === '') errors[`ack_${flag}`] = 'decision.error.acknowledge';
      else if (reason.length > 2000) errors[`ack_${flag}`] = 'validation.tooLong';
      else acknowledgements[flag] = reason;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, decision: input.decision as Decision, rationale, acknowledgements };
}

/** The longest reason a reopening may carry. */
export const REOPEN_REASON_MAX = 2000;

/** Reopening a decision needs a written reason: the history and the people who acted on the decision read it. */
export function validateReopening(input: { readonly reason: string }): { ok: true; reason: string } | { ok: false; errors: Record<string, MessageKey> } {
  const reason = input.reason.trim();
  if (reason === '') return { ok: false, errors: { reason: 'decision.error.reopenReason' } };
  if (reason.length > REOPEN_REASON_MAX) return { ok: false, errors: { reason: 'validation.tooLong' } };
  return { ok: true, reason };
}

/** A decision as the history shows it: who decided what, when and why, and for an earlier one, who reopened it, when and why. */
export interface DecisionHistoryEntry {
  readonly decision: string;
  readonly rationale: string;
  readonly acknowledgements: Readonly<Record<string, string>>;
  readonly decidedByName: string | null;
  readonly decidedAt: string;
  readonly reopened: { readonly byName: string | null; readonly at: string; readonly reason: string } | null;
}

/** Every decision of an application, newest first: the standing one (if any) above those that were reopened. */
export function decisionHistory(current: DecisionHistoryEntry | undefined, reopened: readonly DecisionHistoryEntry[]): DecisionHistoryEntry[] {
  const earlier = [...reopened].sort((a, b) => (b.reopened?.at ?? '').localeCompare(a.reopened?.at ?? '') || b.decidedAt.localeCompare(a.decidedAt));
  return current ? [current, ...earlier] : earlier;
}
