/**
 * The company's name and logo in a real browser: an admin names the company and sees the name in
 * the header and the tab's title; a file that is no image is refused next to the field; a PNG logo
 * shows beside the name on every page, at desktop and phone widths, and goes again when removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { type DemoAccount } from '../../src/demo/demo';
import { freshTempDir, type Page, reviewPage, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let accounts: DemoAccount[];
let page: Page;

useDemoJourney('company-brand', (journey) => {
  ({ accounts, page } = journey);
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 96×32 logo: three coloured bars on white. */
function logoPng(): Buffer {
  const width = 96;
  const height = 32;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3, 255);
    row[0] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const bar = Math.floor(x / 32);
      const colour = [[0x1d, 0x4e, 0x89], [0xe0, 0x7a, 0x1f], [0x2a, 0x9d, 0x5c]][bar]!;
      if (y > 4 && y < height - 4 && x % 32 > 3 && x % 32 < 28) row.set(colour, 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const brand = () => page.getByRole('navigation', { name: 'Main' }).locator('a.brand');

describe('the company’s name and logo in a browser', () => {
  test('when an admin names the company, then the header and the title carry it', async () => {
    const admin = accounts.find((a) => a.role === 'admin')!;
    await page.goto(url('/login'));
    await signIn(page, admin.email, admin.password);
    await waitForPath(page, '/');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url('/settings'));
    await page.getByLabel('Company name').fill('Northwind Sales');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await seen(page.getByRole('status').filter({ hasText: 'Settings saved.' }));
    expect((await brand().textContent())?.trim()).toBe('Northwind Sales');
    expect(await page.title()).toBe('Settings · Northwind Sales');

    await page.getByLabel('Company name').fill('   ');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await seen(page.locator('#field-company_name-error'));
    expect((await brand().textContent())?.trim()).toBe('Northwind Sales');
  });

  test('when the admin uploads a file that is no image, then the message sits by the field; a PNG then shows beside the name on every page', async () => {
    const dir = freshTempDir('logo');
    const fake = path.join(dir, 'logo.png');
    fs.writeFileSync(fake, '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    await page.goto(url('/settings'));
    await page.getByLabel('Logo image').setInputFiles(fake);
    await page.getByRole('button', { name: 'Upload the logo' }).click();
    const error = await seen(page.locator('#field-logo-error'));
    expect(await error.textContent()).toContain('not a PNG or JPEG image');
    expect(await page.getByLabel('Logo image').getAttribute('aria-invalid')).toBe('true');
    expect(await brand().locator('img.brand-logo').count()).toBe(0);

    const real = path.join(dir, 'northwind.png');
    fs.writeFileSync(real, logoPng());
    await page.getByLabel('Logo image').setInputFiles(real);
    await page.getByRole('button', { name: 'Upload the logo' }).click();
    await seen(page.getByRole('status').filter({ hasText: 'Logo saved.' }));
    const logo = await seen(brand().locator('img.brand-logo'));
    expect(await logo.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBe(96);
    // Drawn, not just fetched: the first bar's blue is there.
    const pixel = await logo.evaluate((img) => {
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 32;
      const context = canvas.getContext('2d')!;
      context.drawImage(img as HTMLImageElement, 0, 0);
      return [...context.getImageData(10, 16, 1, 1).data];
    });
    expect(pixel).toEqual([0x1d, 0x4e, 0x89, 255]);
    await seen(page.getByRole('img', { name: 'The current logo' }));
    await reviewPage(page, 'cb01-settings-logo-1366');

    await page.goto(url('/rubrics'));
    await seen(brand().locator('img.brand-logo'));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${__dirname}/artifacts/cb02-rubrics-logo-390-viewport.png` });
    await page.goto(url('/settings'));
    await reviewPage(page, 'cb03-settings-logo-390');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  test('when the admin removes the logo, then the header shows the name alone again', async () => {
    await page.goto(url('/settings'));
    await page.getByRole('button', { name: 'Remove the logo' }).click();
    await seen(page.getByRole('status').filter({ hasText: 'Logo removed.' }));
    expect(await brand().locator('img.brand-logo').count()).toBe(0);
    expect((await brand().textContent())?.trim()).toBe('Northwind Sales');
    await seen(page.getByText('No logo: the header shows the name alone.'));
  });

  test('when the name is long, then the header wraps it at 320 px instead of scrolling sideways', async () => {
    const long = 'Северо-Западная торговая компания «Лучшие продажи и партнёры» International Sales Partnership';
    await page.getByLabel('Company name').fill(long);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await seen(page.getByRole('status').filter({ hasText: 'Settings saved.' }));
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(url('/rubrics'));
    expect((await brand().textContent())?.trim()).toBe(long);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: `${__dirname}/artifacts/cb04-long-name-320-viewport.png` });
    await page.setViewportSize({ width: 1366, height: 900 });
  });
});
