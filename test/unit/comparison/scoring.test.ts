import { aggregateScorecards, agreementOf, scoreAggregates, scoreApplication, type SubmittedScorecard } from '../../../src/comparison/scoring';
import type { Dimension } from '../../../src/rubrics/rubric';

function dim(key: string, weight: number, extra: Partial<Dimension> = {}): Dimension {
  return { key, group: 'core', name: key, description: '', weight, knockout: false, threshold: null, trait: null, anchors: ['a', 'b', 'c', 'd'], questions: [], ...extra };
}

const DIMS = [
  dim('integrity', 3, { knockout: true, threshold: 2.5 }),
  dim('culture_mission', 3, { knockout: true, threshold: 2.5 }),
  dim('sales_dna', 3),
  dim('process_focus', 2),
  dim('track_record', 0.5),
];

function card(name: string, ratings: Record<string, number | null>, recommendation: SubmittedScorecard['recommendation'] = 'yes'): SubmittedScorecard {
  return { interviewerId: name.length, interviewerName: name, stageName: 'Stage', recommendation, ratings: Object.entries(ratings).map(([key, rating]) => ({ key, rating, evidence: `${name} on ${key}` })) };
}

const score = (scorecards: SubmittedScorecard[], extra: { dimensions?: Dimension[]; plan?: string[]; missing?: number } = {}) =>
  scoreApplication({ dimensions: extra.dimensions ?? DIMS, scorecards, planDimensions: extra.plan ?? [], missingScorecards: extra.missing ?? 0 });

describe('scoreApplication', () => {
  it('when there are no scorecards, then nothing is scored and confidence is low', () => {
    const s = score([]);
    expect(s.weightedScore).toBeNull();
    expect(s.rawMean).toBeNull();
    expect(s.flags).toEqual(['low_confidence']);
    expect([...s.dimensions.values()].every((d) => d.mean === null && d.count === 0)).toBe(true);
  });

  it('when every rating is "not assessed", then no mean exists and the plan dimensions are missing', () => {
    const s = score([card('A', { integrity: null, sales_dna: null }), card('B', { integrity: null })], { plan: ['integrity', 'sales_dna'] });
    expect(s.weightedScore).toBeNull();
    expect(s.dimensions.get('integrity')).toMatchObject({ mean: null, count: 0, spread: null });
    expect(s.unratedPlanDimensions).toEqual(['integrity', 'sales_dna']);
    expect(s.flags).toEqual(['low_confidence', 'missing']);
  });

  it('when all dimensions are 4 from two interviewers, then the weighted score is 100 and nothing is flagged', () => {
    const all4 = { integrity: 4, culture_mission: 4, sales_dna: 4, process_focus: 4, track_record: 4 };
    const s = score([card('A', all4, 'strong_yes'), card('B', all4, 'strong_yes')]);
    expect(s.weightedScore).toBe(100);
    expect(s.rawMean).toBe(4);
    expect(s.flags).toEqual([]);
    expect(s.recommendations).toEqual({ strong_no: 0, no: 0, yes: 0, strong_yes: 2 });
  });

  it('when ratings are known, then the weighted score uses the rubric weights over assessed dimensions only', () => {
    // integrity 3 (w3) → 2/3; sales_dna 2 (w3) → 1/3; process_focus not assessed; weights 6 → (3·2/3 + 3·1/3)/6 = 0.5
    const s = score([card('A', { integrity: 3, culture_mission: null, sales_dna: 2 }), card('B', { integrity: 3, sales_dna: 2 })]);
    expect(s.weightedScore).toBe(50);
    expect(s.rawMean).toBe(2.5);
  });

  it('when the only assessed dimensions weigh 0, then there is no weighted score but raw means remain', () => {
    const s = score([card('A', { track_record: 4 }), card('B', { track_record: 3 })], { dimensions: [dim('track_record', 0), dim('sales_dna', 3)] });
    expect(s.weightedScore).toBeNull();
    expect(s.rawMean).toBe(3.5);
  });

  it('when integrity averages below its threshold, then the candidate is below bar whatever the total', () => {
    const strong = { culture_mission: 4, sales_dna: 4, process_focus: 4, track_record: 4 };
    const s = score([card('A', { ...strong, integrity: 2 }), card('B', { ...strong, integrity: 2 })]);
    expect(s.weightedScore).toBeGreaterThan(80);
    expect(s.knockouts).toEqual(['integrity']);
    expect(s.flags).toContain('below_bar');
  });

  it('when integrity averages exactly the threshold, then it is not below bar', () => {
    const s = score([card('A', { integrity: 2 }), card('B', { integrity: 3 })]);
    expect(s.knockouts).toEqual([]);
  });

  it('when two interviewers are 2 apart on a dimension, then it is a disagreement to discuss', () => {
    const s = score([card('A', { integrity: 4, sales_dna: 1 }), card('B', { integrity: 3, sales_dna: 3 })]);
    expect(s.disagreements).toEqual(['sales_dna']);
    expect(s.flags).toContain('disagreement');
    expect(agreementOf(s.dimensions.get('sales_dna'))).toBe('mixed');
    expect(agreementOf(s.dimensions.get('integrity'))).toBe('agree');
    expect(agreementOf(s.dimensions.get('process_focus'))).toBe('missing');
  });

  it('when only one interviewer scored, then confidence is low', () => {
    const s = score([card('A', { integrity: 3, culture_mission: 3, sales_dna: 3, process_focus: 3 })]);
    expect(s.flags).toEqual(['low_confidence']);
  });

  it('when fewer than 60 % of dimensions are rated, then confidence is low even with many scorecards', () => {
    const s = score([card('A', { integrity: 3, sales_dna: 3 }), card('B', { integrity: 3 }), card('C', { sales_dna: 3 })]);
    expect(s.ratedShare).toBeCloseTo(0.4);
    expect(s.flags).toContain('low_confidence');
  });

  it('when an interview was held without a scorecard, then it is missing', () => {
    const s = score([card('A', { integrity: 3, culture_mission: 3, sales_dna: 3 }), card('B', { integrity: 3, culture_mission: 3, sales_dna: 3 })], { missing: 1 });
    expect(s.missingScorecards).toBe(1);
    expect(s.flags).toEqual(['missing']);
  });

  it('when a VP candidate sells strongly but manages weakly, then the top-closer trap is flagged', () => {
    const vp = [dim('people_management', 3, { trait: 'management' }), dim('pipeline_forecasting', 2.5, { trait: 'management' }), dim('individual_selling_record', 0.5, { trait: 'individual_selling' })];
    const s = score([card('A', { people_management: 2, pipeline_forecasting: 2, individual_selling_record: 4 }), card('B', { people_management: 2, pipeline_forecasting: 3, individual_selling_record: 4 })], { dimensions: vp });
    expect(s.topCloserTrap).toBe(true);
    expect(s.flags).toContain('top_closer_trap');
  });
});

describe('aggregateScorecards', () => {
  it('when scorecards are aggregated, then scoring the aggregates gives the same result as scoring the scorecards', () => {
    const cards = [card('A', { integrity: 4, sales_dna: 1, process_focus: null }, 'strong_yes'), card('B', { integrity: 2, sales_dna: 3 }, 'no'), card('C', { culture_mission: 3 }, null)];
    const direct = score(cards, { plan: ['process_focus'], missing: 1 });
    const viaAggregates = scoreAggregates({ dimensions: DIMS, aggregates: aggregateScorecards(cards), planDimensions: ['process_focus'], missingScorecards: 1 });
    expect({ ...viaAggregates, dimensions: [...viaAggregates.dimensions.values()].map((d) => ({ ...d, ratings: [] })) }).toEqual({ ...direct, dimensions: [...direct.dimensions.values()].map((d) => ({ ...d, ratings: [] })) });
    expect(aggregateScorecards(cards).dimensions.get('integrity')).toEqual({ count: 2, sum: 6, min: 2, max: 4 });
  });
});

describe('who said what, and the edges of each flag', () => {
  it('when scorecards are scored, then each dimension lists who rated it, at which stage, with their recommendation, rating and evidence', () => {
    const s = score([card('Ann', { integrity: 3, sales_dna: null }), { ...card('Bob', { integrity: 2 }), stageName: 'Role play', recommendation: 'no' }]);
    expect(s.dimensions.get('integrity')!.ratings).toEqual([
      { interviewerName: 'Ann', stageName: 'Stage', recommendation: 'yes', rating: 3, evidence: 'Ann on integrity' },
      { interviewerName: 'Bob', stageName: 'Role play', recommendation: 'no', rating: 2, evidence: 'Bob on integrity' },
    ]);
    expect(s.dimensions.get('sales_dna')!.ratings).toEqual([{ interviewerName: 'Ann', stageName: 'Stage', recommendation: 'yes', rating: null, evidence: 'Ann on sales_dna' }]);
    expect(s.dimensions.get('process_focus')!.ratings).toEqual([]);
  });

  it('when three interviewers rate 3, 3 and 4, then the mean is 3.33 and the spread 1', () => {
    const s = score([card('A', { sales_dna: 3 }), card('B', { sales_dna: 3 }), card('C', { sales_dna: 4 })]);
    expect(s.dimensions.get('sales_dna')).toMatchObject({ key: 'sales_dna', mean: 3.33, count: 3, spread: 1 });
    expect(s.rawMean).toBe(3.33);
    expect(s.weightedScore).toBe(78);
  });

  it('when dimension means differ, then the raw mean is their unweighted mean and the weighted score follows the weights', () => {
    // integrity 4 (w3) → 1, track_record 1 (w0.5) → 0: (3 · 1 + 0.5 · 0) / 3.5 = 85.7 %
    const s = score([card('A', { integrity: 4, track_record: 1 }), card('B', { integrity: 4, track_record: 1 })]);
    expect(s.weightedScore).toBe(86);
    expect(s.rawMean).toBe(2.5);
  });

  it('when a rubric carries a negative weight, then that dimension counts in the raw mean only', () => {
    const s = score([card('A', { integrity: 4, sales_dna: 1 }), card('B', { integrity: 4, sales_dna: 1 })], { dimensions: [dim('integrity', 1), dim('sales_dna', -1)] });
    expect(s.weightedScore).toBe(100);
    expect(s.rawMean).toBe(2.5);
  });

  it('when a knockout has no threshold, then it never marks the candidate below bar', () => {
    const s = score([card('A', { integrity: 1 }), card('B', { integrity: 1 })], { dimensions: [dim('integrity', 3, { knockout: true, threshold: null })] });
    expect(s.knockouts).toEqual([]);
    expect(s.flags).not.toContain('below_bar');
  });

  it('when a dimension that is not a knockout averages low, then it does not mark the candidate below bar', () => {
    const s = score([card('A', { sales_dna: 1 }), card('B', { sales_dna: 1 })], { dimensions: [dim('sales_dna', 3, { threshold: 2.5 })] });
    expect(s.knockouts).toEqual([]);
  });

  it('when a knockout was not rated, then it is not below bar', () => {
    const s = score([card('A', { sales_dna: 3 }), card('B', { sales_dna: 3 })]);
    expect(s.knockouts).toEqual([]);
    expect(s.flags).not.toContain('below_bar');
  });

  it('when integrity averages just under its threshold, then it is below bar', () => {
    const s = score([card('A', { integrity: 2 }), card('B', { integrity: 3 })], { dimensions: [dim('integrity', 3, { knockout: true, threshold: 2.6 })] });
    expect(s.knockouts).toEqual(['integrity']);
    expect(s.flags).toContain('below_bar');
  });

  it('when two interviewers are only 1 apart, then it is no disagreement', () => {
    const s = score([card('A', { integrity: 4, culture_mission: 3, sales_dna: 3 }), card('B', { integrity: 3, culture_mission: 3, sales_dna: 3 })]);
    expect(s.disagreements).toEqual([]);
    expect(s.flags).toEqual([]);
  });

  it('when two scorecards cover exactly 60 % of the dimensions, then confidence is not low', () => {
    const s = score([card('A', { integrity: 3, culture_mission: 3, sales_dna: 3 }), card('B', { integrity: 3 })]);
    expect(s.ratedShare).toBe(0.6);
    expect(s.scorecardCount).toBe(2);
    expect(s.flags).not.toContain('low_confidence');
  });

  it('when the rubric has no dimensions, then nothing is rated and confidence is low', () => {
    const s = score([card('A', {}), card('B', {})], { dimensions: [] });
    expect(s.ratedShare).toBe(0);
    expect(s.flags).toEqual(['low_confidence']);
  });

  it('when the plan names a dimension twice, then it is listed as unrated once', () => {
    const s = score([card('A', { integrity: 3, culture_mission: 3, sales_dna: 3 }), card('B', { integrity: 3 })], { plan: ['process_focus', 'integrity', 'process_focus'] });
    expect(s.unratedPlanDimensions).toEqual(['process_focus']);
    expect(s.flags).toEqual(['missing']);
  });

  it('when the plan names a dimension the rubric no longer has, then it is not reported missing', () => {
    const s = score([card('A', { integrity: 3, culture_mission: 3, sales_dna: 3 }), card('B', { integrity: 3 })], { plan: ['charisma', 'integrity'] });
    expect(s.unratedPlanDimensions).toEqual([]);
    expect(s.flags).toEqual([]);
  });

  it('when a plan dimension was marked "not assessed" by everyone, then it is missing', () => {
    const s = score([card('A', { integrity: 3, culture_mission: 3, sales_dna: 3, process_focus: null }), card('B', { integrity: 3 })], { plan: ['process_focus'] });
    expect(s.unratedPlanDimensions).toEqual(['process_focus']);
  });

  it('when every flag applies, then they come in the order below bar, trap, low confidence, disagreement, missing', () => {
    const vp = [dim('integrity', 3, { knockout: true, threshold: 2.5 }), dim('people_management', 3, { trait: 'management' }), dim('individual_selling_record', 1, { trait: 'individual_selling' }), dim('a', 1), dim('b', 1), dim('c', 1)];
    const s = score([card('A', { integrity: 1, people_management: 1, individual_selling_record: 4 }), card('B', { integrity: 3, people_management: 2, individual_selling_record: 4 })], { dimensions: vp, missing: 2 });
    expect(s.flags).toEqual(['below_bar', 'top_closer_trap', 'low_confidence', 'disagreement', 'missing']);
    expect(s.missingScorecards).toBe(2);
  });

  it('when a VP candidate sells strongly and manages well, then there is no trap', () => {
    const vp = [dim('people_management', 3, { trait: 'management' }), dim('individual_selling_record', 1, { trait: 'individual_selling' })];
    const s = score([card('A', { people_management: 3, individual_selling_record: 4 }), card('B', { people_management: 3, individual_selling_record: 4 })], { dimensions: vp });
    expect(s.topCloserTrap).toBe(false);
    expect(s.flags).toEqual([]);
  });

  it('when the management dimension was not rated, then the trap is not flagged', () => {
    const vp = [dim('people_management', 3, { trait: 'management' }), dim('individual_selling_record', 1, { trait: 'individual_selling' })];
    const s = score([card('A', { individual_selling_record: 4 }), card('B', { individual_selling_record: 4 })], { dimensions: vp });
    expect(s.topCloserTrap).toBe(false);
  });

  it('when there is no score for a dimension, then its agreement is missing', () => {
    expect(agreementOf(undefined)).toBe('missing');
    expect(agreementOf({ key: 'x', mean: 3, count: 2, spread: 1, ratings: [] })).toBe('agree');
    expect(agreementOf({ key: 'x', mean: 3, count: 2, spread: 2, ratings: [] })).toBe('mixed');
  });
});

describe('aggregating scorecards', () => {
  it('when scorecards carry recommendations, then each is counted and a card without one is not', () => {
    const a = aggregateScorecards([card('A', {}, 'strong_no'), card('B', {}, 'no'), card('C', {}, 'no'), card('D', {}, null)]);
    expect(a.recommendations).toEqual({ strong_no: 1, no: 2, yes: 0, strong_yes: 0 });
    expect(a.scorecardCount).toBe(4);
  });

  it('when ratings are aggregated, then "not assessed" is left out and the lowest and highest are kept', () => {
    const a = aggregateScorecards([card('A', { sales_dna: 3 }), card('B', { sales_dna: null }), card('C', { sales_dna: 1 }), card('D', { sales_dna: 4 }), card('E', { integrity: null })]);
    expect(a.dimensions.get('sales_dna')).toEqual({ count: 3, sum: 8, min: 1, max: 4 });
    expect(a.dimensions.has('integrity')).toBe(false);
  });

  it('when aggregates are scored without the ratings list, then each dimension has an empty list', () => {
    const s = scoreAggregates({ dimensions: DIMS, aggregates: aggregateScorecards([card('A', { integrity: 3 })]), planDimensions: [], missingScorecards: 0 });
    expect(s.dimensions.get('integrity')).toEqual({ key: 'integrity', mean: 3, count: 1, spread: 0, ratings: [] });
  });

  it('when an aggregate says nobody rated, then the dimension has no mean and no spread', () => {
    const s = scoreAggregates({ dimensions: DIMS, aggregates: { dimensions: new Map([['integrity', { count: 0, sum: 0, min: 0, max: 0 }]]), scorecardCount: 2, recommendations: aggregateScorecards([]).recommendations }, planDimensions: [], missingScorecards: 0 });
    expect(s.dimensions.get('integrity')).toMatchObject({ mean: null, count: 0, spread: null });
  });
});
