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

describe('editing a rubric: what the form shows is what gets saved', () => {
  const parseOne = (change: Partial<DimensionDraft>) => {
    const input = drafts([...CORE, dim('discovery')]);
    input[4] = { ...input[4]!, ...change };
    return parseDimensions(input);
  };
  const parsedDiscovery = (change: Partial<DimensionDraft>) => {
    const result = parseOne(change);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
    return result.dimensions.find((d) => d.key === 'discovery')!;
  };
  const errorsOf = (change: Partial<DimensionDraft>) => {
    const result = parseOne(change);
    return result.ok ? undefined : result.errors.dimensions[4];
  };

  it('when a dimension with questions, a custom threshold and a trait is opened, then each question is on its own line and the threshold is shown as saved', () => {
    const knockout = dim('people_management', { knockout: true, threshold: 3, trait: 'management', questions: ['First?', 'Second?'] });
    expect(dimensionToDraft(knockout, 7)).toEqual({
      key: 'people_management',
      group: 'role',
      name: 'people management',
      description: 'people_management description',
      weight: '2',
      knockout: true,
      threshold: '3',
      trait: 'management',
      anchors: ['one', 'two', 'three', 'four'],
      questions: 'First?\nSecond?',
      position: '7',
      remove: false,
    });
    expect(dimensionToDraft(dim('discovery'), 1)).toMatchObject({ threshold: '', trait: '' });
  });

  it('when a rubric is opened and saved unchanged, then the dimensions are the same, custom threshold and traits included', () => {
    const rubric = [...CORE, dim('people_management', { knockout: true, threshold: 3, trait: 'management', questions: ['First?', 'Second?'] }), dim('closing_record', { trait: 'individual_selling', weight: 0.5 })];
    expect(parseDimensions(drafts(rubric))).toEqual({ ok: true, dimensions: rubric });
  });

  it.each(['management', 'individual_selling'])('when the trait is %p, then it is kept', (trait) => {
    expect(parsedDiscovery({ trait }).trait).toBe(trait);
  });

  it('when no trait is chosen, then the dimension has none', () => {
    expect(parsedDiscovery({ trait: '' }).trait).toBeNull();
  });

  it.each([
    ['2,5', 2.5],
    ['3', 3],
    [' 3 ', 3],
    ['2.75', 2.75],
    ['4', 4],
    ['1.01', 1.01],
  ])('when a knockout threshold is typed as %p, then it is %p', (threshold, value) => {
    expect(parsedDiscovery({ knockout: true, threshold }).threshold).toBe(value);
  });

  it('when a knockout threshold is left empty, then it is the default 2.5', () => {
    expect(parsedDiscovery({ knockout: true, threshold: '  ' }).threshold).toBe(2.5);
  });

  it('when a dimension is not a knockout, then whatever was typed as threshold is not kept', () => {
    expect(parsedDiscovery({ knockout: false, threshold: '3' }).threshold).toBeNull();
    expect(parsedDiscovery({ knockout: false, threshold: 'abc' }).threshold).toBeNull();
  });

  it.each(['abc', 'x3', '3x', '2.5.1', '2.', '.5', '4.01', '0', '-3', '2,5,5', '1'])('when a knockout threshold is typed as %p, then it is refused', (threshold) => {
    expect(errorsOf({ knockout: true, threshold })).toEqual({ threshold: 'rubric.error.threshold' });
  });

  it.each([
    ['0', 0],
    ['10', 10],
    ['1,5', 1.5],
    ['0.25', 0.25],
  ])('when the weight is typed as %p, then it is %p', (weight, value) => {
    expect(parsedDiscovery({ weight }).weight).toBe(value);
  });

  it.each(['x5', '5x', '10.5', '', '1 5'])('when the weight is typed as %p, then it is refused', (weight) => {
    expect(errorsOf({ weight })).toEqual({ weight: 'rubric.error.weight' });
  });

  it('when positions are typed, negative and decimal ones included, then dimensions follow them', () => {
    const input = drafts([...CORE, dim('discovery'), dim('closing')]);
    input[5] = { ...input[5]!, position: '-1' };
    input[4] = { ...input[4]!, position: '2,5' };
    const result = parseDimensions(input);
    expect(result.ok && result.dimensions.map((d) => d.key)).toEqual(['closing', 'integrity', 'culture_mission', 'discovery', 'sales_dna', 'process_focus']);
  });

  it('when a position is left empty, then the dimension stays where it is in the form; ties keep the form order', () => {
    const input = drafts([...CORE, dim('discovery'), dim('closing')]);
    input[5] = { ...input[5]!, position: '' };
    input[4] = { ...input[4]!, position: '1' };
    const result = parseDimensions(input);
    expect(result.ok && result.dimensions.map((d) => d.key)).toEqual(['integrity', 'discovery', 'culture_mission', 'sales_dna', 'process_focus', 'closing']);
  });

  it('when the last position is left blank, then it comes after the one numbered just before it', () => {
    const input = drafts([...CORE, dim('discovery'), dim('closing')]);
    input[5] = { ...input[5]!, position: '  ' };
    const result = parseDimensions(input);
    expect(result.ok && result.dimensions.map((d) => d.key)).toEqual(['integrity', 'culture_mission', 'sales_dna', 'process_focus', 'discovery', 'closing']);
  });

  it('when several dimensions share a position, then they keep the form order', () => {
    const input = drafts([...CORE, dim('discovery'), dim('closing')]).map((d) => ({ ...d, position: '1' }));
    const result = parseDimensions(input);
    expect(result.ok && result.dimensions.map((d) => d.key)).toEqual(['integrity', 'culture_mission', 'sales_dna', 'process_focus', 'discovery', 'closing']);
  });

  it.each(['first', 'x1', '1x'])('when a position is typed as %p, then it is refused', (position) => {
    expect(errorsOf({ position })).toEqual({ position: 'validation.invalid' });
  });

  it('when key, name and description have spaces around them, then they are trimmed', () => {
    expect(parsedDiscovery({ key: '  discovery ', name: '  Discovery  ', description: '  Finds the pain.  ' })).toMatchObject({ key: 'discovery', name: 'Discovery', description: 'Finds the pain.' });
  });

  it('when anchors have spaces around them, then they are trimmed', () => {
    expect(parsedDiscovery({ anchors: [' a ', ' b', 'c ', 'd'] }).anchors).toEqual(['a', 'b', 'c', 'd']);
  });

  it.each([
    ['ab', true],
    ['a'.repeat(50), true],
    ['a'.repeat(51), false],
    ['a', false],
    ['1ab', false],
    ['_ab', false],
    ['ab-c', false],
    ['a_b9', true],
    ['x discovery', false],
    ['discovery!', false],
  ])('when the key is %p, then accepted is %p', (key, accepted) => {
    expect(errorsOf({ key })).toEqual(accepted ? undefined : { key: 'rubric.error.key' });
  });

  it('when a key repeats with spaces around it, then it is still a duplicate', () => {
    const result = parseDimensions(drafts([...CORE, dim('discovery'), dim('discovery')]).map((d, i) => (i === 5 ? { ...d, key: ' discovery ' } : d)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.dimensions).toEqual({ 5: { key: 'rubric.error.duplicateKey' } });
  });

  it.each([
    ['name', { name: 'n'.repeat(120) }, { name: 'n'.repeat(121) }],
    ['description', { description: 'd'.repeat(1000) }, { description: 'd'.repeat(1001) }],
    ['anchor2', { anchors: ['a', 'b'.repeat(600), 'c', 'd'] as const }, { anchors: ['a', 'b'.repeat(601), 'c', 'd'] as const }],
    ['questions', { questions: 'q'.repeat(3000) }, { questions: 'q'.repeat(3001) }],
  ])('when the %s is at its limit, then it fits; one character more is too long', (field, fits, tooLong) => {
    expect(errorsOf(fits)).toBeUndefined();
    expect(errorsOf(tooLong)).toEqual({ [field]: 'validation.tooLong' });
  });

  it.each([0, 1, 3])('when anchor %i is blank, then it is asked for', (level) => {
    const anchors = ['a', 'b', 'c', 'd'] as [string, string, string, string];
    anchors[level] = '  ';
    expect(errorsOf({ anchors })).toEqual({ [`anchor${level + 1}`]: 'rubric.error.anchor' });
  });

  it.each(['core', 'role'])('when the group is %p, then it is kept', (group) => {
    expect(parsedDiscovery({ group }).group).toBe(group);
  });

  it('when one dimension has errors and every weight is zero, then only the field errors are shown', () => {
    const input = drafts([...CORE, dim('discovery')].map((d) => ({ ...d, weight: 0 })));
    input[4] = { ...input[4]!, name: '' };
    const result = parseDimensions(input);
    expect(result).toEqual({ ok: false, errors: { form: [], dimensions: { 4: { name: 'validation.required' } } } });
  });

  it('when only some weights are zero, then the rubric is accepted', () => {
    expect(parseDimensions(drafts([...CORE, dim('discovery', { weight: 0 })])).ok).toBe(true);
  });

  it('when a core dimension’s key is typed with spaces around it, then the core is still complete', () => {
    const input = drafts([...CORE, dim('discovery')]);
    input[0] = { ...input[0]!, key: ' integrity ' };
    expect(parseDimensions(input).ok).toBe(true);
  });

  it('when questions are typed one per line, then each line is a question', () => {
    expect(parsedDiscovery({ questions: 'First?\nSecond?\r\nThird?' }).questions).toEqual(['First?', 'Second?', 'Third?']);
  });

  it('when a removed dimension is invalid, then it does not hold up the rest', () => {
    const input = drafts([...CORE, dim('discovery')]);
    input[4] = { ...input[4]!, remove: true, key: 'Bad Key', weight: 'x' };
    expect(parseDimensions(input).ok).toBe(true);
  });

  it('when everything is removed, then the rubric is refused as empty, not for missing core dimensions', () => {
    const result = parseDimensions(drafts(CORE).map((d) => ({ ...d, remove: true })));
    expect(result).toEqual({ ok: false, errors: { form: ['rubric.error.empty'], dimensions: {} } });
  });

  it('when a core dimension is missing but the others are valid, then only the form error is shown', () => {
    const result = parseDimensions(drafts([CORE[0]!, CORE[1]!, CORE[2]!, dim('discovery')]));
    expect(result).toEqual({ ok: false, errors: { form: ['rubric.error.coreMissing'], dimensions: {} } });
  });
});

describe('rubric history', () => {
  it('when every field of a dimension changes, then each is listed with what it was and what it became', () => {
    const before = [dim('discovery'), dim('closing')];
    const after = [
      dim('closing'),
      dim('discovery', {
        name: 'Discovery calls',
        group: 'core',
        description: 'New',
        weight: 3,
        knockout: true,
        threshold: 3,
        trait: 'individual_selling',
        anchors: ['1', '2', '3', '4'],
        questions: ['First?', 'Second?'],
      }),
    ];
    const changes = diffDimensions(before, after);
    expect(changes).toEqual([
      { kind: 'changed', key: 'closing', name: 'closing', fields: [{ field: 'position', before: '2', after: '1' }] },
      {
        kind: 'changed',
        key: 'discovery',
        name: 'Discovery calls',
        fields: [
          { field: 'name', before: 'discovery', after: 'Discovery calls' },
          { field: 'group', before: 'role', after: 'core' },
          { field: 'description', before: 'discovery description', after: 'New' },
          { field: 'weight', before: '2', after: '3' },
          { field: 'knockout', before: 'no', after: 'yes' },
          { field: 'threshold', before: '', after: '3' },
          { field: 'trait', before: '', after: 'individual_selling' },
          { field: 'anchor1', before: 'one', after: '1' },
          { field: 'anchor2', before: 'two', after: '2' },
          { field: 'anchor3', before: 'three', after: '3' },
          { field: 'anchor4', before: 'four', after: '4' },
          { field: 'questions', before: 'Tell me about a time…', after: 'First?\nSecond?' },
          { field: 'position', before: '1', after: '2' },
        ],
      },
    ]);
  });

  it('when questions are merged onto one line, then that is a change', () => {
    const changes = diffDimensions([dim('discovery', { questions: ['A', 'B'] })], [dim('discovery', { questions: ['AB'] })]);
    expect(changes).toEqual([{ kind: 'changed', key: 'discovery', name: 'discovery', fields: [{ field: 'questions', before: 'A\nB', after: 'AB' }] }]);
  });

  it('when a knockout stops being one, then the threshold is shown as cleared', () => {
    const changes = diffDimensions([dim('integrity', { knockout: true, threshold: 2.5 })], [dim('integrity')]);
    expect(changes).toEqual([
      { kind: 'changed', key: 'integrity', name: 'integrity', fields: [{ field: 'knockout', before: 'yes', after: 'no' }, { field: 'threshold', before: '2.5', after: '' }] },
    ]);
  });
});

describe('the top-closer trap at its edges', () => {
  const vp = [dim('individual_selling_record', { trait: 'individual_selling' }), dim('quota_attainment', { trait: 'individual_selling' }), dim('people_management', { trait: 'management' }), dim('pipeline_forecasting', { trait: 'management' }), dim('discovery')];
  const trap = (means: Record<string, number>) => topCloserTrap(vp, new Map(Object.entries(means)));

  it('when selling is exactly "yes" (3) and management is weak, then it is flagged', () => {
    expect(trap({ individual_selling_record: 3, people_management: 2, pipeline_forecasting: 2 })).toEqual({ flagged: true, selling: 3, management: 2 });
  });

  it('when selling is just under 3, then it is not flagged', () => {
    expect(trap({ individual_selling_record: 2.99, people_management: 1, pipeline_forecasting: 1 }).flagged).toBe(false);
  });

  it('when management is exactly at the bar (2.5), then it is not flagged; just under, it is', () => {
    expect(trap({ individual_selling_record: 4, people_management: 2.5, pipeline_forecasting: 2.5 }).flagged).toBe(false);
    expect(trap({ individual_selling_record: 4, people_management: 2.49, pipeline_forecasting: 2.49 }).flagged).toBe(true);
  });

  it('when one selling dimension is strong, then the best selling rating counts', () => {
    expect(trap({ individual_selling_record: 2, quota_attainment: 3, people_management: 2, pipeline_forecasting: 2 })).toEqual({ flagged: true, selling: 3, management: 2 });
  });

  it('when management dimensions differ, then management is their mean, unrated ones left out', () => {
    expect(trap({ individual_selling_record: 4, people_management: 1, pipeline_forecasting: 4 })).toEqual({ flagged: false, selling: 4, management: 2.5 });
    expect(trap({ individual_selling_record: 4, people_management: 1.5, pipeline_forecasting: 3 })).toEqual({ flagged: true, selling: 4, management: 2.25 });
    expect(trap({ individual_selling_record: 4, people_management: 2 })).toEqual({ flagged: true, selling: 4, management: 2 });
  });

  it('when either side was not rated, then there is nothing to weigh: no flag and no figures', () => {
    expect(trap({ individual_selling_record: 4 })).toEqual({ flagged: false });
    expect(trap({ people_management: 1 })).toEqual({ flagged: false });
    expect(topCloserTrap([dim('discovery')], new Map([['discovery', 1]]))).toEqual({ flagged: false });
  });

  it('when a dimension without a trait is rated low, then it does not count as management', () => {
    expect(trap({ individual_selling_record: 4, people_management: 3, pipeline_forecasting: 3, discovery: 1 }).flagged).toBe(false);
  });
});
