import fs from 'node:fs';
import { eraseCandidate } from '../../../src/privacy/privacy.use-cases';
import { insertStoredFile } from '../../../src/uploads/stored-files.repository';
import { putSetting, SETTING_KEYS } from '../../../src/settings/settings.repository';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';
import { APPLICANT, nextAddress, openForm, PDF, savePostingAs, sendForm, visitor } from './careers-helpers';

const COMPANY = 'Acme Sales GmbH';

describeEachDialect(
  'careers page',
  (ctx: () => TestContext) => {
    let recruiter: Agent;
    let admin: Agent;

    beforeAll(async () => {
      recruiter = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
      admin = (await signInAs(ctx().app, ctx().db, 'admin')).agent;
      await putSetting(ctx().db, SETTING_KEYS.companyName, COMPANY);
    });

    let seq = 0;
    /** An open opening published under a slug of its own. */
    async function publishedOpening(fields: Record<string, string> = {}): Promise<{ id: number; slug: string; firstStageId: number }> {
      seq += 1;
      const opening = await makeOpening(ctx().db);
      const slug = `account-executive-${seq}`;
      const res = await savePostingAs(recruiter, opening.id, { published: 'on', slug, ...fields });
      expect(res.status).toBe(303);
      return { id: opening.id, slug, firstStageId: opening.stages[0]!.id };
    }

    async function candidatesWithEmail(email: string) {
      return ctx().db.selectFrom('candidates').selectAll().where('email', '=', email).execute();
    }

    /** Opens the form, waits as a person would, and sends it. */
    async function apply(slug: string, fields: Record<string, string> = {}, options: { file?: { content: Buffer; name: string } | null; address?: string; wait?: number } = {}) {
      const browser = visitor(ctx().app);
      const address = options.address ?? nextAddress();
      const token = await openForm(browser, slug, address);
      ctx().clock.advance(options.wait ?? 4_000);
      const file = options.file === null ? undefined : (options.file ?? { content: PDF, name: 'cv.pdf' });
      return sendForm(browser, slug, { token, address, fields, ...(file ? { file } : {}) });
    }

    describe('publishing', () => {
      it('when a recruiter publishes an opening, then /jobs lists it; unpublishing hides it at once, and the audit log has both', async () => {
        const opening = await makeOpening(ctx().db);
        const saved = await savePostingAs(recruiter, opening.id, { published: 'on', public_title: 'Senior AE, DACH', slug: '' });
        expect(saved.status).toBe(303);
        const posting = await ctx().db.selectFrom('opening_postings').selectAll().where('opening_id', '=', opening.id).executeTakeFirstOrThrow();
        expect(posting.slug).toBe('senior-ae-dach');
        expect((await visitor(ctx().app).get('/jobs')).text).toContain('Senior AE, DACH');
        expect((await visitor(ctx().app).get('/jobs/senior-ae-dach')).status).toBe(200);

        expect((await savePostingAs(recruiter, opening.id, { public_title: 'Senior AE, DACH', slug: 'senior-ae-dach' })).status).toBe(303);
        expect((await visitor(ctx().app).get('/jobs')).text).not.toContain('Senior AE, DACH');
        expect((await visitor(ctx().app).get('/jobs/senior-ae-dach')).status).toBe(404);

        const actions = (await ctx().db.selectFrom('audit_log').select('action').where('subject_type', '=', 'opening').where('subject_id', '=', opening.id).orderBy('id').execute()).map((r) => r.action);
        expect(actions).toEqual(expect.arrayContaining(['opening.publish', 'opening.posting', 'opening.unpublish']));
      });

      it('when hiring managers, interviewers or visitors try to publish, then they are refused and nothing is saved', async () => {
        const opening = await makeOpening(ctx().db);
        for (const role of ['hiring_manager', 'interviewer'] as const) {
          const user = await createUser(ctx().db, role);
          const agent = await signIn(ctx().app, user.email);
          expect((await agent.get(`/openings/${opening.id}/careers`)).status).toBe(403);
        }
        const anonymous = visitor(ctx().app);
        expect((await anonymous.post(`/openings/${opening.id}/careers`).type('form').send({ published: 'on' })).status).toBe(403);
        expect(await ctx().db.selectFrom('opening_postings').selectAll().where('opening_id', '=', opening.id).executeTakeFirst()).toBeUndefined();
      });

      it('when a slug is taken, malformed, or a published posting has no description, then the form says so by the field', async () => {
        const first = await publishedOpening();
        const other = await makeOpening(ctx().db);
        const taken = await savePostingAs(recruiter, other.id, { published: 'on', slug: first.slug });
        expect(taken.status).toBe(422);
        expect(taken.text).toContain('Another opening uses this address');
        const bad = await savePostingAs(recruiter, other.id, { slug: 'Not A Slug!' });
        expect(bad.status).toBe(422);
        expect(bad.text).toContain('id="field-slug-error"');
        expect(bad.text).toContain('value="Not A Slug!"');
        const empty = await savePostingAs(recruiter, other.id, { published: 'on', description: '' });
        expect(empty.status).toBe(422);
        expect(empty.text).toContain('Write a description before publishing.');
        // A second posting titled like the first gets the next free slug.
        const again = await savePostingAs(recruiter, other.id, { public_title: 'Senior AE, DACH' });
        expect(again.status).toBe(303);
        expect((await ctx().db.selectFrom('opening_postings').select('slug').where('opening_id', '=', other.id).executeTakeFirstOrThrow()).slug).toBe('senior-ae-dach-2');
      });
    });

    describe('the public pages', () => {
      it('when openings are published but not open, or open but not published, then /jobs lists only the published open ones, cacheable and without any cookie', async () => {
        const shown = await publishedOpening({ public_title: 'Shown SDR role' });
        const onHold = await publishedOpening({ public_title: 'Held SDR role' });
        await ctx().db.updateTable('openings').set({ status: 'on_hold' }).where('id', '=', onHold.id).execute();
        const closed = await publishedOpening({ public_title: 'Closed SDR role' });
        await ctx().db.updateTable('openings').set({ status: 'closed' }).where('id', '=', closed.id).execute();
        const draft = await makeOpening(ctx().db);
        await savePostingAs(recruiter, draft.id, { public_title: 'Draft SDR role' });

        const res = await visitor(ctx().app).get('/jobs');
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('public, max-age=60');
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(res.text).toContain('Shown SDR role');
        expect(res.text).toContain(`href="/jobs/${shown.slug}?lang=en"`);
        expect(res.text).not.toContain('Held SDR role');
        expect(res.text).not.toContain('Closed SDR role');
        expect(res.text).not.toContain('Draft SDR role');
        expect((await visitor(ctx().app).get(`/jobs/${closed.slug}`)).status).toBe(404);
        expect((await visitor(ctx().app).get('/jobs/no-such-opening')).status).toBe(404);
        for (const odd of ['%00', 'a%00b', 'UPPER', `${'x'.repeat(300)}`, '%F0%9F%92%A9', '..%2F..%2Fetc']) {
          expect(`${odd}: ${(await visitor(ctx().app).get(`/jobs/${odd}`)).status}`).toMatch(/: (404|400)$/);
          expect(`${odd}: ${(await visitor(ctx().app).get(`/jobs/${odd}/thanks`)).status}`).toMatch(/: (200|404|400)$/);
        }
      });

      it('when a visitor reads in Russian (Accept-Language or ?lang=ru), then the careers pages are in Russian', async () => {
        expect((await visitor(ctx().app).get('/jobs').set('Accept-Language', 'ru-RU,ru;q=0.9')).text).toContain('Открытые вакансии');
        expect((await visitor(ctx().app).get('/jobs?lang=ru')).text).toContain('Открытые вакансии');
        expect((await visitor(ctx().app).get('/jobs?lang=en').set('Accept-Language', 'ru')).text).toContain('Open positions');
      });

      it('when a posting is shown, then its JobPosting JSON-LD names it and the company, and nothing in it can close the script element', async () => {
        const evil = 'AE </script><script>alert(1)</script>';
        const { slug } = await publishedOpening({ public_title: evil, location: 'Berlin & Remote', employment_type: 'part_time', description: 'We **sell**.\n\nJoin us.' });
        const res = await visitor(ctx().app).get(`/jobs/${slug}`);
        expect(res.status).toBe(200);
        expect(res.text).not.toContain('<script>alert(1)');
        const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(res.text);
        expect(json).not.toBeNull();
        expect(json![1]).toContain('\\u003c/script\\u003e');
        const data = JSON.parse(json![1]!) as Record<string, unknown>;
        expect(data).toMatchObject({
          '@context': 'https://schema.org',
          '@type': 'JobPosting',
          title: evil,
          description: 'We sell.\nJoin us.',
          employmentType: 'PART_TIME',
          hiringOrganization: { '@type': 'Organization', name: COMPANY },
          jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Berlin & Remote' } },
        });
        expect(data.datePosted).toBe(ctx().clock.now().toISOString().slice(0, 10));
      });

      it('when a description holds HTML, script or javascript: links, then they are shown as text or dropped, and web links get rel="nofollow noopener"', async () => {
        const description = '<script>alert(1)</script>\n\n<b>raw</b> and [bad](javascript:alert(1)) and [good](https://example.com/x) and [mail](mailto:jobs@example.com)';
        const { slug } = await publishedOpening({ description });
        const res = await visitor(ctx().app).get(`/jobs/${slug}`);
        expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(res.text).toContain('&lt;b&gt;raw&lt;/b&gt;');
        expect(res.text).not.toContain('<b>raw</b>');
        expect(res.text).not.toMatch(/href="javascript:/i);
        expect(res.text).toContain('<a href="https://example.com/x" rel="nofollow noopener">good</a>');
        expect(res.text).toContain('<a href="mailto:jobs@example.com" rel="nofollow noopener">mail</a>');
      });
    });

    describe('applying', () => {
      it('when a visitor applies, then one transaction makes an inbound careers-page candidate, an application at the first stage, the consent and a confirmation in the outbox', async () => {
        const opening = await publishedOpening({ public_title: 'Account Executive Berlin' });
        const res = await apply(opening.slug, { email: '  Grace.Hopper@Example.TEST ', name: 'Grace Hopper' });
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe(`/jobs/${opening.slug}/thanks?lang=en`);
        const thanks = await visitor(ctx().app).get(String(res.headers.location));
        expect(thanks.status).toBe(200);
        expect(thanks.text).toContain('We have received your application for Account Executive Berlin.');

        const [candidate] = await candidatesWithEmail('grace.hopper@example.test');
        expect(candidate).toMatchObject({ name: 'Grace Hopper', source: 'inbound', source_detail: 'careers', phone: APPLICANT.phone, created_by: null });
        expect(candidate!.resume_file_id).not.toBeNull();
        const application = await ctx().db.selectFrom('applications').selectAll().where('candidate_id', '=', candidate!.id).executeTakeFirstOrThrow();
        expect(application).toMatchObject({ opening_id: opening.id, stage_id: opening.firstStageId, status: 'active' });
        const history = await ctx().db.selectFrom('application_events').select(['kind', 'actor_id']).where('application_id', '=', application.id).orderBy('id').execute();
        expect(history).toEqual([{ kind: 'applied', actor_id: null }, { kind: 'careers', actor_id: null }]);
        const consent = await ctx().db.selectFrom('careers_applications').selectAll().where('candidate_id', '=', candidate!.id).executeTakeFirstOrThrow();
        expect(consent).toMatchObject({ opening_id: opening.id, language: 'en', matched_by: '', cover_note: APPLICANT.cover_note, resume_file_id: candidate!.resume_file_id });
        expect(Number(consent.retention_months)).toBe(24);
        expect(consent.privacy_text).toContain(`${COMPANY} uses the details and documents you send`);
        const mail = await ctx().db.selectFrom('outbox_messages').selectAll().where('recipient_email', '=', 'grace.hopper@example.test').execute();
        expect(mail).toHaveLength(1);
        expect(mail[0]).toMatchObject({ kind: 'application_received', subject: `Your application for Account Executive Berlin at ${COMPANY}`, state: 'not_configured', recipient_user_id: null, language: 'en' });
        const audit = (await ctx().db.selectFrom('audit_log').select('action').where('actor_id', 'is', null).where('subject_id', 'in', [candidate!.id, application.id]).execute()).map((r) => r.action);
        expect(audit).toEqual(expect.arrayContaining(['candidate.add', 'application.add', 'careers.apply']));
      });

      it('when a visitor applies in Russian, then the confirmation is written in Russian', async () => {
        const opening = await publishedOpening({ public_title: 'Менеджер по продажам' });
        const res = await apply(opening.slug, { email: 'ivan@example.test', name: 'Иван Петров', lang: 'ru' });
        expect(res.headers.location).toBe(`/jobs/${opening.slug}/thanks?lang=ru`);
        const mail = await ctx().db.selectFrom('outbox_messages').selectAll().where('recipient_email', '=', 'ivan@example.test').executeTakeFirstOrThrow();
        expect(mail.language).toBe('ru');
        expect(mail.subject).toBe(`Ваш отклик на вакансию «Менеджер по продажам» в ${COMPANY}`);
        expect(mail.text_body).toContain('Здравствуйте, Иван Петров!');
      });

      it('when the e-mail matches a known candidate (other case and spaces), then the application joins them, keeps what recruiters recorded, and the history says so', async () => {
        const known = await makeCandidate(ctx().db, { name: 'Ann Known', email: 'ann.known@example.test' });
        const opening = await publishedOpening();
        const res = await apply(opening.slug, { email: '  ANN.Known@Example.test ', name: 'Somebody Else', phone: '+1 555 0100' });
        expect(res.status).toBe(303);
        const rows = await candidatesWithEmail('ann.known@example.test');
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ id: known, name: 'Ann Known', phone: '', source: 'outbound' });
        // They had no résumé: the one sent becomes theirs (a change, recorded).
        expect(rows[0]!.resume_file_id).not.toBeNull();
        const application = await ctx().db.selectFrom('applications').select('id').where('candidate_id', '=', known).where('opening_id', '=', opening.id).executeTakeFirstOrThrow();
        const kinds = (await ctx().db.selectFrom('application_events').select('kind').where('application_id', '=', application.id).orderBy('id').execute()).map((r) => r.kind);
        expect(kinds).toEqual(['applied', 'careers_email']);
        const edited = await ctx().db.selectFrom('audit_log').select('action').where('action', '=', 'candidate.edit').where('subject_id', '=', known).execute();
        expect(edited).toHaveLength(1);
        const consent = await ctx().db.selectFrom('careers_applications').selectAll().where('candidate_id', '=', known).executeTakeFirstOrThrow();
        expect(consent).toMatchObject({ matched_by: 'email', applicant_name: 'Somebody Else', applicant_phone: '+1 555 0100' });

        const page = await recruiter.get(`/applications/${application.id}`);
        expect(page.text).toContain('applied through the careers page; matched an existing candidate by e-mail');
      });

      it('when the LinkedIn URL matches a known candidate who has a résumé, then it joins them, their résumé stays, and the new one is kept with the application', async () => {
        const { db } = ctx();
        const known = await makeCandidate(db, { name: 'Bob Known', email: 'bob.known@example.test' });
        const file = await insertStoredFile(db, 'recruiters-file.pdf', { tempPath: '', originalName: 'bob.pdf', kind: 'pdf', mimeType: 'application/pdf', size: 10, sha256: 'x' }, null, new Date());
        await db.updateTable('candidates').set({ linkedin_url: 'https://www.linkedin.com/in/bob-known', resume_file_id: file.id }).where('id', '=', known).execute();
        const opening = await publishedOpening();
        const res = await apply(opening.slug, { email: 'bob.private@example.test', linkedin_url: 'linkedin.com/in/bob-known' });
        expect(res.status).toBe(303);
        expect(await candidatesWithEmail('bob.private@example.test')).toHaveLength(0);
        const after = await db.selectFrom('candidates').selectAll().where('id', '=', known).executeTakeFirstOrThrow();
        expect(after.resume_file_id).toBe(file.id);
        expect(after.email).toBe('bob.known@example.test');
        const consent = await db.selectFrom('careers_applications').selectAll().where('candidate_id', '=', known).executeTakeFirstOrThrow();
        expect(consent.matched_by).toBe('linkedin');
        expect(consent.resume_file_id).not.toBeNull();
        expect(consent.resume_file_id).not.toBe(file.id);
        const application = await db.selectFrom('applications').select('id').where('candidate_id', '=', known).executeTakeFirstOrThrow();
        const kinds = (await db.selectFrom('application_events').select('kind').where('application_id', '=', application.id).orderBy('id').execute()).map((r) => r.kind);
        expect(kinds).toEqual(['applied', 'careers_linkedin']);
        expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'candidate.edit').where('subject_id', '=', known).execute()).toHaveLength(0);

        const page = await recruiter.get(`/candidates/${known}`);
        expect(page.text).toContain('Applications through the careers page');
        expect(page.text).toContain(`/candidates/${known}/careers/${consent.id}/resume`);
        const download = await recruiter.get(`/candidates/${known}/careers/${consent.id}/resume`);
        expect(download.status).toBe(200);
        expect(download.headers['content-type']).toBe('application/pdf');
      });

      it('when someone applies to the same opening twice, then there is one application and both see the same thank-you page', async () => {
        const opening = await publishedOpening();
        const first = await apply(opening.slug, { email: 'twice@example.test' });
        const second = await apply(opening.slug, { email: 'Twice@example.test', name: 'Twice Again' });
        expect(first.status).toBe(303);
        expect(second.status).toBe(303);
        expect(second.headers.location).toBe(first.headers.location);
        const [candidate] = await candidatesWithEmail('twice@example.test');
        expect(await ctx().db.selectFrom('applications').select('id').where('candidate_id', '=', candidate!.id).execute()).toHaveLength(1);
        expect(await ctx().db.selectFrom('careers_applications').select('id').where('candidate_id', '=', candidate!.id).execute()).toHaveLength(1);
        expect(await ctx().db.selectFrom('outbox_messages').select('id').where('recipient_email', '=', 'twice@example.test').execute()).toHaveLength(1);
      });
    });

    it('when the same person sends the form several times at once, then there is one candidate and one application', async () => {
      const opening = await publishedOpening();
      const address = nextAddress();
      const browsers = [visitor(ctx().app), visitor(ctx().app), visitor(ctx().app)];
      const tokens = await Promise.all(browsers.map((b) => openForm(b, opening.slug, address)));
      ctx().clock.advance(4_000);
      const sent = await Promise.all(browsers.map((b, i) => sendForm(b, opening.slug, { token: tokens[i]!, address, fields: { email: 'at.once@example.test' }, file: { content: PDF, name: 'cv.pdf' } })));
      expect(sent.map((r) => r.status)).toEqual([303, 303, 303]);
      const rows = await candidatesWithEmail('at.once@example.test');
      expect(rows).toHaveLength(1);
      expect(await ctx().db.selectFrom('applications').select('id').where('candidate_id', '=', rows[0]!.id).execute()).toHaveLength(1);
      expect(await ctx().db.selectFrom('careers_arrivals').select('id').where('created_at', '=', ctx().clock.now().toISOString()).execute()).toHaveLength(3);
    });

    it('when an admin erases a candidate who applied through the careers page twice, then the consents and every résumé they sent go with them', async () => {
      const { db, storage } = ctx();
      const first = await publishedOpening();
      const second = await publishedOpening();
      expect((await apply(first.slug, { email: 'erase.me@example.test' })).status).toBe(303);
      expect((await apply(second.slug, { email: 'erase.me@example.test' }, { file: { content: Buffer.concat([PDF, Buffer.from('% newer\n')]), name: 'newer.pdf' } })).status).toBe(303);
      const [candidate] = await candidatesWithEmail('erase.me@example.test');
      const entries = await db.selectFrom('careers_applications').select('resume_file_id').where('candidate_id', '=', candidate!.id).execute();
      const fileIds = entries.map((e) => e.resume_file_id!);
      expect(new Set(fileIds).size).toBe(2);
      const keys = (await db.selectFrom('stored_files').select('storage_key').where('id', 'in', fileIds).execute()).map((f) => f.storage_key);
      const adminUser = await createUser(db, 'admin');
      const counts = await eraseCandidate({ ...useCaseDeps(db), storage }, actingAs(adminUser.id), candidate!.id);
      expect(counts).toMatchObject({ candidates: 1, applications: 2, careersApplications: 2, files: 2 });
      expect(await db.selectFrom('careers_applications').select('id').where('candidate_id', '=', candidate!.id).execute()).toHaveLength(0);
      expect(await db.selectFrom('stored_files').select('id').where('id', 'in', fileIds).execute()).toHaveLength(0);
      for (const key of keys) expect(fs.existsSync(storage.pathOf(key))).toBe(false);
    });

    describe('refusals', () => {
      async function nothingSavedFor(email: string) {
        expect(await candidatesWithEmail(email)).toHaveLength(0);
        expect(await ctx().db.selectFrom('outbox_messages').select('id').where('recipient_email', '=', email).execute()).toHaveLength(0);
        expect(await ctx().db.selectFrom('careers_applications').select('id').where('applicant_email', '=', email).execute()).toHaveLength(0);
      }

      it('when the hidden field is filled in, then the form comes back with everything typed and nothing is saved', async () => {
        const { slug } = await publishedOpening();
        const res = await apply(slug, { email: 'bot@example.test', name: 'Robo Filler', website: 'https://spam.example' });
        expect(res.status).toBe(422);
        expect(res.text).toContain('the form could not be accepted');
        expect(res.text).toContain('value="Robo Filler"');
        expect(res.text).toContain('value="bot@example.test"');
        expect(res.text).toContain('Choose the file again');
        await nothingSavedFor('bot@example.test');
      });

      it('when the form comes back in under 3 seconds, then it is refused; at 3 seconds it is accepted', async () => {
        const { slug } = await publishedOpening();
        const fast = await apply(slug, { email: 'fast@example.test' }, { wait: 2_999 });
        expect(fast.status).toBe(422);
        expect(fast.text).toContain('faster than a person can fill it in');
        expect(fast.text).toContain('value="fast@example.test"');
        await nothingSavedFor('fast@example.test');
        expect((await apply(slug, { email: 'just-in-time@example.test' }, { wait: 3_000 })).status).toBe(303);
      });

      it('when the token is forged, altered, or sent without the cookie it is bound to, then it is refused and nothing is saved', async () => {
        const { slug } = await publishedOpening();
        const browser = visitor(ctx().app);
        const address = nextAddress();
        const token = await openForm(browser, slug, address);
        ctx().clock.advance(60_000);
        // An earlier time with the same signature (to get past the 3 seconds) is not the token that was signed.
        const [ms, mac] = token.split('.');
        const altered = await sendForm(browser, slug, { token: `${Number(ms) - 10_000}.${mac}`, address, fields: { email: 'forged@example.test' } });
        expect(altered.status).toBe(403);
        expect(altered.text).toContain('value="forged@example.test"');
        const elsewhere = await sendForm(visitor(ctx().app), slug, { token, address, fields: { email: 'forged@example.test' } });
        expect(elsewhere.status).toBe(403);
        await nothingSavedFor('forged@example.test');
      });

      it('when one address sends an 11th application within the hour, then it gets 429; the 10th was accepted, and an hour later one is again', async () => {
        const { slug } = await publishedOpening();
        const address = nextAddress();
        for (let n = 1; n <= 10; n += 1) {
          const res = await apply(slug, { email: `burst${n}@example.test` }, { address, wait: 3_000 });
          expect(`${n}: ${res.status}`).toBe(`${n}: 303`);
        }
        const eleventh = await apply(slug, { email: 'burst11@example.test' }, { address, wait: 3_000 });
        expect(eleventh.status).toBe(429);
        expect(eleventh.text).toContain('Too many applications');
        expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
        await nothingSavedFor('burst11@example.test');
        // Another address is not held back.
        expect((await apply(slug, { email: 'neighbour@example.test' })).status).toBe(303);
        // Only the address's hash is kept.
        const stored = await ctx().db.selectFrom('careers_arrivals').select('address_hash').execute();
        expect(stored.some((r) => r.address_hash.includes(address))).toBe(false);

        ctx().clock.advance(3_600_000);
        expect((await apply(slug, { email: 'burst12@example.test' }, { address })).status).toBe(303);
      });

      it('when the résumé is not a PDF or DOCX by its content, or too large, then the form says so by the file, keeps the rest, and saves nothing', async () => {
        const { slug } = await publishedOpening();
        const fake = await apply(slug, { email: 'fakepdf@example.test', name: 'Fake Pdf' }, { file: { content: Buffer.from('<html>not a pdf</html>'), name: 'cv.pdf' } });
        expect(fake.status).toBe(422);
        expect(fake.text).toContain('id="field-resume-error"');
        expect(fake.text).toContain('judged from the content');
        expect(fake.text).toContain('value="Fake Pdf"');
        expect(fake.text).toContain('Choose the file again');
        await nothingSavedFor('fakepdf@example.test');

        const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
        const large = await apply(slug, { email: 'bigpdf@example.test' }, { file: { content: big, name: 'cv.pdf' } });
        expect(large.status).toBe(422);
        expect(large.text).toContain('id="field-resume-error"');
        expect(large.text).toContain('1 MB');
        await nothingSavedFor('bigpdf@example.test');
        const leftovers = fs.readdirSync(ctx().storage.tmpDir);
        expect(leftovers).toEqual([]);
      });

      it('when consent is missing or the e-mail is bad, then the form says so by the field and saves nothing', async () => {
        const { slug } = await publishedOpening();
        const noConsent = await apply(slug, { email: 'noconsent@example.test', consent: '' });
        expect(noConsent.status).toBe(422);
        expect(noConsent.text).toContain('id="field-consent-error"');
        expect(noConsent.text).toContain('value="noconsent@example.test"');
        await nothingSavedFor('noconsent@example.test');

        const badEmail = await apply(slug, { email: 'not-an-address', name: 'Bad Mail' });
        expect(badEmail.status).toBe(422);
        expect(badEmail.text).toContain('id="field-email-error"');
        expect(badEmail.text).toContain('value="not-an-address"');
        expect(await ctx().db.selectFrom('candidates').select('id').where('name', '=', 'Bad Mail').execute()).toHaveLength(0);

        const noEmail = await apply(slug, { email: '' }, { file: null });
        expect(noEmail.status).toBe(422);
        expect(noEmail.text).toContain('id="field-email-error"');
        expect(noEmail.text).not.toContain('Choose the file again');
      });
    });

    describe('settings and retention', () => {
      it('when an admin saves a privacy text and a retention period, then they are checked by the field, and applicants see and consent to the saved ones', async () => {
        const base = { company_name: COMPANY, company_time_zone: 'UTC', reminder_hours: '24' };
        const post = async (fields: Record<string, string>) => admin.post('/settings').type('form').send({ _csrf: await csrfToken(admin, '/settings'), ...base, ...fields });
        for (const months of ['0', '121', 'twelve', '1.5']) {
          const res = await post({ careers_privacy_text: 'Ours.', retention_months: months });
          expect(`${months}: ${res.status}`).toBe(`${months}: 422`);
          expect(res.text).toContain('id="field-retention_months-error"');
          expect(res.text).toContain(`value="${months}"`);
        }
        const long = await post({ careers_privacy_text: 'x'.repeat(5001), retention_months: '12' });
        expect(long.status).toBe(422);
        expect(long.text).toContain('id="field-careers_privacy_text-error"');

        expect((await post({ careers_privacy_text: 'We keep your CV\r\nfor hiring only.', retention_months: '12' })).status).toBe(303);
        const { slug } = await publishedOpening();
        const page = await visitor(ctx().app).get(`/jobs/${slug}`);
        expect(page.text).toContain('We keep your CV\nfor hiring only.');
        expect(page.text).toContain('We keep your data for 12 months after our last contact with you');
        const res = await apply(slug, { email: 'consent12@example.test' });
        expect(res.status).toBe(303);
        const consent = await ctx().db.selectFrom('careers_applications').selectAll().where('applicant_email', '=', 'consent12@example.test').executeTakeFirstOrThrow();
        expect(consent.privacy_text).toBe('We keep your CV\nfor hiring only.');
        expect(Number(consent.retention_months)).toBe(12);
        // Back to the defaults for the other tests.
        expect((await post({ careers_privacy_text: '', retention_months: '24' })).status).toBe(303);
      });

      it('when candidates have been idle just inside and just beyond the retention period, then the privacy page lists only the one beyond, with a link to erase them', async () => {
        const { db, clock } = ctx();
        const now = clock.now();
        const inside = await makeCandidate(db, { name: 'Inside Retention' });
        const beyond = await makeCandidate(db, { name: 'Beyond Retention' });
        const monthsAgo = (months: number, plusDays: number) => {
          const d = new Date(now);
          d.setUTCMonth(d.getUTCMonth() - months);
          return new Date(d.getTime() + plusDays * 86_400_000).toISOString();
        };
        await db.updateTable('candidate_activity').set({ last_activity_at: monthsAgo(24, 1) }).where('candidate_id', '=', inside).execute();
        await db.updateTable('candidate_activity').set({ last_activity_at: monthsAgo(24, -1) }).where('candidate_id', '=', beyond).execute();
        const page = await admin.get('/privacy');
        expect(page.status).toBe(200);
        expect(page.text).toContain('Beyond Retention');
        expect(page.text).toContain(`href="/candidates/${beyond}/erase"`);
        expect(page.text).not.toContain('Inside Retention');
        expect((await recruiter.get('/privacy')).status).toBe(403);
      });
    });
  },
  { TRUST_PROXY: '1', UPLOAD_MAX_MB: '1' },
);
