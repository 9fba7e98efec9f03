import { type Dimension, type DimensionDraft, dimensionToDraft, diffDimensions, parseDimensions, topCloserTrap, weightShares } from '../../../src/rubrics/rubric';

function dim(key: string, overrides: Partial<Dimension> = {}): Dimension {
  return {
    key,
    group: ['integrity', 'culture_mission', 'sales_dna', 'process_focus'].includes(key) ? 'core' : 'role',
    name: key.replace('_', ' '),
    description: `${key} description`,
    weight: 2,
    knockout: false,
    threshold: null,
    trait: null,
    anchors: ['one', 'two', 'three', 'four'],
    questions: ['Tell me about a time…'],
    ...overrides,
  };
}

const CORE = ['integrity', 'culture_mission', 'sales_dna', 'process_focus'].map((k) => dim(k));
const drafts = (dims: Dimension[]): DimensionDraft[] => dims.map((d, i) => dimensionToDraft(d, i + 1));

describe('parseDimensions', () => {
  it('when the drafts are valid, then dimensions come back ordered by position with knockout defaults', () => {
    const input = drafts([...CORE, dim('discovery')]);
    input[4] = { ...input[4]!, position: '0' };
    input[0] = { ...input[0]!, knockout: true, threshold: '' };
    const result = parseDimensions(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dimensions.map((d) => d.key)).toEqual(['discovery', 'integrity', 'culture_mission', 'sales_dna', 'process_focus']);
    expect(result.dimensions[1]).toMatchObject({ knockout: true, threshold: 2.5 });
  });

  it.each([
    ['name', { name: '  ' }, 'validation.required'],
    ['weight', { weight: '11' }, 'rubric.error.weight'],
    ['weight', { weight: '-1' }, 'rubric.error.weight'],
    ['weight', { weight: 'heavy' }, 'rubric.error.weight'],
    ['key', { key: 'Bad Key' }, 'rubric.error.key'],
    ['anchor3', { anchors: ['a', 'b', '', 'd'] as const }, 'rubric.error.anchor'],
    ['threshold', { knockout: true, threshold: '5' }, 'rubric.error.threshold'],
    ['threshold', { knockout: true, threshold: '1' }, 'rubric.error.threshold'],
    ['group', { group: 'misc' }, 'validation.invalid'],
    ['trait', { trait: 'charisma' }, 'validation.invalid'],
  ])('when %s is wrong (%p), then the message sits next to that field', (fieldName, change, message) => {
    const input = drafts([...CORE, dim('discovery')]);
    input[4] = { ...input[4]!, ...change } as DimensionDraft;
    const result = parseDimensions(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.dimensions[4]).toEqual({ [fieldName]: message });
  });

  it('when two dimensions share a key, then the second is marked', () => {
    const result = parseDimensions(drafts([...CORE, dim('discovery'), dim('discovery')]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.dimensions).toEqual({ 5: { key: 'rubric.error.duplicateKey' } });
  });

  it('when every weight is 0, then the rubric is refused', () => {
    const result = parseDimensions(drafts([...CORE, dim('discovery')].map((d) => ({ ...d, weight: 0 }))));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.form).toEqual(['rubric.error.allWeightsZero']);
  });

  it('when a core dimension is removed, then the rubric is refused', () => {
    const input = drafts([...CORE, dim('discovery')]);
    input[0] = { ...input[0]!, remove: true };
    const result = parseDimensions(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.form).toContain('rubric.error.coreMissing');
  });

  it('when a role dimension is removed, then it is dropped', () => {
    const input = drafts([...CORE, dim('discovery'), dim('closing')]);
    input[5] = { ...input[5]!, remove: true, name: '' };
    const result = parseDimensions(input);
    expect(result.ok && result.dimensions.map((d) => d.key)).toEqual(['integrity', 'culture_mission', 'sales_dna', 'process_focus', 'discovery']);
  });

  it('when nothing is left, then the rubric is refused', () => {
    const result = parseDimensions([]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.form).toEqual(['rubric.error.empty']);
  });

  it('when questions have blank lines, then they are dropped', () => {
    const input = drafts(CORE);
    input[0] = { ...input[0]!, questions: 'First?\r\n\r\n  Second?  \n' };
    const result = parseDimensions(input);
    expect(result.ok && result.dimensions[0]!.questions).toEqual(['First?', 'Second?']);
  });
});

describe('weightShares', () => {
  it('when weights are given, then each share is its part of the total', () => {
    const shares = weightShares([dim('a', { weight: 3 }), dim('b', { weight: 1 }), dim('c', { weight: 0 })]);
    expect([...shares.values()]).toEqual([0.75, 0.25, 0]);
  });
  it('when all weights are 0, then all shares are 0', () => {
    expect([...weightShares([dim('a', { weight: 0 })]).values()]).toEqual([0]);
  });
});

describe('diffDimensions', () => {
  it('when an anchor changes, a dimension is added and another removed, then each change is listed', () => {
    const before = [...CORE, dim('discovery'), dim('old_skill')];
    const after = [...CORE.map((d) => (d.key === 'sales_dna' ? { ...d, anchors: ['one', 'two', 'three!', 'four'] as const } : d)), dim('discovery'), dim('new_skill')];
    const changes = diffDimensions(before, after);
    expect(changes).toEqual([
      { kind: 'changed', key: 'sales_dna', name: 'sales dna', fields: [{ field: 'anchor3', before: 'three', after: 'three!' }] },
      { kind: 'added', key: 'new_skill', name: 'new skill' },
      { kind: 'removed', key: 'old_skill', name: 'old skill' },
    ]);
  });
  it('when nothing changed, then the diff is empty', () => {
    expect(diffDimensions(CORE, CORE.map((d) => ({ ...d })))).toEqual([]);
  });
  it('when the order changes, then positions are reported', () => {
    const changes = diffDimensions(CORE, [CORE[1]!, CORE[0]!, CORE[2]!, CORE[3]!]);
    expect(changes.map((c) => c.key)).toEqual(['culture_mission', 'integrity']);
  });
});

describe('topCloserTrap', () => {
  const vp = [dim('individual_selling_record', { trait: 'individual_selling' }), dim('people_management', { trait: 'management' }), dim('pipeline_forecasting', { trait: 'management' })];
  it.each([
    ['strong seller, weak manager', { individual_selling_record: 4, people_management: 2, pipeline_forecasting: 2.5 }, true],
    ['strong seller, good manager', { individual_selling_record: 4, people_management: 3, pipeline_forecasting: 3 }, false],
    ['average seller, weak manager', { individual_selling_record: 2.5, people_management: 1.5, pipeline_forecasting: 2 }, false],
    ['management not rated', { individual_selling_record: 4 }, false],
    ['selling not rated', { people_management: 1 }, false],
  ])('when %s, then flagged = %p', (_label, means, flagged) => {
    expect(topCloserTrap(vp, new Map(Object.entries(means))).flagged).toBe(flagged);
  });
});
