/**
 * The résumé in the interview kit, in a real browser: a recruiter attaches a PDF résumé to a
 * candidate an interviewer of the demo company is interviewing; the interviewer's kit shows it in
 * a frame, with a download link beside it, and the frame's URL answers with the PDF inline,
 * sandboxed by its own policy (Chromium draws no PDF in a frame with a sandbox attribute). A DOCX
 * résumé stays a download. The candidate's page says, once the résumé's text has been read in the
 * background, how many words it has, or why none could be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type DemoAccount } from '../../src/demo/demo';
import { freshTempDir, type Page, reviewPage, type RunningApp, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let running: RunningApp;
let accounts: DemoAccount[];
let page: Page;

useDemoJourney('resume-kit', (journey) => {
  ({ running, accounts, page } = journey);
});

/** A one-page PDF that says `text`, with a correct cross-reference table. */
function pdfSaying(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 24 Tf 72 760 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 24 Tf 72 760 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function signInAs(role: DemoAccount['role']): Promise<void> {
  const account = accounts.find((a) => a.role === role)!;
  await page.context().clearCookies();
  await page.goto(url('/login'));
  await signIn(page, account.email, account.password);
  await waitForPath(page, '/');
}

/** An interview of the demo interviewer, and its candidate. */
async function interviewerInterview(): Promise<{ interviewId: number; candidateId: number }> {
  const interviewer = accounts.find((a) => a.role === 'interviewer')!;
  const db = running.database.db;
  const row = await db
    .selectFrom('interview_interviewers')
    .innerJoin('users', 'users.id', 'interview_interviewers.user_id')
    .innerJoin('interviews', 'interviews.id', 'interview_interviewers.interview_id')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .select(['interviews.id as interviewId', 'applications.candidate_id as candidateId'])
    .where('users.email', '=', interviewer.email)
    .where('interviews.status', '=', 'scheduled')
    .orderBy('interviews.id')
    .executeTakeFirstOrThrow();
  return row;
}

async function attachResume(candidateId: number, file: string): Promise<void> {
  await page.goto(url(`/candidates/${candidateId}/edit`));
  await page.getByLabel(/résumé \(PDF or DOCX\)/i).setInputFiles(file);
  await page.getByRole('button', { name: 'Save' }).click();
  await seen(page.getByRole('status').filter({ hasText: 'Candidate saved.' }));
}

describe('the résumé in the interview kit, in a browser', () => {
  test('when the résumé is a PDF, then the kit shows it in a frame with a download link, and the frame’s answer is inline, nosniff and sandboxed by its own policy', async () => {
    const { interviewId, candidateId } = await interviewerInterview();
    const pdf = path.join(freshTempDir('resume'), 'kit-cv.pdf');
    fs.writeFileSync(pdf, pdfSaying('Jane Roe - Account Executive'));
    await signInAs('recruiter');
    await attachResume(candidateId, pdf);
    // Its text is read in the background: the candidate's page says so as soon as it is (a reload away).
    for (let waited = 0; waited < 10_000 && !(await page.getByText('Text read (5 words)').count()); waited += 200) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    await seen(page.getByText('Text read (5 words)'));
    await reviewPage(page, 'rk00-candidate-resume-text');

    await signInAs('interviewer');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url(`/interviews/${interviewId}`));
    const frame = await seen(page.locator('iframe.resume-frame'));
    expect(await frame.getAttribute('sandbox')).toBeNull();
    expect(await frame.getAttribute('src')).toBe(`/candidates/${candidateId}/resume/inline`);
    expect(await frame.getAttribute('title')).toMatch(/^Résumé of .+ \(PDF\)$/);
    const box = (await frame.boundingBox())!;
    expect(box.height).toBeGreaterThan(400);
    const download = await seen(page.getByRole('link', { name: 'Download the résumé (PDF)' }));
    expect(await download.getAttribute('href')).toBe(`/candidates/${candidateId}/resume`);

    const inline = await page.request.get(url(`/candidates/${candidateId}/resume/inline`));
    expect(inline.status()).toBe(200);
    const headers = inline.headers();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-disposition']).toMatch(/^inline; filename="kit-cv.pdf"/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toContain('sandbox allow-scripts');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
    const kit = await page.request.get(url(`/interviews/${interviewId}`));
    expect(kit.headers()['content-security-policy']).toContain("frame-src 'self'");

    // Chromium's PDF viewer took the frame: the résumé is drawn, not refused.
    for (let waited = 0; waited < 10_000 && !page.frames().some((f) => f.url().startsWith('chrome-extension://')); waited += 100) await page.waitForTimeout(100);
    expect(page.frames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(true);
    expect(page.frames().some((f) => f.url() === url(`/candidates/${candidateId}/resume/inline`))).toBe(true);
    await reviewPage(page, 'rk01-kit-pdf-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await frame.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${__dirname}/artifacts/rk02-kit-pdf-390-viewport.png` });
    await reviewPage(page, 'rk02-kit-pdf-390');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  test('when the résumé is a DOCX, then the kit offers only the download', async () => {
    const { interviewId, candidateId } = await interviewerInterview();
    const docx = path.join(freshTempDir('resume'), 'kit-cv.docx');
    fs.writeFileSync(docx, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml word/document.xml')]));
    await signInAs('recruiter');
    await attachResume(candidateId, docx);
    // Not a real document: no text can be read from it, and the candidate's page says why.
    const unreadable = 'No text could be read: damaged file. Search will not find words from this résumé.';
    for (let waited = 0; waited < 10_000 && !(await page.getByText(unreadable).count()); waited += 200) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    await seen(page.getByText(unreadable));
    await page.setViewportSize({ width: 390, height: 844 });
    await reviewPage(page, 'rk03-candidate-no-text-390');
    await page.setViewportSize({ width: 1366, height: 900 });
    await signInAs('interviewer');
    await page.goto(url(`/interviews/${interviewId}`));
    await seen(page.getByRole('link', { name: 'Résumé', exact: true }));
    expect(await page.locator('iframe').count()).toBe(0);
    expect((await page.request.get(url(`/candidates/${candidateId}/resume/inline`))).status()).toBe(404);
  });
});
