import fc from 'fast-check';
import { sql } from 'kysely';
import { makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { signInAs } from '../../helpers/web';
import { fieldValue, type FieldValue, MISSING, PROBE, upload } from '../web/properties/arbitraries';
import { APPLICANT, nextAddress, openForm, PDF, savePostingAs, visitor } from './careers-helpers';

const RUNS = Math.max(1, Number(process.env.PROPERTY_RUNS ?? 60));
const SEED = Number(process.env.PROPERTY_SEED ?? 20261130);

/** What an application through the careers page writes; compared before and after every sending. */
const WRITTEN = ['candidates', 'applications', 'application_events', 'careers_applications', 'outbox_messages', 'stored_files', 'audit_log'] as const;

const FIELDS = ['name', 'email', 'phone', 'linkedin_url', 'cover_note', 'consent', 'website', 'lang'] as const;

describeEachDialect(
  'the careers form under arbitrary input',
  (ctx: () => TestContext) => {
    let slug: string;

    beforeAll(async () => {
      const { agent } = await signInAs(ctx().app, ctx().db, 'recruiter');
      const opening = await makeOpening(ctx().db);
      slug = 'property-posting';
      expect((await savePostingAs(agent, opening.id, { published: 'on', slug })).status).toBe(303);
    });

    async function counts(): Promise<Record<string, number>> {
      const row = await sql<Record<string, unknown>>`select ${sql.join(WRITTEN.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`))}`.execute(ctx().db);
      return Object.fromEntries(Object.entries(row.rows[0]!).map(([k, v]) => [k, Number(v)]));
    }

    it(`when the fields hold anything at all (${RUNS} runs), then the answer is never a 500 nor raw markup, and it saves all of an application or nothing`, async () => {
      let n = 0;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            // Mostly one odd field in an otherwise good form, so the odd value reaches the save.
            changes: fc.array(fc.tuple(fc.constantFrom(...FIELDS), fieldValue), { maxLength: 3 }),
            file: fc.option(fc.oneof(upload, fc.constant({ name: 'cv.pdf', content: PDF })), { freq: 2 }),
            wait: fc.constantFrom(4_000, 4_000, 4_000, 1_000),
          }),
          async ({ changes, file, wait }) => {
            n += 1;
            const values = new Map<string, FieldValue>(Object.entries({ ...APPLICANT, email: `prop.${n}@example.test`, website: '' }));
            for (const [name, value] of changes) values.set(name, value);
            const browser = visitor(ctx().app);
            const address = nextAddress();
            const token = await openForm(browser, slug, address);
            ctx().clock.advance(wait);
            const before = await counts();
            let req = browser.post(`/jobs/${slug}/apply`).set('X-Forwarded-For', address).field('form_token', token);
            for (const [name, value] of values) {
              if (value === MISSING) continue;
              for (const one of typeof value === 'string' ? [value] : value) req = req.field(name, one);
            }
            if (file) req = req.attach('resume', file.content, { filename: file.name || 'x', contentType: 'application/octet-stream' });
            const res = await req;
            const after = await counts();
            const delta = Object.fromEntries(WRITTEN.map((t) => [t, after[t]! - before[t]!]));
            const problems: string[] = [];
            if (res.status >= 500) problems.push(`status ${res.status}`);
            if (![303, 400, 403, 413, 422].includes(res.status)) problems.push(`unexpected status ${res.status}`);
            if (res.text?.includes(PROBE)) problems.push('markup echoed unescaped');
            if (res.status === 303) {
              accepted += 1;
              if (!String(res.headers.location).startsWith(`/jobs/${slug}/thanks`)) problems.push(`redirect to ${res.headers.location}`);
              // A whole application (one of each, a new candidate or a known one), or — applied before — nothing.
              const made = delta.applications!;
              if (made !== 0 && made !== 1) problems.push(`${made} applications`);
              if (delta.careers_applications !== made || delta.outbox_messages !== made) problems.push(`half saved: ${JSON.stringify(delta)}`);
              if (delta.candidates! > made) problems.push(`candidate without application: ${JSON.stringify(delta)}`);
            } else {
              if (Object.values(delta).some((d) => d !== 0)) problems.push(`refused with ${res.status} but saved: ${JSON.stringify(delta)}`);
              if (res.status === 422 && !/class="field-error"|class="form-error"/.test(res.text)) problems.push('refused without a message');
            }
            if (problems.length > 0) throw new Error(`${JSON.stringify(changes).slice(0, 300)} → ${res.status}: ${problems.join('; ')}`);
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // The property is about sendings that get through as much as about refusals.
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThan(n);
    }, 600_000);
  },
  { TRUST_PROXY: '1' },
);
