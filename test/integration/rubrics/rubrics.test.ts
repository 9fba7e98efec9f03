import { findRubric, findVersionDimensions, listRubrics } from '../../../src/rubrics/rubrics.repository';
import { seedRolesAndRubrics } from '../../../src/rubrics/seed-catalog';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, csrfToken, signInAs } from '../../helpers/web';

/** The edit form as the browser would post it, from the edit page's own fields. */
async function editForm(agent: Agent, rubricId: number): Promise<Record<string, string>> {
  const page = await agent.get(`/rubrics/${rubricId}/edit`);
  expect(page.status).toBe(200);
  const form: Record<string, string> = {};
  const decode = (s: string) => s.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of page.text.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name) continue;
    if (/type="checkbox"/.test(attrs)) {
      if (/ checked/.test(attrs)) form[name] = 'on';
      continue;
    }
    form[name] = decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
  }
  for (const m of page.text.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) form[m[1]!] = decode(m[2]!);
  for (const m of page.text.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) form[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
  return form;
}

describeEachDialect('roles and rubrics', (ctx: () => TestContext) => {
  let admin: Agent;
  let aeRubricId: number;

  beforeAll(async () => {
    await seedRolesAndRubrics(ctx().db, 'en', ctx().clock.now());
    admin = (await signInAs(ctx().app, ctx().db, 'admin')).agent;
    aeRubricId = (await listRubrics(ctx().db, 'en')).find((r) => r.roleKey === 'ae')!.id;
  });

  it('when the catalog is seeded, then five roles exist with their pay model, and every rubric has the core knockouts', async () => {
    const rubrics = await listRubrics(ctx().db, 'en');
    expect(rubrics.map((r) => r.roleKey)).toEqual(['sdr_outbound', 'sdr_inbound', 'ae', 'farmer', 'vp_sales']);
    for (const rubric of rubrics) {
      const dims = (await findVersionDimensions(ctx().db, rubric.id, 1, 'en'))!;
      expect(dims.filter((d) => d.knockout).map((d) => [d.key, d.threshold])).toEqual([
        ['integrity', 2.5],
        ['culture_mission', 2.5],
      ]);
      expect(dims.slice(0, 4).map((d) => d.key)).toEqual(['integrity', 'culture_mission', 'sales_dna', 'process_focus']);
    }
    const roles = await admin.get('/roles');
    expect(roles.status).toBe(200);
    expect(roles.text).toContain('Account Executive');
    expect(roles.text).toContain('commission');
  });

  it('when anyone who may read opens the VP Sales rubric, then it states why it is separate from the AE rubric', async () => {
    const vp = (await listRubrics(ctx().db, 'en')).find((r) => r.roleKey === 'vp_sales')!;
    const { agent } = await signInAs(ctx().app, ctx().db, 'interviewer');
    const page = await agent.get(`/rubrics/${vp.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('the best closer is rarely the best manager');
    expect(page.text).toContain('Individual selling');
    expect(page.text).not.toContain('Edit rubric');
  });

  it('when a non-admin tries to change a rubric or a role, then 403 and nothing changes', async () => {
    for (const role of ['recruiter', 'hiring_manager', 'interviewer'] as const) {
      const { agent } = await signInAs(ctx().app, ctx().db, role);
      expect((await agent.get(`/rubrics/${aeRubricId}/edit`)).status).toBe(403);
      const token = await csrfToken(agent, '/rubrics');
      expect((await agent.post(`/rubrics/${aeRubricId}`).type('form').send({ _csrf: token, count: '0' })).status).toBe(403);
      expect((await agent.post('/roles/1').type('form').send({ _csrf: token, name: 'x' })).status).toBe(403);
    }
    const { agent: newHire } = await signInAs(ctx().app, ctx().db, 'new_hire');
    expect((await newHire.get('/rubrics')).status).toBe(403);
    expect((await findRubric(ctx().db, aeRubricId, 'en'))!.currentVersion).toBe(1);
  });

  it('when an admin edits an anchor, then version 2 is created, version 1 stays readable, and the history shows what changed', async () => {
    const form = await editForm(admin, aeRubricId);
    const anchorField = Object.keys(form).find((k) => /^d\d+_anchor3$/.test(k) && form[k.replace('anchor3', 'key')] === 'discovery')!;
    const before = form[anchorField]!;
    form[anchorField] = 'Asks about budget, timing and decision process, and summarises the pain back in the buyer’s words.';
    form.note = 'Sharper discovery anchor';
    form.action = 'save';
    const res = await admin.post(`/rubrics/${aeRubricId}`).type('form').send(form);
    expect(res.status).toBe(303);

    const page = await admin.get(`/rubrics/${aeRubricId}`);
    expect(page.text).toContain('Saved as version 2.');
    expect(page.text).toContain('Version 2');
    expect(page.text).toContain('Sharper discovery anchor');
    const v1 = await admin.get(`/rubrics/${aeRubricId}?version=1`);
    expect(v1.status).toBe(200);
    expect(v1.text).toContain('An earlier version');
    expect((await findVersionDimensions(ctx().db, aeRubricId, 1, 'en'))!.find((d) => d.key === 'discovery')!.anchors[2]).toBe(before);

    const diff = await admin.get(`/rubrics/${aeRubricId}/compare?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.text).toContain('Anchor 3 · Yes');
    expect(diff.text).toContain('summarises the pain back');
  });

  it('when an admin saves without changes, then no new version is made', async () => {
    const current = (await findRubric(ctx().db, aeRubricId, 'en'))!.currentVersion;
    const form = await editForm(admin, aeRubricId);
    const res = await admin.post(`/rubrics/${aeRubricId}`).type('form').send({ ...form, action: 'save' });
    expect(res.status).toBe(303);
    expect((await findRubric(ctx().db, aeRubricId, 'en'))!.currentVersion).toBe(current);
  });

  it('when an admin adds, reorders and removes dimensions, then the new version has them in the new order', async () => {
    let form = await editForm(admin, aeRubricId);
    const added = await admin.post(`/rubrics/${aeRubricId}`).type('form').send({ ...form, action: 'add' });
    expect(added.status).toBe(200);
    const count = Number(form.count);
    expect(added.text).toContain(`name="d${count}_name"`);
    form = { ...form, count: String(count + 1), action: 'save', [`d${count}_key`]: 'territory_planning', [`d${count}_name`]: 'Territory planning', [`d${count}_group`]: 'role', [`d${count}_weight`]: '1.5', [`d${count}_position`]: '0', [`d${count}_anchor1`]: 'a', [`d${count}_anchor2`]: 'b', [`d${count}_anchor3`]: 'c', [`d${count}_anchor4`]: 'd', [`d${count}_questions`]: 'How do you split a territory?' };
    const trackRecord = Object.keys(form).find((k) => /^d\d+_key$/.test(k) && form[k] === 'track_record')!;
    form[trackRecord.replace('key', 'remove')] = 'on';
    const res = await admin.post(`/rubrics/${aeRubricId}`).type('form').send(form);
    expect(res.status).toBe(303);
    const rubric = (await findRubric(ctx().db, aeRubricId, 'en'))!;
    const dims = (await findVersionDimensions(ctx().db, aeRubricId, rubric.currentVersion, 'en'))!;
    expect(dims[0]).toMatchObject({ key: 'territory_planning', weight: 1.5, questions: ['How do you split a territory?'] });
    expect(dims.map((d) => d.key)).not.toContain('track_record');
  });

  it('when the input is bad, then messages sit next to the fields, typed values stay, and nothing is saved', async () => {
    const before = (await findRubric(ctx().db, aeRubricId, 'en'))!.currentVersion;
    const form = await editForm(admin, aeRubricId);
    const keyOf = (key: string) => Object.keys(form).find((k) => /^d\d+_key$/.test(k) && form[k] === key)!.replace('_key', '');
    const discovery = keyOf('discovery');
    const closing = keyOf('closing_negotiation');
    form[`${discovery}_name`] = '';
    form[`${discovery}_weight`] = '12';
    form[`${closing}_anchor2`] = '';
    form[`${keyOf('integrity')}_threshold`] = '9';
    form.note = 'My typed note <b>';
    const res = await admin.post(`/rubrics/${aeRubricId}`).type('form').send({ ...form, action: 'save' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Nothing was saved');
    expect(res.text).toContain('Please fill this in.');
    expect(res.text).toContain('Enter a weight from 0 to 10.');
    expect(res.text).toContain('Describe the behaviour for this rating.');
    expect(res.text).toContain('Enter a threshold above 1');
    expect(res.text).toContain(`id="${discovery}_weight" name="${discovery}_weight" type="number" min="0" max="10" step="0.5" value="12"`);
    expect(res.text).toContain('value="My typed note &lt;b&gt;"');
    expect((await findRubric(ctx().db, aeRubricId, 'en'))!.currentVersion).toBe(before);
  });

  it('when all weights are 0 or two dimensions share a key, then it is refused', async () => {
    const before = (await findRubric(ctx().db, aeRubricId, 'en'))!.currentVersion;
    const form = await editForm(admin, aeRubricId);
    const zero = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, /_weight$/.test(k) ? '0' : v]));
    const res = await admin.post(`/rubrics/${aeRubricId}`).type('form').send({ ...zero, action: 'save' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('At least one dimension needs a weight above 0.');

    const count = Number(form.count);
    const dup = { ...form, count: String(count + 1), [`d${count}_key`]: 'discovery', [`d${count}_name`]: 'Again', [`d${count}_group`]: 'role', [`d${count}_weight`]: '1', [`d${count}_anchor1`]: 'a', [`d${count}_anchor2`]: 'b', [`d${count}_anchor3`]: 'c', [`d${count}_anchor4`]: 'd', action: 'save' };
    const dupRes = await admin.post(`/rubrics/${aeRubricId}`).type('form').send(dup);
    expect(dupRes.status).toBe(422);
    expect(dupRes.text).toContain('Another dimension already uses this key.');
    expect((await findRubric(ctx().db, aeRubricId, 'en'))!.currentVersion).toBe(before);
  });

  it('when someone saved in between, then the later save is refused with the newer version named', async () => {
    const form = await editForm(admin, aeRubricId);
    const current = (await findRubric(ctx().db, aeRubricId, 'en'))!.currentVersion;
    const stale: Record<string, string> = { ...form, base_version: String(current - 1), note: 'stale edit', action: 'save' };
    const nameField = Object.keys(form).find((k) => /^d\d+_name$/.test(k))!;
    stale[nameField] = 'Changed name';
    const res = await admin.post(`/rubrics/${aeRubricId}`).type('form').send(stale);
    expect(res.status).toBe(409);
    expect(res.text).toContain(`Someone saved version ${current}`);
    expect((await findRubric(ctx().db, aeRubricId, 'en'))!.currentVersion).toBe(current);
  });

  it('when an admin edits a role, then the role page shows it; an empty field is refused', async () => {
    const token = await csrfToken(admin, '/roles/1');
    const bad = await admin.post('/roles/1').type('form').send({ _csrf: token, name: '', summary: 'Finds prospects', hands_off_to: 'AEs', pay_model: 'Base + bonus' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Please fill this in.');
    expect(bad.text).toContain('Finds prospects');
    const ok = await admin.post('/roles/1').type('form').send({ _csrf: token, name: 'SDR – outbound (EMEA)', summary: 'Finds prospects', hands_off_to: 'AEs', pay_model: 'Base + bonus per qualified lead' });
    expect(ok.status).toBe(303);
    const page = await admin.get('/roles/1');
    expect(page.text).toContain('SDR – outbound (EMEA)');
  });

  it('when a reader has chosen Russian, then the rubric pages are in Russian', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'hiring_manager');
    const token = await csrfToken(agent, '/rubrics');
    await agent.post('/language').type('form').send({ _csrf: token, language: 'ru', return_to: '/rubrics' });
    const page = await agent.get(`/rubrics/${aeRubricId}`);
    expect(page.text).toContain('Основа: для всех ролей в продажах');
    expect(page.text).toContain('4 · Точно да');
    const plan = await agent.get('/team-plan');
    expect(plan.text).toContain('Ваша команда сегодня');
  });

  it('when a rubric or version does not exist, then 404', async () => {
    expect((await admin.get('/rubrics/99999')).status).toBe(404);
    expect((await admin.get(`/rubrics/${aeRubricId}?version=999`)).status).toBe(404);
    expect((await admin.get(`/rubrics/${aeRubricId}?version=abc`)).status).toBe(404);
    expect((await admin.get(`/rubrics/${aeRubricId}/compare?from=1&to=99`)).status).toBe(404);
    expect((await admin.get('/roles/abc')).status).toBe(404);
  });
});
