import { findRubric, findVersionDimensions, listRubrics } from '../../../src/rubrics/rubrics.repository';
import { seedRolesAndRubrics } from '../../../src/rubrics/seed-catalog';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, csrfToken, signInAs } from '../../helpers/web';

const decode = (s: string) => s.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The fields of an editor page as the browser would post them. */
function fieldsOf(html: string): Record<string, string> {
  const form: Record<string, string> = {};
  for (const m of html.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name) continue;
    if (/type="checkbox"/.test(attrs)) {
      if (/ checked/.test(attrs)) form[name] = 'on';
      continue;
    }
    form[name] = decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) form[m[1]!] = decode(m[2]!);
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) form[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
  return form;
}

const names = (form: Record<string, string>) => Array.from({ length: Number(form.count) }, (_, i) => form[`d${i}_name`]);
const keys = (form: Record<string, string>) => Array.from({ length: Number(form.count) }, (_, i) => form[`d${i}_key`]);

describeEachDialect('the rubric editor: order, text boxes, the key', (ctx: () => TestContext) => {
  let admin: Agent;
  let rubricId: number;

  beforeAll(async () => {
    await seedRolesAndRubrics(ctx().db, 'en', ctx().clock.now());
    admin = (await signInAs(ctx().app, ctx().db, 'admin')).agent;
    rubricId = (await listRubrics(ctx().db, 'en')).find((r) => r.roleKey === 'sdr_inbound')!.id;
  });

  async function openEditor(): Promise<{ html: string; form: Record<string, string> }> {
    const page = await admin.get(`/rubrics/${rubricId}/edit`);
    expect(page.status).toBe(200);
    return { html: page.text, form: fieldsOf(page.text) };
  }

  it('when an admin opens the editor, then each dimension has move buttons (none past either end), the key sits under Advanced, the order is no typed number, and Save is in the sticky bar', async () => {
    const { html, form } = await openEditor();
    const count = Number(form.count);
    expect(count).toBeGreaterThan(4);
    expect(html).toMatch(/<button type="submit" name="action" value="up:0"[^>]* disabled>/);
    expect(html).toMatch(/<button type="submit" name="action" value="down:0" class="secondary outline" aria-label="Move down: Integrity">/);
    expect(html).toMatch(new RegExp(`value="down:${count - 1}"[^>]* disabled>`));
    expect(html).toMatch(new RegExp(`value="up:${count - 1}" class="secondary outline" aria-label="Move up: [^"]+">`));
    expect(html).toMatch(/<details class="dimension-advanced">\s*<summary>Advanced<\/summary>\s*<label for="d0_key">Key<\/label>\s*<input id="d0_key" name="d0_key" value="integrity" readonly/);
    expect(html).not.toMatch(/name="d\d+_position" type="number"/);
    expect(html).toContain('<input type="hidden" name="d0_position" value="1">');
    expect(html).toMatch(/<div class="form-actions sticky-actions">\s*<button type="submit" name="action" value="save">Save as a new version<\/button>/);
    // Enter in a field saves: the first submit button of the form is a Save, not a move.
    expect(/<button type="submit" name="action" value="([^"]+)"/.exec(html)?.[1]).toBe('save');
  });

  it('when an anchor is long, then its box has rows for its whole text; a short one keeps the minimum', async () => {
    const { html, form } = await openEditor();
    const rowsOf = (name: string) => Number(new RegExp(`<textarea id="${name}" name="${name}" rows="(\\d+)"`).exec(html)?.[1]);
    const anchors = Object.keys(form).filter((k) => /^d\d+_anchor\d$/.test(k));
    const longest = anchors.reduce((a, b) => (form[a]!.length >= form[b]!.length ? a : b));
    expect(form[longest]!.length).toBeGreaterThan(4 * 36);
    expect(rowsOf(longest)).toBe(Math.min(16, Math.ceil(form[longest]!.length / 36)));
    const edited = await admin.post(`/rubrics/${rubricId}`).type('form').send({ ...form, d0_anchor1: 'x'.repeat(36 * 6 + 1), d0_anchor2: 'short', d0_anchor3: 'x'.repeat(36 * 40), action: 'down:99' });
    const rows = (name: string) => Number(new RegExp(`<textarea id="${name}" name="${name}" rows="(\\d+)"`).exec(edited.text)?.[1]);
    expect([rows('d0_anchor1'), rows('d0_anchor2'), rows('d0_anchor3')]).toEqual([7, 4, 16]);
  });

  it('when an admin moves a dimension down, then the form comes back in the new order with everything typed kept, the button keeps the focus, and nothing is saved until Save', async () => {
    const before = (await findRubric(ctx().db, rubricId, 'en'))!.currentVersion;
    const { form } = await openEditor();
    const [first, second, third] = keys(form);
    const typed = { ...form, d0_name: 'Integrity (typed)', d1_anchor3: 'A typed anchor <b>', d0_weight: '7', note: 'Reordered' };
    const moved = await admin.post(`/rubrics/${rubricId}`).type('form').send({ ...typed, action: 'down:0' });
    expect(moved.status).toBe(200);
    const after = fieldsOf(moved.text);
    expect(keys(after).slice(0, 3)).toEqual([second, first, third]);
    expect(after).toMatchObject({ d0_anchor3: 'A typed anchor <b>', d1_name: 'Integrity (typed)', d1_weight: '7', d1_existing: '1', d0_position: '1', d1_position: '2', note: 'Reordered' });
    expect(moved.text).toMatch(/value="down:1" class="secondary outline" aria-label="Move down: Integrity \(typed\)" autofocus>/);
    expect(moved.text.match(/ autofocus/g)).toHaveLength(1);
    expect((await findRubric(ctx().db, rubricId, 'en'))!.currentVersion).toBe(before);

    // Up moves it back; then down once more and save.
    const back = fieldsOf((await admin.post(`/rubrics/${rubricId}`).type('form').send({ ...after, action: 'up:1' })).text);
    expect(keys(back).slice(0, 3)).toEqual([first, second, third]);
    expect(back.d0_name).toBe('Integrity (typed)');
    const saved = await admin.post(`/rubrics/${rubricId}`).type('form').send({ ...after, action: 'save' });
    expect(saved.status).toBe(303);
    const rubric = (await findRubric(ctx().db, rubricId, 'en'))!;
    expect(rubric.currentVersion).toBe(before + 1);
    const dims = (await findVersionDimensions(ctx().db, rubricId, rubric.currentVersion, 'en'))!;
    expect(dims.slice(0, 3).map((d) => d.key)).toEqual([second, first, third]);
    expect(dims[1]).toMatchObject({ name: 'Integrity (typed)', weight: 7 });
  });

  it('when a move would go past either end or names no dimension, then the form comes back as typed and in the same order', async () => {
    const { form } = await openEditor();
    const count = Number(form.count);
    for (const action of ['up:0', `down:${count - 1}`, `down:${count}`, 'up:999', 'sideways:1']) {
      const res = await admin.post(`/rubrics/${rubricId}`).type('form').send({ ...form, d2_name: 'Still typed', action });
      if (action === 'sideways:1') {
        // Not a move: an ordinary save, refused or saved but never reordered.
        expect([303, 200]).toContain(res.status);
        continue;
      }
      expect(res.status).toBe(200);
      const after = fieldsOf(res.text);
      expect(keys(after)).toEqual(keys(form));
      expect(names(after)[2]).toBe('Still typed');
      expect(res.text).not.toContain(' autofocus');
    }
  });

  it('when a new, unsaved dimension is moved up, then its typed key stays editable and goes with it', async () => {
    const { form } = await openEditor();
    const count = Number(form.count);
    const added = fieldsOf((await admin.post(`/rubrics/${rubricId}`).type('form').send({ ...form, action: 'add' })).text);
    const withNew = { ...added, [`d${count}_name`]: 'Brand new', [`d${count}_key`]: 'brand_new' };
    const res = await admin.post(`/rubrics/${rubricId}`).type('form').send({ ...withNew, action: `up:${count}` });
    const after = fieldsOf(res.text);
    expect(after[`d${count - 1}_key`]).toBe('brand_new');
    expect(after[`d${count - 1}_existing`]).toBeUndefined();
    expect(after[`d${count}_existing`]).toBe('1');
    expect(res.text).toMatch(new RegExp(`<details class="dimension-advanced" open>\\s*<summary>Advanced</summary>\\s*<label for="d${count - 1}_key">Key</label>\\s*<input id="d${count - 1}_key" name="d${count - 1}_key" value="brand_new"\\s+aria-describedby`));
  });

  it('when a recruiter tries to move a dimension, then 403', async () => {
    const recruiter = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
    const token = await csrfToken(recruiter, '/rubrics');
    expect((await recruiter.post(`/rubrics/${rubricId}`).type('form').send({ _csrf: token, count: '2', action: 'down:0' })).status).toBe(403);
  });
});
