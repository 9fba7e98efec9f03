import fs from 'node:fs';
import path from 'node:path';
import { ROLES } from '../../../src/auth/permissions';
import { CATALOGS, LANGUAGES, negotiateLanguage, translator } from '../../../src/i18n/i18n';
import { USER_STATUSES } from '../../../src/users/user';
import { APPLICATION_STATUSES, CANDIDATE_SOURCES, INBOUND_CHANNELS } from '../../../src/candidates/candidate';
import { OPENING_STATUSES } from '../../../src/openings/openings.repository';
import { RECOMMENDATIONS } from '../../../src/interviews/scorecard';
import { MAIL_KINDS, NOTIFICATION_KINDS } from '../../../src/mail/mail-kinds';
import { DECISIONS } from '../../../src/comparison/decision';

const FLAGS = ['below_bar', 'top_closer_trap', 'low_confidence', 'disagreement', 'missing'];
import { OWNER_ROLES, REVIEW_RATINGS, SIGN_OFFS, TRACKS } from '../../../src/onboarding/plan';

// Simple placeholders ({name}) and the counts of plural messages ({n, plural, …}).
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\}|, )/g)].map((m) => m[1]))].sort();

function viewFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? viewFiles(full) : full.endsWith('.ejs') ? [full] : [];
  });
}

describe('translation catalogs', () => {
  const en = CATALOGS.en;

  it.each(LANGUAGES)('when the %s catalog is loaded, then it has exactly the English keys, none empty, with the same placeholders', (language) => {
    const catalog = CATALOGS[language];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(catalog)) {
      expect(`${key}: ${text.trim().length > 0}`).toBe(`${key}: true`);
      expect(`${key}: ${placeholders(text).join(',')}`).toBe(`${key}: ${placeholders(en[key as keyof typeof en]).join(',')}`);
    }
  });

  it('when a view names a message key, then the key exists', () => {
    const missing: string[] = [];
    for (const file of viewFiles(path.join(__dirname, '../../../views'))) {
      const source = fs.readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\('([\w.]+)'/g)) {
        if (match[1]!.endsWith('.')) continue; // a prefix completed at run time, checked below
        if (!(match[1]! in en)) missing.push(`${path.basename(file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('when keys are built at run time (roles, statuses, languages), then every variant exists', () => {
    const dynamic = [
      ...ROLES.map((r) => `role.${r}`),
      ...ROLES.map((r) => `home.roleHelp.${r}`),
      ...USER_STATUSES.map((s) => `status.${s}`),
      ...LANGUAGES.map((l) => `language.${l}`),
      ...APPLICATION_STATUSES.map((s) => `applications.status.${s}`),
      ...['applied', 'stage', 'status', 'decision', 'reopened', 'interview_scheduled', 'interview_rescheduled', 'interview_cancelled'].map((k) => `applications.event.${k}`),
      ...['toScore', 'upcoming', 'done'].map((s) => `interviews.section.${s}`),
      ...NOTIFICATION_KINDS.flatMap((k) => [`account.notification.${k}`, `mail.kind.${k}`]),
      ...MAIL_KINDS.map((k) => `mail.kind.${k}`),
      ...CANDIDATE_SOURCES.map((s) => `candidates.source.${s}`),
      ...INBOUND_CHANNELS.map((c) => `candidates.channel.${c}`),
      ...OPENING_STATUSES.map((s) => `openings.status.${s}`),
      ...RECOMMENDATIONS.map((r) => `recommendation.${r}`),
      ...['none', 'draft', 'submitted'].map((s) => `scorecard.state.${s}`),
      ...[1, 2, 3, 4].map((r) => `rating.${r}`),
      ...FLAGS.flatMap((f) => [`flag.${f}`, `flag.explain.${f}`]),
      ...['agree', 'mixed', 'missing'].map((a) => `summary.agreement.${a}`),
      ...DECISIONS.map((d) => `decision.${d}`),
      ...TRACKS.flatMap((track) => [`onboarding.track.${track}`, `onboarding.trackIntro.${track}`]),
      ...OWNER_ROLES.map((o) => `onboarding.owner.${o}`),
      ...SIGN_OFFS.map((s) => `onboarding.signOff.${s}`),
      ...['open', 'awaiting_sign_off', 'complete'].map((s) => `onboarding.state.${s}`),
      ...REVIEW_RATINGS.map((r) => `onboarding.rating.${r}`),
      ...['active', 'complete', 'all'].map((s) => `onboarding.status.${s}`),
    ];
    expect(dynamic.filter((key) => !(key in en))).toEqual([]);
  });

  it('when a message has placeholders, then they are filled and unknown ones left visible', () => {
    expect(translator('en')('home.greeting', { name: 'Ada' })).toBe('Hello, Ada');
    expect(translator('ru')('home.greeting', { name: 'Ада' })).toBe('Здравствуйте, Ада');
    expect(translator('en')('home.greeting')).toBe('Hello, {name}');
  });
});

describe('negotiateLanguage', () => {
  it.each([
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,ru;q=0.5,en;q=0.7', 'en'],
    ['de, fr', undefined],
    ['ru;q=0, en', 'en'],
    ['', undefined],
    [undefined, undefined],
  ])('when Accept-Language is %p, then %p is chosen', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
