import { indexCandidates } from '../search/search.repository';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { ROLES, type Role } from '../auth/permissions';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords';
import type { Language } from '../i18n/i18n';
import { SETTING_KEYS, insertSetting, putSetting } from '../settings/settings.repository';
import { seedRolesAndRubrics } from '../rubrics/seed-catalog';
import { seedHiringDemo } from './hiring-demo';
import { seedReportsDemo } from './reports-demo';
import { seedOnboardingDemo } from './onboarding-demo';
import { EventHandlers, runInUnitOfWork } from '../events/unit-of-work';
import { refreshReportTotals } from '../reports/report-totals';
import { seedOnboardingTemplates } from '../onboarding/seed-templates';
import { anyUserExists, insertUser } from '../users/users.repository';

export interface DemoAccount {
  readonly role: Role;
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

const PEOPLE: Readonly<Record<Role, { name: string; email: string }>> = {
  admin: { name: 'Alex Morgan', email: 'admin@demo.salesbench.test' },
  recruiter: { name: 'Riley Chen', email: 'recruiter@demo.salesbench.test' },
  hiring_manager: { name: 'Harper Novak', email: 'manager@demo.salesbench.test' },
  interviewer: { name: 'Ivan Petrov', email: 'interviewer@demo.salesbench.test' },
  new_hire: { name: 'Nina Alvarez', email: 'newhire@demo.salesbench.test' },
};

const WORDS = ['amber', 'harbor', 'lantern', 'meadow', 'copper', 'violet', 'summit', 'orchid', 'falcon', 'pepper', 'quartz', 'willow', 'canyon', 'saffron', 'tundra', 'ember'];

/** A random, readable passphrase: two words and 48 random bits. Demo accounts only. */
export function randomPassphrase(): string {
  const words = Array.from({ length: 2 }, () => WORDS[crypto.randomInt(WORDS.length)]);
  return `${words.join('-')}-${crypto.randomBytes(6).toString('base64url')}`;
}

export class DemoNotEmptyError extends Error {
  constructor() {
    super('The database already has users: demo data is only added to an empty database.');
  }
}

/** Fills an empty database with a demo company: one user of every role (random passwords, returned once), the five sales roles with their rubrics, and three openings with candidates, interviews and scorecards. */
export async function seedDemo(db: Kysely<Database>, clock: Clock, language: Language = 'en'): Promise<DemoAccount[]> {
  if (await anyUserExists(db)) throw new DemoNotEmptyError();
  const now = clock.now();
  const accounts = ROLES.map((role) => {
    let password = randomPassphrase();
    while (checkPasswordPolicy(password)) password = randomPassphrase();
    return { role, ...PEOPLE[role], password };
  });
  const hashes = await Promise.all(accounts.map((account) => hashPassword(account.password)));
  // The demo writes a history, not today's actions: nothing reacts to it (no audit entries); the
  // report totals and the search index are built once at the end.
  await runInUnitOfWork({ db, clock, handlers: new EventHandlers([]) }, async (uow) => {
    const { trx } = uow;
    await insertSetting(trx, SETTING_KEYS.setupCompletedAt, now.toISOString());
    await putSetting(trx, SETTING_KEYS.companyLanguage, language);
    // Named, as a real company would be: its name signs the mail the demo writes.
    await putSetting(trx, SETTING_KEYS.companyName, language === 'ru' ? 'Демо-компания' : 'Demo Company');
    const ids = new Map<Role, number>();
    for (const [index, account] of accounts.entries()) {
      ids.set(account.role, await insertUser(trx, { email: account.email, name: account.name, role: account.role, status: 'active', passwordHash: hashes[index] ?? null, language: null }, now));
    }
    await seedRolesAndRubrics(trx, language, now);
    const staff = { admin: ids.get('admin')!, recruiter: ids.get('recruiter')!, hiringManager: ids.get('hiring_manager')!, interviewer: ids.get('interviewer')! };
    await seedHiringDemo(uow, staff, language);
    await seedOnboardingTemplates(trx, language, now);
    accounts.push(...(await seedOnboardingDemo(uow, language, randomPassphrase)));
    await seedReportsDemo(uow, staff, language);
    const openings = await trx.selectFrom('openings').select('id').execute();
    await refreshReportTotals(trx, openings.map((o) => o.id));
    // Likewise the search index, once for every candidate.
    const candidates = await trx.selectFrom('candidates').select('id').execute();
    await indexCandidates(trx, candidates.map((c) => c.id));
  });
  return accounts;
}
