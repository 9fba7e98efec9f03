import { decisionHistory, REOPEN_REASON_MAX, validateDecision, validateReopening } from '../../../src/comparison/decision';
import { FLAGS_NEEDING_ACKNOWLEDGEMENT } from '../../../src/comparison/scoring';

const decide = (input: { decision?: string; rationale?: string; acknowledgements?: Record<string, string> }, flags: Parameters<typeof validateDecision>[1] = []) =>
  validateDecision({ decision: input.decision ?? 'hire', rationale: input.rationale ?? 'Clear yes from the panel.', acknowledgements: input.acknowledgements ?? {} }, flags);

describe('validateDecision', () => {
  it('when a hire has a rationale and no flag, then it is recorded with the rationale trimmed', () => {
    expect(decide({ rationale: '  Strong on every dimension.  ' })).toEqual({ ok: true, decision: 'hire', rationale: 'Strong on every dimension.', acknowledgements: {} });
  });

  it('when no decision is chosen, or an unknown one, then it is asked for', () => {
    expect(decide({ decision: '' })).toEqual({ ok: false, errors: { decision: 'decision.error.choose' } });
    expect(decide({ decision: 'maybe' })).toEqual({ ok: false, errors: { decision: 'decision.error.choose' } });
  });

  it('when the rationale is blank, then it is asked for', () => {
    expect(decide({ rationale: '   ' })).toEqual({ ok: false, errors: { rationale: 'decision.error.rationale' } });
  });

  it('when the rationale is 4,000 characters, then it fits; at 4,001 it is too long', () => {
    expect(decide({ rationale: 'r'.repeat(4000) }).ok).toBe(true);
    expect(decide({ rationale: 'r'.repeat(4001) })).toEqual({ ok: false, errors: { rationale: 'validation.tooLong' } });
  });

  it('when a hire is made over below-bar, top-closer-trap and low-confidence flags, then each needs a written reason', () => {
    expect(FLAGS_NEEDING_ACKNOWLEDGEMENT).toEqual(['below_bar', 'top_closer_trap', 'low_confidence']);
    expect(decide({}, ['below_bar', 'top_closer_trap', 'low_confidence'])).toEqual({
      ok: false,
      errors: { ack_below_bar: 'decision.error.acknowledge', ack_top_closer_trap: 'decision.error.acknowledge', ack_low_confidence: 'decision.error.acknowledge' },
    });
  });

  it('when each serious flag has its reason, then the hire is recorded with the reasons trimmed', () => {
    const result = decide({ acknowledgements: { below_bar: '  Reference checks cleared it. ', low_confidence: 'Founder interviewed twice.' } }, ['below_bar', 'low_confidence', 'disagreement']);
    expect(result).toEqual({ ok: true, decision: 'hire', rationale: 'Clear yes from the panel.', acknowledgements: { below_bar: 'Reference checks cleared it.', low_confidence: 'Founder interviewed twice.' } });
  });

  it('when the reason is blank, then it is still asked for', () => {
    expect(decide({ acknowledgements: { top_closer_trap: '   ' } }, ['top_closer_trap'])).toEqual({ ok: false, errors: { ack_top_closer_trap: 'decision.error.acknowledge' } });
  });

  it('when a reason is 2,000 characters, then it fits; at 2,001 it is too long', () => {
    expect(decide({ acknowledgements: { below_bar: 'a'.repeat(2000) } }, ['below_bar']).ok).toBe(true);
    expect(decide({ acknowledgements: { below_bar: 'a'.repeat(2001) } }, ['below_bar'])).toEqual({ ok: false, errors: { ack_below_bar: 'validation.tooLong' } });
  });

  it('when the only flags are disagreement or missing feedback, then no reason is needed to hire', () => {
    expect(decide({}, ['disagreement', 'missing'])).toEqual({ ok: true, decision: 'hire', rationale: 'Clear yes from the panel.', acknowledgements: {} });
  });

  it('when the decision is not to hire, then no flag needs a reason and none is kept', () => {
    expect(decide({ decision: 'no_hire', acknowledgements: { below_bar: 'typed anyway' } }, ['below_bar', 'top_closer_trap'])).toEqual({ ok: true, decision: 'no_hire', rationale: 'Clear yes from the panel.', acknowledgements: {} });
  });

  it('when a reason is typed for a flag the candidate does not carry, then it is not kept', () => {
    expect(decide({ acknowledgements: { below_bar: 'just in case' } }, [])).toEqual({ ok: true, decision: 'hire', rationale: 'Clear yes from the panel.', acknowledgements: {} });
  });
});

describe('validateReopening', () => {
  it('when a reason is written, then it is kept trimmed', () => {
    expect(validateReopening({ reason: '  New reference check came back.  ' })).toEqual({ ok: true, reason: 'New reference check came back.' });
  });

  it('when the reason is empty or blank, then it is asked for', () => {
    expect(validateReopening({ reason: '' })).toEqual({ ok: false, errors: { reason: 'decision.error.reopenReason' } });
    expect(validateReopening({ reason: ' \n ' })).toEqual({ ok: false, errors: { reason: 'decision.error.reopenReason' } });
  });

  it('when the reason is 2,000 characters, then it fits; at 2,001 it is too long', () => {
    expect(REOPEN_REASON_MAX).toBe(2000);
    expect(validateReopening({ reason: 'r'.repeat(2000) })).toEqual({ ok: true, reason: 'r'.repeat(2000) });
    expect(validateReopening({ reason: `${'r'.repeat(2000)} ` }).ok).toBe(true);
    expect(validateReopening({ reason: 'r'.repeat(2001) })).toEqual({ ok: false, errors: { reason: 'validation.tooLong' } });
  });
});

describe('decisionHistory', () => {
  const entry = (decision: string, decidedAt: string, reopenedAt?: string) => ({
    decision,
    rationale: `${decision} at ${decidedAt}`,
    acknowledgements: {},
    decidedByName: 'Maria',
    decidedAt,
    reopened: reopenedAt ? { byName: 'Ada', at: reopenedAt, reason: 'why' } : null,
  });

  it('when there is a standing decision, then it comes first, then the reopened ones, the latest reopened first', () => {
    const current = entry('no_hire', '2026-03-01T00:00:00.000Z');
    const first = entry('hire', '2026-01-01T00:00:00.000Z', '2026-01-10T00:00:00.000Z');
    const second = entry('no_hire', '2026-02-01T00:00:00.000Z', '2026-02-10T00:00:00.000Z');
    expect(decisionHistory(current, [first, second])).toEqual([current, second, first]);
  });

  it('when nothing stands (reopened, awaiting a decision), then only the reopened ones are listed', () => {
    const first = entry('hire', '2026-01-01T00:00:00.000Z', '2026-01-10T00:00:00.000Z');
    expect(decisionHistory(undefined, [first])).toEqual([first]);
    expect(decisionHistory(undefined, [])).toEqual([]);
  });

  it('when two were reopened at the same moment, then the later decision comes first; equal in both, the given order stays', () => {
    const early = entry('hire', '2026-01-01T00:00:00.000Z', '2026-02-10T00:00:00.000Z');
    const late = entry('no_hire', '2026-01-05T00:00:00.000Z', '2026-02-10T00:00:00.000Z');
    expect(decisionHistory(undefined, [early, late])).toEqual([late, early]);
    const twin = { ...early, rationale: 'twin' };
    expect(decisionHistory(undefined, [early, twin])).toEqual([early, twin]);
    expect(decisionHistory(undefined, [twin, early])).toEqual([twin, early]);
  });

  it('when an entry has no reopening (never in the reopened list), then it sorts as the oldest', () => {
    const reopened = entry('hire', '2026-01-01T00:00:00.000Z', '2026-01-10T00:00:00.000Z');
    const stray = entry('no_hire', '2026-05-01T00:00:00.000Z');
    expect(decisionHistory(undefined, [stray, reopened])).toEqual([reopened, stray]);
    expect(decisionHistory(undefined, [reopened, stray])).toEqual([reopened, stray]);
  });
});
