import crypto from 'node:crypto';
import fc from 'fast-check';
import { addCandidate } from '../../../../src/candidates/candidates.use-cases';
import { describeEachDialect, type TestContext } from '../../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../../helpers/use-cases';
import { type Agent, signInAs } from '../../../helpers/web';
import { hostile, PROBE } from './arbitraries';

/** Runs and seed as for the form properties (PROPERTY_RUNS, PROPERTY_SEED). */
const RUNS = Math.max(1, Number(process.env.PROPERTY_RUNS ?? 100));
const SEED = process.env.PROPERTY_SEED === 'random' ? crypto.randomInt(2 ** 31) : Number(process.env.PROPERTY_SEED ?? 20261128);

/** What FTS5 and tsquery read as syntax, and what the tokeniser might trip on. */
const syntax = fc.constantFrom('"', '""', "'", '*', 'AND', 'OR', 'NOT', 'NEAR(a b, 2)', '{head} : x', 'head:x', '^x', 'a & b | !c', "x:* & 'y':A", '<->', '<2>', '(', ')', '-x', '+x', '\\', '%', '_', '\u0000', 'ё', 'й', '٣٤٥٦', '+1 (912) 555-0102', 'a.b@c.d', 'b2b', 'продажи', 'sel*');
const query = fc.oneof(
  { weight: 3, arbitrary: hostile },
  { weight: 3, arbitrary: fc.array(syntax, { maxLength: 6 }).map((parts) => parts.join(' ')) },
  { weight: 2, arbitrary: fc.array(fc.oneof(syntax, fc.string({ maxLength: 8 })), { maxLength: 5 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
);
const sort = fc.constantFrom(undefined, 'relevance', 'newest', 'name', 'activity', '<x>', '');
const page = fc.constantFrom(undefined, '1', '2', '0', '-1', '99999999', 'x');

describeEachDialect('candidate search under random and hostile queries', (ctx: () => TestContext) => {
  let recruiter: Agent;

  beforeAll(async () => {
    const { agent, user } = await signInAs(ctx().app, ctx().db, 'recruiter');
    recruiter = agent;
    const deps = { ...useCaseDeps(ctx().db), storage: ctx().storage };
    // Data holding markup and syntax of its own, so snippets have something to escape.
    for (const notes of [`${PROBE}1> probe sells "banks" & NEAR(x y) ' OR 1=1`, 'Продажи банкам, ёлка; a & b | !c', `x:* & 'y' ${PROBE}2>`]) {
      await addCandidate(deps, actingAs(user.id, 'recruiter'), { candidate: { name: `Probe ${notes.length}`, email: '', phone: '+1 (912) 555-0102', linkedinUrl: '', source: 'outbound', sourceDetail: '', notes } });
    }
  });

  it(`when the search box gets random and hostile text (${RUNS} runs), then the list answers 200 and never shows markup from the query or the data unescaped`, async () => {
    await fc.assert(
      fc.asyncProperty(query, sort, page, async (q, s, p) => {
        const params = new URLSearchParams({ q, ...(s === undefined ? {} : { sort: s }), ...(p === undefined ? {} : { page: p }) });
        const url = `/candidates?${params.toString()}`;
        const res = await recruiter.get(url);
        // Node refuses a request line past its header limit (16 KB) before the app sees it; the app refuses NUL characters anywhere (400).
        expect([200, ...(url.length > 16_000 ? [431] : []), ...(q.includes('\u0000') ? [400] : [])]).toContain(res.status);
        expect(res.text).not.toContain(PROBE);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 300_000);

  it('when the data matches, then its markup is shown escaped in the snippet', async () => {
    const res = await recruiter.get('/candidates?q=probe+sells');
    expect(res.status).toBe(200);
    expect(res.text).toContain('&lt;x-<mark>probe</mark>-1&gt; <mark>probe</mark> <mark>sells</mark> &#34;banks&#34; &amp; NEAR(x y) &#39; OR 1=1');
    expect(res.text).not.toContain(PROBE);
  });
});
