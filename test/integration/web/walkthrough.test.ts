import { makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { createUser, signInAs } from '../../helpers/web';

/** Small things a new user met on a walkthrough. */
describeEachDialect('walkthrough polish', (ctx: () => TestContext) => {
  it('when only one person can manage a new opening, then they are already chosen; with two, nobody is', async () => {
    const admin = await signInAs(ctx().app, ctx().db, 'admin');
    const selected = (html: string) => /<select id="field-hiring_manager_id"[\s\S]*?<\/select>/.exec(html)![0].match(/<option value="(\d+)" selected>/)?.[1];
    expect(selected((await admin.agent.get('/openings/new').expect(200)).text)).toBe(String(admin.user.id));
    await createUser(ctx().db, 'hiring_manager', { name: 'Second Manager' });
    expect(selected((await admin.agent.get('/openings/new').expect(200)).text)).toBeUndefined();
  });

  it('when openings are listed, then open ones come first, then on hold, closed last', async () => {
    const ids: Record<string, number> = {};
    for (const [title, status] of [['Closed early', 'closed'], ['On hold', 'on_hold'], ['Open now', 'open'], ['Closed late', 'closed']] as const) {
      ids[title] = (await makeOpening(ctx().db, { title })).id;
      await ctx().db.updateTable('openings').set({ status }).where('id', '=', ids[title]!).execute();
    }
    const admin = await signInAs(ctx().app, ctx().db, 'admin');
    const page = (await admin.agent.get('/openings').expect(200)).text;
    const at = (title: string) => page.indexOf(`>${title}<`);
    expect(at('Open now')).toBeGreaterThan(0);
    expect(at('Open now')).toBeLessThan(at('On hold'));
    expect(at('On hold')).toBeLessThan(at('Closed early'));
    expect(at('On hold')).toBeLessThan(at('Closed late'));
  });

  it('when someone who may not plan the team opens the roles, then no link leads them to a page they cannot open; an admin gets it', async () => {
    await makeOpening(ctx().db);
    const interviewer = await signInAs(ctx().app, ctx().db, 'interviewer');
    expect((await interviewer.agent.get('/roles').expect(200)).text).not.toContain('href="/team-plan"');
    await interviewer.agent.get('/team-plan').expect(403);
    const admin = await signInAs(ctx().app, ctx().db, 'admin');
    expect((await admin.agent.get('/roles').expect(200)).text).toContain('href="/team-plan"');
  });

  it('when an admin deactivates someone, then the page asks first: the button that does it sits behind a disclosure that says what happens', async () => {
    const person = await createUser(ctx().db, 'interviewer', { name: 'Dana Deactivate' });
    const admin = await signInAs(ctx().app, ctx().db, 'admin');
    const page = (await admin.agent.get('/users').expect(200)).text;
    const form = page.indexOf(`action="/users/${person.id}/deactivate"`);
    const disclosure = page.lastIndexOf('<details class="confirm-action">', form);
    expect(form).toBeGreaterThan(0);
    expect(disclosure).toBeGreaterThan(0);
    expect(page.slice(disclosure, form)).toContain('Deactivate Dana Deactivate');
    expect(page.slice(form)).toMatch(/is signed out at once[\s\S]*Yes, deactivate Dana Deactivate/);
  });

  it('when the comparison is printed, then the print page names its icon', async () => {
    const manager = await signInAs(ctx().app, ctx().db, 'hiring_manager');
    const opening = await makeOpening(ctx().db, { hiringManagerId: manager.user.id });
    const page = (await manager.agent.get(`/openings/${opening.id}/compare?view=print`).expect(200)).text;
    expect(page).toContain('class="print-view"');
    expect(page).toContain('<link rel="icon" href="/static/images/favicon.svg"');
  });
});
