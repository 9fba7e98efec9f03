import { sql } from 'kysely';
import { insertCandidate, isCandidateEmailTaken } from '../../../src/candidates/candidates.repository';
import { findLikelyDuplicates } from '../../../src/candidates/duplicates.repository';
import { migrateTo, migrateToLatest } from '../../../src/db/migrate';
import { applyCandidate } from '../../helpers/writes';
import { createTestContext, describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeOpening } from '../../helpers/hiring';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';

function candidateForm(agent: Agent, token: string, fields: Record<string, string>, path = '/candidates') {
  let req = agent.post(`${path}?_csrf=${encodeURIComponent(token)}`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req;
}

let seq = 0;
async function addPerson(ctx: TestContext, fields: { name: string; email?: string; phone?: string; linkedinUrl?: string }): Promise<number> {
  seq += 1;
  return insertCandidate(ctx.db, { name: fields.name, email: fields.email ?? '', phone: fields.phone ?? '', linkedinUrl: fields.linkedinUrl ?? '', source: 'outbound', sourceDetail: '', notes: '', resumeFileId: null, createdBy: null }, new Date(Date.now() + seq));
}

const TAKEN = 'A candidate with this email already exists.';

describeEachDialect('one candidate per e-mail address, and likely duplicates', (ctx: () => TestContext) => {
  let recruiter: Agent;
  let second: Agent;
  let token: string;
  let secondToken: string;

  beforeAll(async () => {
    recruiter = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
    second = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
    token = await csrfToken(recruiter, '/candidates/new');
    secondToken = await csrfToken(second, '/candidates/new');
  });

  const countWithEmail = async (email: string) => (await ctx().db.selectFrom('candidates').select('id').where('email', '=', email).execute()).length;

  it('when two recruiters add a candidate with the same e-mail at the same moment, then exactly one is saved and the other sees the message by the e-mail field', async () => {
    const [a, b] = await Promise.all([
      candidateForm(recruiter, token, { name: 'Race One', email: 'Race@Example.test', source: 'outbound' }),
      candidateForm(second, secondToken, { name: 'Race Two', email: 'race@example.test ', source: 'outbound' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 422]);
    const refused = a.status === 422 ? a : b;
    expect(refused.text).toContain(TAKEN);
    expect(refused.text.match(new RegExp(TAKEN, 'g'))).toHaveLength(1);
    // The form keeps what was typed.
    expect(refused.text).toMatch(/value="Race (One|Two)"/);
    expect(await countWithEmail('race@example.test')).toBe(1);
  });

  it('when a candidate is edited to another candidate’s e-mail, then the message sits by the field and nothing changes', async () => {
    await addPerson(ctx(), { name: 'Holder', email: 'holder@example.test' });
    const other = await addPerson(ctx(), { name: 'Other', email: 'other@example.test' });
    const res = await candidateForm(recruiter, token, { name: 'Other', email: 'Holder@example.test', source: 'outbound' }, `/candidates/${other}`);
    expect(res.status).toBe(422);
    expect(res.text).toContain(TAKEN);
    expect((await ctx().db.selectFrom('candidates').select('email').where('id', '=', other).executeTakeFirstOrThrow()).email).toBe('other@example.test');
    // Saving with the own address again is no clash.
    expect((await candidateForm(recruiter, token, { name: 'Other Renamed', email: 'other@example.test', source: 'outbound' }, `/candidates/${other}`)).status).toBe(303);
  });

  it('when candidates have no e-mail, then any number of them may be saved', async () => {
    await addPerson(ctx(), { name: 'No Mail A' });
    await addPerson(ctx(), { name: 'No Mail B' });
    expect((await candidateForm(recruiter, token, { name: 'No Mail C', email: '', source: 'outbound' })).status).toBe(303);
  });

  it('when a second row with a taken address is written past the use cases, then the database itself refuses it', async () => {
    await addPerson(ctx(), { name: 'First', email: 'dbrule@example.test' });
    // Caught as a value: the driver's error class may come from another test file's realm (jest reuses the native module).
    const refusal = await addPerson(ctx(), { name: 'Second', email: 'dbrule@example.test' }).then(() => undefined, (err: unknown) => err);
    expect(isCandidateEmailTaken(refusal)).toBe(true);
    expect(await countWithEmail('dbrule@example.test')).toBe(1);
  });

  describe('likely duplicates on the candidate page', () => {
    let base: number;
    let byEmail: number;
    let byNamePhone: number;
    let byLinkedIn: number;
    let sameNameOtherPhone: number;
    let samePhoneOtherName: number;

    beforeAll(async () => {
      base = await addPerson(ctx(), { name: 'John Smith', email: 'john.smith+jobs@gmail.com', phone: '+7 (912) 555-01-02', linkedinUrl: 'https://www.linkedin.com/in/john-smith-42/' });
      byEmail = await addPerson(ctx(), { name: 'J. Smith', email: 'johnsmith@gmail.com' });
      byNamePhone = await addPerson(ctx(), { name: 'john  SMITH', phone: '79125550102' });
      byLinkedIn = await addPerson(ctx(), { name: 'Johnny', linkedinUrl: 'https://de.linkedin.com/in/John-Smith-42' });
      sameNameOtherPhone = await addPerson(ctx(), { name: 'John Smith', phone: '+7 912 555 01 03' });
      samePhoneOtherName = await addPerson(ctx(), { name: 'Jane Smith', phone: '+7 (912) 555-01-02' });
      await addPerson(ctx(), { name: 'John Smith', email: 'john.smith@gmail.org' });
    });

    it('when a recruiter opens the candidate, then each likely duplicate is listed with why it matched, and look-alikes are not', async () => {
      const page = await recruiter.get(`/candidates/${base}`).expect(200);
      expect(page.text).toContain('Likely duplicates');
      const listed = [...page.text.matchAll(/merge\?duplicate=(\d+)/g)].map((m) => Number(m[1]));
      expect(listed).toEqual([byEmail, byNamePhone, byLinkedIn]);
      expect(page.text).toContain('same e-mail (ignoring dots and +tags)');
      expect(page.text).toContain('same name and phone');
      expect(page.text).toContain('same LinkedIn profile');
      expect(listed).not.toContain(sameNameOtherPhone);
      expect(listed).not.toContain(samePhoneOtherName);
      const dupes = await findLikelyDuplicates(ctx().db, { id: 1, role: 'recruiter' }, base);
      expect(dupes.map((d) => [d.id, d.reasons])).toEqual([
        [byEmail, ['email']],
        [byNamePhone, ['name_phone']],
        [byLinkedIn, ['linkedin']],
      ]);
    });

    it('when the duplicate’s page is opened, then it lists the first record back', async () => {
      const page = await recruiter.get(`/candidates/${byNamePhone}`).expect(200);
      expect([...page.text.matchAll(/merge\?duplicate=(\d+)/g)].map((m) => Number(m[1]))).toEqual([base]);
    });

    it('when a candidate has no e-mail, phone or LinkedIn, then nothing is listed as a duplicate of it', async () => {
      const bare = await addPerson(ctx(), { name: 'John Smith' });
      expect(await findLikelyDuplicates(ctx().db, { id: 1, role: 'recruiter' }, bare)).toEqual([]);
      expect((await recruiter.get(`/candidates/${bare}`).expect(200)).text).not.toContain('Likely duplicates');
    });

    it('when a hiring manager opens the candidate, then only duplicates on their openings are listed, without a merge link', async () => {
      const manager = await createUser(ctx().db, 'hiring_manager');
      const opening = await makeOpening(ctx().db, { hiringManagerId: manager.id });
      const otherOpening = await makeOpening(ctx().db);
      await applyCandidate(ctx().db, base, opening.id, manager.id);
      await applyCandidate(ctx().db, byEmail, opening.id, manager.id);
      await applyCandidate(ctx().db, byLinkedIn, otherOpening.id, manager.id);
      const agent = await signIn(ctx().app, manager.email, manager.password);
      const page = await agent.get(`/candidates/${base}`).expect(200);
      expect(page.text).toContain(`/candidates/${byEmail}"`);
      expect(page.text).not.toContain(`/candidates/${byLinkedIn}"`);
      expect(page.text).not.toContain(`/candidates/${byNamePhone}"`);
      expect(page.text).not.toContain('Merge into this candidate');
      const dupes = await findLikelyDuplicates(ctx().db, { id: manager.id, role: 'hiring_manager' }, base);
      expect(dupes.map((d) => d.id)).toEqual([byEmail]);
    });

    it('when a candidate’s details are edited, then the keys follow and the list changes with them', async () => {
      const res = await candidateForm(recruiter, token, { name: 'Johnny', email: '', linkedin_url: 'https://linkedin.com/in/someone-else', source: 'outbound' }, `/candidates/${byLinkedIn}`);
      expect(res.status).toBe(303);
      expect((await findLikelyDuplicates(ctx().db, { id: 1, role: 'admin' }, base)).map((d) => d.id)).toEqual([byEmail, byNamePhone]);
    });
  });

  it('when the lookup runs, then each of its branches walks an index', async () => {
    if (ctx().dialect !== 'sqlite') return;
    const plan = await sql<{ detail: string }>`explain query plan select id from candidates where id != 1 and (email_key = 'a@b.c' or (phone_key = '1' and name_lower = 'x') or linkedin_key = 'l')`.execute(ctx().db);
    const details = plan.rows.map((r) => r.detail).join('\n');
    expect(details).toContain('candidates_email_key_idx');
    expect(details).toContain('candidates_phone_key_idx');
    expect(details).toContain('candidates_linkedin_key_idx');
    expect(details).not.toMatch(/SCAN candidates(?! USING)/);
  });

  it('when the unique index is missing (as before this rule), then the same two requests save two candidates: the race test above depends on the index', async () => {
    await sql`drop index candidates_email_unique`.execute(ctx().db);
    try {
      const [a, b] = await Promise.all([
        candidateForm(recruiter, token, { name: 'Twin One', email: 'twin@example.test', source: 'outbound' }),
        candidateForm(second, secondToken, { name: 'Twin Two', email: 'twin@example.test', source: 'outbound' }),
      ]);
      expect([a.status, b.status]).toEqual([303, 303]);
      expect(await countWithEmail('twin@example.test')).toBe(2);
    } finally {
      await ctx().db.deleteFrom('candidate_activity').where('candidate_id', 'in', ctx().db.selectFrom('candidates').select('id').where('email', '=', 'twin@example.test')).execute();
      await ctx().db.deleteFrom('candidates').where('email', '=', 'twin@example.test').execute();
      await sql`create unique index candidates_email_unique on candidates (email_unique) where email_unique is not null`.execute(ctx().db);
    }
  });
});

describe.each(['sqlite', ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : [])] as const)('an installation that already holds two records of one address [%s]', (dialect) => {
  it('when it is brought up to date, then the earliest record holds the address, the later one stays as it was and shows as a likely duplicate', async () => {
    const ctx = await createTestContext(dialect);
    try {
      await migrateTo(ctx.db, '0024-resume-texts');
      const at = new Date().toISOString();
      const row = (name: string, email: string, phone = '') => ({ name, name_lower: name.toLowerCase(), last_name_lower: name.split(' ').pop()!.toLowerCase(), email, phone, linkedin_url: '', source: 'outbound', source_detail: '', notes: '', created_at: at, updated_at: at });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const raw = ctx.db as any;
      const first = (await raw.insertInto('candidates').values(row('Ann Early', 'ann@example.test')).returning('id').executeTakeFirstOrThrow()).id as number;
      const later = (await raw.insertInto('candidates').values(row('Ann Late', 'ann@example.test', '+1 (555) 010')).returning('id').executeTakeFirstOrThrow()).id as number;
      const none = (await raw.insertInto('candidates').values(row('No Mail', '')).returning('id').executeTakeFirstOrThrow()).id as number;
      await migrateToLatest(ctx.db);
      const rows = await ctx.db.selectFrom('candidates').select(['id', 'email', 'email_unique', 'email_key', 'phone_key']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: first, email: 'ann@example.test', email_unique: 'ann@example.test', email_key: 'ann@example.test', phone_key: '' },
        { id: later, email: 'ann@example.test', email_unique: null, email_key: 'ann@example.test', phone_key: '1555010' },
        { id: none, email: '', email_unique: null, email_key: '', phone_key: '' },
      ]);
      expect((await findLikelyDuplicates(ctx.db, { id: 1, role: 'admin' }, first)).map((d) => [d.id, d.reasons])).toEqual([[later, ['email']]]);
      // The later record stays editable with its own address; a third one with it is refused.
      const agent = (await signInAs(ctx.app, ctx.db, 'recruiter')).agent;
      const token = await csrfToken(agent, '/candidates/new');
      expect((await candidateForm(agent, token, { name: 'Ann Late', email: 'ann@example.test', phone: '+1 (555) 011', source: 'outbound' }, `/candidates/${later}`)).status).toBe(303);
      expect((await candidateForm(agent, token, { name: 'Ann Third', email: 'ann@example.test', source: 'outbound' })).text).toContain(TAKEN);
    } finally {
      await ctx.close();
    }
  });
});
