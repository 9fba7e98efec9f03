import { defaultPlan, isStageKind, kindOfSeedKey } from '../../src/openings/interview-plan';

describe('stage kinds', () => {
  it('when a plan is seeded, then its reference check is marked as one and every other stage is "other"', () => {
    const plan = defaultPlan('sdr_outbound', [], 1, (key) => key);
    expect(plan.map((s) => s.kind)).toEqual([null, null, null, null, 'reference_check']);
    expect(defaultPlan('unknown', [], 1, (key) => key).map((s) => s.kind)).toEqual([null, null, 'reference_check']);
  });

  it('when a value is read from a form, then only a known kind is one', () => {
    expect(isStageKind('reference_check')).toBe(true);
    expect(isStageKind('')).toBe(false);
    expect(isStageKind('other')).toBe(false);
    expect(isStageKind(undefined)).toBe(false);
    expect(kindOfSeedKey('stage.referenceCheck')).toBe('reference_check');
    expect(kindOfSeedKey('stage.recruiterScreen')).toBeNull();
    expect(kindOfSeedKey(null)).toBeNull();
  });
});
