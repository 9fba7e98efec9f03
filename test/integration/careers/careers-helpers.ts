import request from 'supertest';
import type { Express } from 'express';
import { type Agent, csrfToken } from '../../helpers/web';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let addressSeq = 0;

/** A fresh client address (the app trusts one proxy hop in these tests): each has its own hourly limit. */
export function nextAddress(): string {
  addressSeq += 1;
  return `198.51.${Math.floor(addressSeq / 250)}.${(addressSeq % 250) + 1}`;
}

/** Publishes (or saves) an opening's posting as a staff agent; returns the response. */
export async function savePostingAs(agent: Agent, openingId: number, fields: Record<string, string>): Promise<request.Response> {
  const token = await csrfToken(agent, `/openings/${openingId}/careers`);
  return agent
    .post(`/openings/${openingId}/careers`)
    .type('form')
    .send({ _csrf: token, public_title: 'Account Executive', description: 'We sell software.', location: 'Berlin', employment_type: 'full_time', slug: '', ...fields });
}

/** A visitor's browser: its own cookie jar, nothing else. */
export function visitor(app: Express): Agent {
  return request.agent(app);
}

/** Opens the posting's page and returns the form's token. */
export async function openForm(browser: Agent, slug: string, address: string): Promise<string> {
  const res = await browser.get(`/jobs/${slug}`).set('X-Forwarded-For', address);
  const match = /name="form_token" value="([^"]+)"/.exec(res.text);
  if (res.status !== 200 || !match?.[1]) throw new Error(`no form on /jobs/${slug} (${res.status})`);
  return match[1];
}

export interface Sent {
  readonly fields?: Record<string, string>;
  readonly file?: { content: Buffer; name: string };
  readonly token: string;
  readonly address: string;
}

export const APPLICANT = { name: 'Ada Applicant', email: 'ada@example.test', phone: '+49 30 1234567', linkedin_url: '', cover_note: 'I sold CRM software for five years.', consent: 'on', lang: 'en' };

/** Sends the application form as a browser would (multipart). */
export function sendForm(browser: Agent, slug: string, sent: Sent): request.Test {
  let req = browser.post(`/jobs/${slug}/apply`).set('X-Forwarded-For', sent.address).field('form_token', sent.token);
  for (const [name, value] of Object.entries({ ...APPLICANT, ...sent.fields })) req = req.field(name, value);
  if (sent.file) req = req.attach('resume', sent.file.content, sent.file.name);
  return req;
}
