import fs from 'node:fs';
import request from 'supertest';
import { getCompanyBrand } from '../../../src/settings/settings.repository';
import { sweepUnreferencedFiles } from '../../../src/uploads/sweep';
import { makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG = Buffer.concat([PNG_SIGNATURE, Buffer.from('IHDR the rest of a small logo')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF a small logo')]);
const LIMIT = 512 * 1024;

function bytes(r: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = r as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

describeEachDialect('the company’s name and logo', (ctx: () => TestContext) => {
  let admin: Agent;

  beforeAll(async () => {
    admin = (await signInAs(ctx().app, ctx().db, 'admin')).agent;
  });

  async function saveSettings(fields: Record<string, string>) {
    const token = await csrfToken(admin, '/settings');
    return admin.post('/settings').type('form').send({ _csrf: token, company_time_zone: 'UTC', reminder_hours: '24', independent_feedback: 'on', ...fields });
  }

  async function uploadLogo(content: Buffer | undefined, name = 'logo.png', contentType = 'image/png', agent = admin) {
    const token = await csrfToken(agent, '/');
    const req = agent.post(`/settings/logo?_csrf=${encodeURIComponent(token)}`).field('x', '1');
    return content ? req.attach('logo', content, { filename: name, contentType }) : req;
  }

  const logoRows = () => ctx().db.selectFrom('stored_files').select(['id', 'storage_key', 'mime_type']).orderBy('id').execute();
  const logoSettings = () => ctx().db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['company_logo_file_id', 'company_logo_version']).orderBy('key').execute();

  it('when an admin names the company, then the header, the page titles, the printed pages and mail carry the name, escaped', async () => {
    const res = await saveSettings({ company_name: '  Acme & <Co>  ' });
    expect(res.status).toBe(303);
    const home = await admin.get('/settings');
    expect(home.text).toContain('<title>Settings · Acme &amp; &lt;Co&gt;</title>');
    expect(home.text).toMatch(/<a class="brand" href="\/"><img src="\/static\/images\/favicon.svg" alt="" width="24" height="24"> <span class="brand-name">Acme &amp; &lt;Co&gt;<\/span><\/a>/);
    expect(home.text).toContain('value="Acme &amp; &lt;Co&gt;"');
    const signInPage = await request(ctx().app).get('/login');
    expect(signInPage.text).toContain('<span class="brand-name">Acme &amp; &lt;Co&gt;</span>');
    const opening = await makeOpening(ctx().db, { roleKey: 'ae' });
    const printed = await admin.get(`/openings/${opening.id}/compare?view=print`);
    expect(printed.status).toBe(200);
    expect(printed.text).toContain('class="print-view"');
    expect(printed.text).toMatch(/<header class="print-brand container-fluid">\s*<span class="brand-name">Acme &amp; &lt;Co&gt;<\/span>/);
    expect(printed.text).toContain('· Acme &amp; &lt;Co&gt;</title>');

    // Mail names the company as its sender and in its words.
    const token = await csrfToken(admin, '/users');
    expect((await admin.post('/users').type('form').send({ _csrf: token, name: 'Nina New', email: `nina.${ctx().dialect}@example.test`, role: 'recruiter' })).status).toBe(303);
    const mail = await ctx().db.selectFrom('outbox_messages').select(['sender_name', 'subject']).where('recipient_email', '=', `nina.${ctx().dialect}@example.test`).executeTakeFirstOrThrow();
    expect(mail.sender_name).toBe('Acme & <Co>');
    expect(mail.subject).toContain('Acme & <Co>');
  });

  it('when the name is left empty or is too long, then a message sits next to it, everything typed stays, and nothing is saved; 120 characters are accepted', async () => {
    expect((await saveSettings({ company_name: 'Before' })).status).toBe(303);
    for (const [name, message] of [['   ', 'Please fill this in.'], ['x'.repeat(121), 'too long']] as const) {
      const res = await saveSettings({ company_name: name, company_time_zone: 'Europe/Berlin', reminder_hours: '48', independent_feedback: '' });
      expect(res.status).toBe(422);
      expect(res.text).toMatch(new RegExp(`<small id="field-company_name-error" class="field-error">[^<]*${message}`, 'i'));
      expect(res.text).toContain('aria-invalid="true" aria-describedby="field-company_name-error"');
      expect(res.text).toContain(`value="${name}"`);
      expect(res.text).toContain('<option value="Europe/Berlin" selected>');
      expect(res.text).toContain('value="48"');
      expect((await getCompanyBrand(ctx().db)).name).toBe('Before');
      const settings = await ctx().db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['company_time_zone', 'scorecard_reminder_hours']).execute();
      expect(settings.find((s) => s.key === 'company_time_zone')?.value).toBe('UTC');
    }
    expect((await saveSettings({ company_name: 'y'.repeat(120) })).status).toBe(303);
    expect((await getCompanyBrand(ctx().db)).name).toBe('y'.repeat(120));
    expect((await saveSettings({ company_name: 'Acme' })).status).toBe(303);
  });

  it('when someone other than an admin tries the settings, the logo or its removal, then 403 and nothing changes', async () => {
    for (const role of ['recruiter', 'hiring_manager', 'interviewer', 'new_hire'] as const) {
      const agent = await signIn(ctx().app, (await createUser(ctx().db, role)).email);
      const token = await csrfToken(agent, '/');
      expect((await agent.get('/settings')).status).toBe(403);
      expect((await agent.post('/settings').type('form').send({ _csrf: token, company_name: 'Hijacked', company_time_zone: 'UTC' })).status).toBe(403);
      expect((await uploadLogo(PNG, 'logo.png', 'image/png', agent)).status).toBe(403);
      expect((await agent.post('/settings/logo/remove').type('form').send({ _csrf: token })).status).toBe(403);
    }
    const anonymous = request.agent(ctx().app);
    expect((await anonymous.post('/settings/logo').attach('logo', PNG, 'logo.png')).status).toBe(403);
    expect((await getCompanyBrand(ctx().db)).name).toBe('Acme');
    expect(await logoSettings()).toEqual([]);
  });

  it('when the logo is no PNG or JPEG by its content, is empty, too large, or missing, then a message sits next to the field and nothing is kept', async () => {
    const before = await logoRows();
    const cases: [Buffer | undefined, string, string, string][] = [
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.png', 'image/png', 'not a PNG or JPEG image'],
      [Buffer.from('GIF89a a gif logo'), 'logo.jpg', 'image/jpeg', 'not a PNG or JPEG image'],
      [Buffer.from('%PDF-1.4\n%%EOF\n'), 'logo.png', 'image/png', 'not a PNG or JPEG image'],
      [Buffer.alloc(0), 'logo.png', 'image/png', 'This file is empty'],
      [Buffer.concat([PNG_SIGNATURE, Buffer.alloc(LIMIT - PNG_SIGNATURE.length + 1)]), 'big.png', 'image/png', 'the limit is 512 KB'],
      [undefined, '', '', 'Choose an image file'],
    ];
    for (const [content, name, type, message] of cases) {
      const res = await uploadLogo(content, name, type);
      expect(res.status).toBe(422);
      expect(res.text).toMatch(new RegExp(`<small id="field-logo-error" class="field-error">[^<]*${message}`));
      expect(res.text).toContain('name="logo" type="file"');
      expect(res.text).toContain('aria-invalid="true"');
    }
    expect(await logoRows()).toEqual(before);
    expect(await logoSettings()).toEqual([]);
    expect(fs.readdirSync(ctx().storage.tmpDir)).toEqual([]);
  });

  it('when an admin uploads a PNG logo of exactly the limit, then the header shows it on every page and its versioned URL serves it as an image, cached for ever, to anyone', async () => {
    const logo = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(LIMIT - PNG_SIGNATURE.length, 7)]);
    const res = await uploadLogo(logo, 'whatever.gif', 'application/octet-stream');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/settings#logo');
    const { logo: current } = await getCompanyBrand(ctx().db);
    const url = `/company-logo/${current!.version}`;
    const page = await admin.get('/candidates');
    expect(page.text).toContain(`<a class="brand" href="/"><img class="brand-logo" src="${url}" alt=""> <span class="brand-name">Acme</span></a>`);
    expect((await admin.get('/settings')).text).toContain(`<img src="${url}" alt="The current logo">`);

    const served = await request(ctx().app).get(url).buffer(true).parse(bytes);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['set-cookie']).toBeUndefined();
    expect(Buffer.compare(served.body as Buffer, logo)).toBe(0);
    expect((await request(ctx().app).get('/login')).text).toContain(`src="${url}"`);
    // Signed in, the answer still carries no session cookie for a shared cache to keep.
    const signedIn = await admin.get(url);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers['set-cookie']).toBeUndefined();
    expect((await request(ctx().app).get('/company-logo/1-0000000000000000')).status).toBe(404);

    // The start-up sweep of files no record points at keeps the logo.
    await sweepUnreferencedFiles(ctx().db, ctx().storage, new Date(ctx().clock.now().getTime() + 60_000));
    expect((await request(ctx().app).get(url)).status).toBe(200);
  });

  it('when an admin replaces the logo with a JPEG, then the new one has a new URL, the old URL and file are gone; removed, the header shows the name alone', async () => {
    const { logo: old } = await getCompanyBrand(ctx().db);
    const oldRow = (await logoRows()).find((r) => r.id === old!.fileId)!;
    expect((await uploadLogo(JPEG, 'logo.jpeg', 'image/jpeg')).status).toBe(303);
    const { logo: current } = await getCompanyBrand(ctx().db);
    expect(current!.version).not.toBe(old!.version);
    expect((await request(ctx().app).get(`/company-logo/${old!.version}`)).status).toBe(404);
    const served = await request(ctx().app).get(`/company-logo/${current!.version}`);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect((await logoRows()).some((r) => r.id === oldRow.id)).toBe(false);
    expect(fs.existsSync(ctx().storage.pathOf(oldRow.storage_key))).toBe(false);

    const token = await csrfToken(admin, '/settings');
    const removed = await admin.post('/settings/logo/remove').type('form').send({ _csrf: token });
    expect(removed.status).toBe(303);
    expect(await logoSettings()).toEqual([]);
    expect((await request(ctx().app).get(`/company-logo/${current!.version}`)).status).toBe(404);
    expect((await logoRows()).some((r) => r.id === current!.fileId)).toBe(false);
    const page = await admin.get('/settings');
    expect(page.text).not.toContain('brand-logo');
    expect(page.text).toContain('No logo: the header shows the name alone.');
    const audit = await ctx().db.selectFrom('audit_log').select('action').where('action', '=', 'settings.logo').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });
});
