import { canSeeOthersScorecards, parseScorecard, type RatingInput } from '../../../src/interviews/scorecard';

const DIMENSIONS = { all: ['integrity', 'sales_dna', 'discovery'], focus: ['integrity', 'sales_dna'] };

function form(ratings: Record<string, Partial<RatingInput>>, extra: { keyTakeaways?: string; recommendation?: string } = {}) {
  return {
    ratings: Object.fromEntries(Object.entries(ratings).map(([key, r]) => [key, { choice: r.choice ?? '', evidence: r.evidence ?? '' }])),
    keyTakeaways: extra.keyTakeaways ?? '',
    recommendation: extra.recommendation ?? '',
  };
}

const COMPLETE = {
  integrity: { choice: '3', evidence: 'Owned a missed quarter.' },
  sales_dna: { choice: '4', evidence: 'Asked for the next step.' },
};

describe('parseScorecard', () => {
  it('when every focus dimension is rated with evidence and a recommendation is chosen, then it is submitted as typed, trimmed', () => {
    const result = parseScorecard(form(COMPLETE, { keyTakeaways: '  Strong closer.  ', recommendation: 'yes' }), DIMENSIONS, 'submit');
    expect(result).toEqual({
      ok: true,
      content: {
        ratings: [
          { key: 'integrity', rating: 3, evidence: 'Owned a missed quarter.' },
          { key: 'sales_dna', rating: 4, evidence: 'Asked for the next step.' },
        ],
        keyTakeaways: 'Strong closer.',
        recommendation: 'yes',
      },
    });
  });

  it('when a focus dimension is left untouched on submit, then it asks for a rating or "not assessed"', () => {
    const result = parseScorecard(form({ sales_dna: COMPLETE.sales_dna }, { recommendation: 'no' }), DIMENSIONS, 'submit');
    expect(result).toEqual({ ok: false, errors: { rating_integrity: 'scorecard.error.focusRequired' } });
  });

  it('when a focus dimension is left untouched in a draft, then the draft is saved without it', () => {
    const result = parseScorecard(form({ sales_dna: COMPLETE.sales_dna }), DIMENSIONS, 'draft');
    expect(result).toEqual({ ok: true, content: { ratings: [{ key: 'sales_dna', rating: 4, evidence: 'Asked for the next step.' }], keyTakeaways: '', recommendation: null } });
  });

  it('when an optional dimension is untouched, then nothing is asked of it and nothing is saved for it', () => {
    const result = parseScorecard(form(COMPLETE, { recommendation: 'strong_yes' }), DIMENSIONS, 'submit');
    expect(result.ok && result.content.ratings.map((r) => r.key)).toEqual(['integrity', 'sales_dna']);
  });

  it('when an unrated dimension has evidence typed, then the evidence is kept without a rating', () => {
    const result = parseScorecard(form({ ...COMPLETE, discovery: { evidence: '  Good questions.  ' } }, { recommendation: 'yes' }), DIMENSIONS, 'submit');
    expect(result.ok && result.content.ratings[2]).toEqual({ key: 'discovery', rating: null, evidence: 'Good questions.' });
  });

  it('when a focus dimension is marked "not assessed", then it is accepted on submit without evidence', () => {
    const result = parseScorecard(form({ ...COMPLETE, integrity: { choice: 'na' } }, { recommendation: 'yes' }), DIMENSIONS, 'submit');
    expect(result.ok && result.content.ratings[0]).toEqual({ key: 'integrity', rating: null, evidence: '' });
  });

  it('when a rating has no evidence on submit, then evidence is asked for; a draft keeps it', () => {
    const input = form({ ...COMPLETE, integrity: { choice: '2', evidence: '   ' } }, { recommendation: 'no' });
    expect(parseScorecard(input, DIMENSIONS, 'submit')).toEqual({ ok: false, errors: { evidence_integrity: 'scorecard.error.evidenceRequired' } });
    const draft = parseScorecard(input, DIMENSIONS, 'draft');
    expect(draft.ok && draft.content.ratings[0]).toEqual({ key: 'integrity', rating: 2, evidence: '' });
  });

  it.each(['0', '5', '12', ' 3', '3 ', 'x3', '3x', 'yes'])('when the rating is %p, then it is refused in a draft too', (choice) => {
    expect(parseScorecard(form({ integrity: { choice, evidence: 'e' } }), DIMENSIONS, 'draft')).toEqual({ ok: false, errors: { rating_integrity: 'validation.invalid' } });
  });

  it.each(['1', '2', '3', '4'])('when the rating is %p, then it is that number', (choice) => {
    const result = parseScorecard(form({ integrity: { choice, evidence: 'e' } }), DIMENSIONS, 'draft');
    expect(result.ok && result.content.ratings[0]!.rating).toBe(Number(choice));
  });

  it('when evidence is 2,000 characters, then it fits; at 2,001 it is too long', () => {
    const fits = parseScorecard(form({ integrity: { choice: '3', evidence: 'e'.repeat(2000) } }), DIMENSIONS, 'draft');
    expect(fits.ok).toBe(true);
    const tooLong = parseScorecard(form({ integrity: { choice: '3', evidence: 'e'.repeat(2001) } }), DIMENSIONS, 'draft');
    expect(tooLong).toEqual({ ok: false, errors: { evidence_integrity: 'validation.tooLong' } });
  });

  it('when key takeaways are 5,000 characters, then they fit; at 5,001 they are too long', () => {
    expect(parseScorecard(form({}, { keyTakeaways: 'k'.repeat(5000) }), DIMENSIONS, 'draft').ok).toBe(true);
    expect(parseScorecard(form({}, { keyTakeaways: 'k'.repeat(5001) }), DIMENSIONS, 'draft')).toEqual({ ok: false, errors: { key_takeaways: 'validation.tooLong' } });
  });

  it('when the recommendation is missing on submit, then it is required; in a draft it stays empty', () => {
    expect(parseScorecard(form(COMPLETE), DIMENSIONS, 'submit')).toEqual({ ok: false, errors: { recommendation: 'scorecard.error.recommendationRequired' } });
    const draft = parseScorecard(form(COMPLETE), DIMENSIONS, 'draft');
    expect(draft.ok && draft.content.recommendation).toBeNull();
  });

  it('when the recommendation is not one of the four, then it is refused even in a draft', () => {
    expect(parseScorecard(form({}, { recommendation: 'maybe' }), DIMENSIONS, 'draft')).toEqual({ ok: false, errors: { recommendation: 'validation.invalid' } });
  });

  it('when a dimension is not in the rubric, then what was sent for it is ignored', () => {
    const result = parseScorecard(form({ ...COMPLETE, charisma: { choice: '4', evidence: 'Big smile.' } }, { recommendation: 'yes' }), DIMENSIONS, 'submit');
    expect(result.ok && result.content.ratings.map((r) => r.key)).toEqual(['integrity', 'sales_dna']);
  });
});

describe('canSeeOthersScorecards', () => {
  it('when the rule is on and the viewer interviews the candidate with a scorecard still open, then the others stay hidden', () => {
    expect(canSeeOthersScorecards({ independentFeedback: true, viewerInterviewsApplication: true, viewerHasOpenScorecards: true })).toBe(false);
  });

  it('when the viewer has submitted every scorecard of their own, then the others show', () => {
    expect(canSeeOthersScorecards({ independentFeedback: true, viewerInterviewsApplication: true, viewerHasOpenScorecards: false })).toBe(true);
  });

  it('when the viewer is not on the panel, then the others show', () => {
    expect(canSeeOthersScorecards({ independentFeedback: true, viewerInterviewsApplication: false, viewerHasOpenScorecards: true })).toBe(true);
  });

  it('when an admin turned the rule off, then nothing is withheld', () => {
    expect(canSeeOthersScorecards({ independentFeedback: false, viewerInterviewsApplication: true, viewerHasOpenScorecards: true })).toBe(true);
  });
});
