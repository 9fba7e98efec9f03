import { CATALOGS } from '../../../src/i18n/i18n';
import { dimensionSeedKey, keptSeedKey, sameAsSeeded, seededDimension, seededRole, seededStageName, seededTask, stageLabel, stageNameWith, taskSeedKey } from '../../../src/i18n/seeded-texts';
import { translator } from '../../../src/i18n/i18n';
import { DEFAULT_TEMPLATES } from '../../../src/onboarding/default-templates';
import { CORE_DIMENSIONS, DEFAULT_ROLES } from '../../../src/rubrics/default-content';

describe('seeded texts', () => {
  it('when a seed key names a catalogue entry, then its words come in the asked language; an unknown or missing key gives nothing', () => {
    const ae = DEFAULT_ROLES.find((r) => r.key === 'ae')!;
    expect(seededRole('ae', 'ru')).toEqual({ name: ae.name.ru, summary: ae.summary.ru, handsOffTo: ae.handsOffTo.ru, payModel: ae.payModel.ru, rubricNote: ae.rubricNote.ru });
    expect(seededRole('ae', 'en')!.name).toBe(ae.name.en);
    expect(seededRole('nobody', 'en')).toBeUndefined();
    expect(seededRole(null, 'en')).toBeUndefined();

    const integrity = CORE_DIMENSIONS[0]!;
    expect(dimensionSeedKey('ae', 'integrity')).toBe('ae:integrity');
    expect(seededDimension('ae:integrity', 'ru')).toEqual({ name: integrity.name.ru, description: integrity.description.ru, anchors: integrity.anchors.map((a) => a.ru), questions: integrity.questions.map((q) => q.ru) });
    expect(seededDimension('ae:discovery', 'en')!.name).toBe('Discovery');
    expect(seededDimension('farmer:discovery', 'en')).toBeUndefined();
    expect(seededDimension('nobody:integrity', 'en')).toBeUndefined();
    expect(seededDimension('ae', 'en')).toBeUndefined();
    expect(seededDimension(null, 'en')).toBeUndefined();

    const tasks = DEFAULT_TEMPLATES.vp_sales;
    expect(taskSeedKey('vp_sales', 3)).toBe('vp_sales:3');
    expect(seededTask('vp_sales:0', 'ru')).toEqual({ title: tasks[0]!.title.ru, description: tasks[0]!.description.ru });
    expect(seededTask(`vp_sales:${tasks.length - 1}`, 'en')!.title).toBe(tasks[tasks.length - 1]!.title.en);
    expect(seededTask(`vp_sales:${tasks.length}`, 'en')).toBeUndefined();
    expect(seededTask('vp_sales:-1', 'en')).toBeUndefined();
    expect(seededTask('vp_sales:1x', 'en')).toBeUndefined();
    expect(seededTask('nobody:0', 'en')).toBeUndefined();
    expect(seededTask(null, 'en')).toBeUndefined();
  });

  it('when a stage is as seeded, then its name is the catalogue’s in the reader’s language; otherwise the saved name', () => {
    expect(seededStageName('stage.referenceCheck', 'ru')).toBe(CATALOGS.ru['stage.referenceCheck']);
    expect(seededStageName('setup.done', 'ru')).toBeUndefined();
    expect(seededStageName('stage.nothing', 'ru')).toBeUndefined();
    expect(seededStageName(null, 'ru')).toBeUndefined();
    expect(stageLabel('Our screen', 'stage.referenceCheck', 'en')).toBe(CATALOGS.en['stage.referenceCheck']);
    expect(stageLabel('Our screen', null, 'en')).toBe('Our screen');
    expect(stageNameWith(translator('ru'), 'Our screen', 'stage.referenceCheck')).toBe(CATALOGS.ru['stage.referenceCheck']);
    expect(stageNameWith(translator('ru'), 'Our screen', undefined)).toBe('Our screen');
    expect(stageNameWith(translator('ru'), 'Our screen', 'setup.done')).toBe('Our screen');
  });

  it('when words are saved unchanged in either language, then the key is kept; one word changed, it is dropped', () => {
    const ru = seededRole('ae', 'ru')!;
    const en = seededRole('ae', 'en')!;
    expect(sameAsSeeded((language) => seededRole('ae', language), { name: ru.name, summary: ru.summary })).toBe(true);
    expect(sameAsSeeded((language) => seededRole('ae', language), { name: en.name, summary: en.summary })).toBe(true);
    // Half English, half Russian is an edit.
    expect(sameAsSeeded((language) => seededRole('ae', language), { name: en.name, summary: ru.summary })).toBe(false);
    expect(keptSeedKey('ae', seededRole, { name: ru.name, payModel: ru.payModel })).toBe('ae');
    expect(keptSeedKey('ae', seededRole, { name: `${ru.name}!`, payModel: ru.payModel })).toBeNull();
    expect(keptSeedKey(null, seededRole, { name: ru.name })).toBeNull();
    const discovery = seededDimension('ae:discovery', 'en')!;
    expect(keptSeedKey('ae:discovery', seededDimension, { anchors: discovery.anchors, questions: discovery.questions })).toBe('ae:discovery');
    expect(keptSeedKey('ae:discovery', seededDimension, { anchors: discovery.anchors, questions: discovery.questions.slice(1) })).toBeNull();
  });
});
