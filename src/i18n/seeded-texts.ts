import { DEFAULT_TEMPLATES } from '../onboarding/default-templates';
import { CORE_DIMENSIONS, DEFAULT_ROLES, type DefaultDimension, type LocalizedText, ROLE_DIMENSIONS, ROLE_KEYS, type RoleKey } from '../rubrics/default-content';
import { CATALOGS, isMessageKey, LANGUAGES, type Language, type Translate } from './i18n';

/*
 * Texts Salesbench writes for a new company (roles, rubric dimensions, interview stages, onboarding
 * tasks) exist in every language. A seeded row keeps a seed key naming its catalogue entry; while it
 * has one, readers see the catalogue's text in their own language. An edit made in the app clears the
 * key, and from then on everyone sees the text as the admin wrote it. This file is the one place that
 * turns a seed key into words.
 */

function roleKeyOf(value: string): RoleKey | undefined {
  return ROLE_KEYS.find((key) => key === value);
}

export interface SeededRoleTexts {
  readonly name: string;
  readonly summary: string;
  readonly handsOffTo: string;
  readonly payModel: string;
  readonly rubricNote: string;
}

/** A seeded role's texts in one language; undefined for a key the catalogue does not know. */
export function seededRole(seedKey: string | null, language: Language): SeededRoleTexts | undefined {
  const role = seedKey === null ? undefined : DEFAULT_ROLES.find((r) => r.key === seedKey);
  if (!role) return undefined;
  return { name: role.name[language], summary: role.summary[language], handsOffTo: role.handsOffTo[language], payModel: role.payModel[language], rubricNote: role.rubricNote[language] };
}

/** The seed key of a default role dimension: `<role key>:<dimension key>`. */
export function dimensionSeedKey(roleKey: string, dimensionKey: string): string {
  return `${roleKey}:${dimensionKey}`;
}

function defaultDimension(seedKey: string | null): DefaultDimension | undefined {
  if (seedKey === null) return undefined;
  const [role = '', key] = seedKey.split(':');
  const roleKey = roleKeyOf(role);
  if (!roleKey) return undefined;
  return [...CORE_DIMENSIONS, ...ROLE_DIMENSIONS[roleKey]].find((d) => d.key === key);
}

export interface DimensionTexts {
  readonly name: string;
  readonly description: string;
  readonly anchors: readonly [string, string, string, string];
  readonly questions: readonly string[];
}

/** A seeded rubric dimension's words in one language; undefined for an unknown key. */
export function seededDimension(seedKey: string | null, language: Language): DimensionTexts | undefined {
  const d = defaultDimension(seedKey);
  if (!d) return undefined;
  return { name: d.name[language], description: d.description[language], anchors: [d.anchors[0][language], d.anchors[1][language], d.anchors[2][language], d.anchors[3][language]], questions: d.questions.map((q) => q[language]) };
}

/** A stage's name: the catalogue's in the reader's language while the stage is as seeded, else as saved. */
export function seededStageName(seedKey: string | null, language: Language): string | undefined {
  return seedKey !== null && isMessageKey(seedKey) && seedKey.startsWith('stage.') ? CATALOGS[language][seedKey] : undefined;
}

/** The seed key of a default onboarding task: `<role key>:<position in the role's default template>`. */
export function taskSeedKey(roleKey: string, index: number): string {
  return `${roleKey}:${index}`;
}

export interface TaskTexts {
  readonly title: string;
  readonly description: string;
}

/** A seeded onboarding task's title and description in one language; undefined for an unknown key. */
export function seededTask(seedKey: string | null, language: Language): TaskTexts | undefined {
  if (seedKey === null) return undefined;
  const [role = '', index = ''] = seedKey.split(':');
  const roleKey = roleKeyOf(role);
  const task = roleKey && /^\d+$/.test(index) ? DEFAULT_TEMPLATES[roleKey][Number(index)] : undefined;
  return task && { title: task.title[language], description: task.description[language] };
}

/**
 * Whether every given text is word for word the seeded one in one language (an edit that changed
 * nothing). Only the fields given are compared.
 */
export function sameAsSeeded<T extends object>(seeded: (language: Language) => T | undefined, texts: Partial<T>): boolean {
  return LANGUAGES.some((language) => {
    const found = seeded(language);
    return found !== undefined && Object.entries(texts).every(([field, value]) => JSON.stringify(found[field as keyof T]) === JSON.stringify(value));
  });
}

/** The seed key to keep after an edit: kept only when the edit left the seeded words as they were. */
export function keptSeedKey<T extends object>(seedKey: string | null, seeded: (key: string | null, language: Language) => T | undefined, texts: Partial<T>): string | null {
  return seedKey !== null && sameAsSeeded((language) => seeded(seedKey, language), texts) ? seedKey : null;
}

/** Every language's text of a localized catalogue entry (the migration matches existing rows against them). */
export function inEveryLanguage(text: LocalizedText): string[] {
  return LANGUAGES.map((language) => text[language]);
}

/** A stage's name for one reader: the catalogue's words while the stage is as seeded, else its saved name. */
export function stageLabel(name: string, seedKey: string | null, language: Language): string {
  return seededStageName(seedKey, language) ?? name;
}

/** The same for words built with a recipient's translator (a letter, a calendar entry). */
export function stageNameWith(t: Translate, name: string, seedKey: string | null | undefined): string {
  return seedKey !== null && seedKey !== undefined && isMessageKey(seedKey) && seedKey.startsWith('stage.') ? t(seedKey) : name;
}
