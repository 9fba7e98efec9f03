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
