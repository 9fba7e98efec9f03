import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { csrfToken, signInAs } from '../../helpers/web';

describeEachDialect('team-plan advisor', (ctx: () => TestContext) => {
  it('when a hiring manager enters a team with no qualifier and customers, then the advice is a qualifier and a farmer first, with the rule shown', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'hiring_manager');
    const empty = await agent.get('/team-plan');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('Enter your team to get advice.');
    const token = await csrfToken(agent, '/team-plan');
    const res = await agent.post('/team-plan').type('form').send({ _csrf: token, sdr_outbound: '0', sdr_inbound: '0', aes: '0', farmers: '0', customers: '15', founder_closes: 'on', leads_6: '4' });
    expect(res.status).toBe(303);
    const page = await agent.get('/team-plan');
    const qualifier = page.text.indexOf('Hire a qualifier first');
    const farmer = page.text.indexOf('Hire a farmer now');
    expect(qualifier).toBeGreaterThan(0);
    expect(farmer).toBeGreaterThan(qualifier);
    expect(page.text).toContain('Rule: a qualifier comes first');
    expect(page.text).toContain('value="15"');
  });

  it('when lead flow is steady and farmers cover customers, then an AE is advised; when it is not, an AE is explicitly not advised yet', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'recruiter');
    const token = await csrfToken(agent, '/team-plan');
    await agent.post('/team-plan').type('form').send({ _csrf: token, sdr_outbound: '2', sdr_inbound: '0', aes: '0', farmers: '1', customers: '30', founder_closes: 'on', leads_4: '20', leads_5: '22', leads_6: '21' });
    expect((await agent.get('/team-plan')).text).toContain('Hire an Account Executive');
    await agent.post('/team-plan').type('form').send({ _csrf: token, sdr_outbound: '2', sdr_inbound: '0', aes: '0', farmers: '1', customers: '30', founder_closes: 'on', leads_4: '3', leads_5: '30', leads_6: '9' });
    expect((await agent.get('/team-plan')).text).toContain('Do not hire an Account Executive yet: lead flow is not predictable');
  });

  it('when the input is bad, then messages sit next to the fields, values stay, and the saved team is unchanged', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'admin');
    const token = await csrfToken(agent, '/team-plan');
    const before = await ctx().db.selectFrom('team_plans').selectAll().executeTakeFirst();
    const res = await agent.post('/team-plan').type('form').send({ _csrf: token, sdr_outbound: '-1', sdr_inbound: 'many', aes: '', farmers: '0', customers: '5', leads_4: '10', leads_6: '12' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter a whole number, 0 or more.');
    expect(res.text).toContain('Please fill this in.');
    expect(res.text).toContain('Fill in this month too');
    expect(res.text).toContain('value="many"');
    expect(await ctx().db.selectFrom('team_plans').selectAll().executeTakeFirst()).toEqual(before);
  });

  it('when an interviewer or new hire opens the advisor, then 403', async () => {
    for (const role of ['interviewer', 'new_hire'] as const) {
      const { agent } = await signInAs(ctx().app, ctx().db, role);
      expect((await agent.get('/team-plan')).status).toBe(403);
    }
  });
});
