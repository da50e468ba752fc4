import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { attachScreenshot, expectNoSeriousA11yViolations, openApp, waitForModel } from './helpers/app';

/**
 * Job titles in English, German and Spanish, built from plain words: seniority × role × place.
 * The place makes titles distinct, so the list really has `count` different titles to match.
 */
const ROLES: Record<'en' | 'de' | 'es', { level: string[]; role: string[]; at: string }> = {
  en: { level: ['Senior', 'Junior', 'Lead', 'Trainee'], role: ['nurse', 'teacher', 'software developer', 'accountant', 'electrician', 'baker', 'truck driver', 'sales manager', 'cook', 'carpenter'], at: 'in' },
  de: { level: ['Leitender', 'Junior', 'Erfahrener', 'Auszubildender'], role: ['Krankenpfleger', 'Lehrer', 'Softwareentwickler', 'Buchhalter', 'Elektriker', 'Bäcker', 'Lkw-Fahrer', 'Vertriebsleiter', 'Koch', 'Tischler'], at: 'in' },
  es: { level: ['senior', 'junior', 'jefe', 'aprendiz'], role: ['enfermero', 'profesor', 'desarrollador de software', 'contable', 'electricista', 'panadero', 'conductor de camión', 'director de ventas', 'cocinero', 'carpintero'], at: 'en' },
};
const PLACES = ['Berlin', 'Madrid', 'Dublin', 'Vienna', 'Sevilla', 'Hamburg', 'Cork', 'Bilbao', 'Graz', 'Leeds', 'Zürich', 'Valencia', 'Lyon', 'Porto', 'Bremen', 'Malaga', 'Galway', 'Linz', 'Bristol', 'Toledo'];

function makeTitles(count: number): string[] {
  const titles: string[] = [];
  const langs = ['en', 'de', 'es'] as const;
  for (let i = 0; titles.length < count; i++) {
    const words = ROLES[langs[i % 3]];
    const n = Math.floor(i / 3);
    const role = words.role[n % words.role.length];
    const level = words.level[Math.floor(n / words.role.length) % words.level.length];
    const place = PLACES[Math.floor(n / (words.role.length * words.level.length)) % PLACES.length];
    const suffix = Math.floor(n / (words.role.length * words.level.length * PLACES.length));
    titles.push(`${level} ${role} ${words.at} ${place}${suffix ? ` ${suffix + 1}` : ''}`);
  }
  return titles;
}

const csvOf = (header: string[] | null, rows: string[][]) => Papa.unparse(header ? [header, ...rows] : rows, { newline: '\n' });

async function openCsv(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('titles-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

async function saveDownload(page: Page, button: Locator): Promise<Buffer> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFile((await download.path())!);
}

/** exceljs reads an ArrayBuffer in Node as in the browser. */
const arrayBufferOf = (buffer: Buffer): ArrayBuffer => Uint8Array.from(buffer).buffer;

function parseCsv(buffer: Buffer): string[][] {
  return Papa.parse<string[]>(buffer.toString('utf8').replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
}

/** The rows of the table's current page as the person sees them: row number, title, chosen occupation. */
async function visibleRows(page: Page): Promise<{ row: string; title: string; best: string }[]> {
  return page.getByTestId('titles-table').locator('tbody tr[data-row]').evaluateAll((rows) =>
    rows.map((tr) => {
      const cells = tr.querySelectorAll('td');
      const select = cells[2].querySelector('select');
      const best = select ? select.options[select.selectedIndex].text.replace(/\s*\([^()]*\)\s*$/, '') : '';
      return { row: cells[0].textContent!.trim(), title: cells[1].textContent!.trim(), best };
    }),
  );
}

/** Matched rows of the list saved in the app's IndexedDB (what a reload restores). */
function storedMatchedRows(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('esco-matcher-app');
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('titles.batch');
          get.onsuccess = () => resolve(Array.from((get.result?.matched as Uint8Array | undefined) ?? []).filter(Boolean).length);
          get.onerror = () => resolve(-1);
        };
        open.onerror = () => resolve(-1);
      }),
  );
}

test.describe('job titles', () => {
  test('one title gives ESCO occupations with labels in other languages', async ({ page }, testInfo) => {
    await openApp(page, 'titles');
    await page.getByLabel('Job title', { exact: true }).fill('Krankenpfleger');
    await page.getByRole('button', { name: 'Find occupations' }).click();
    const results = page.getByTestId('single-results');
    await expect(results.locator('.result-item').first()).toBeVisible({ timeout: 150_000 });
    await expect(results.locator('.result-item').first().locator('.result-label')).toHaveText(/nurs/i);
    // The first result is open: its labels in the other ESCO languages are listed.
    const otherLabels = results.locator('.result-item').first().locator('dl.other-labels');
    await expect(otherLabels.locator('dt', { hasText: 'Deutsch' })).toBeVisible();
    await expect(otherLabels.locator('dd[lang="de"]')).toHaveText(/\S/);
    await attachScreenshot(page, testInfo, 'titles-single.png');
  });

  test('"Detect automatically" searches a German title in the German labels: "Einbalsamierer" finds the embalmer', async ({ page }) => {
    await openApp(page, 'titles');
    await waitForModel(page);
    await expect(page.getByLabel('Language of the titles')).toHaveValue('auto');
    await page.getByLabel('Job title', { exact: true }).fill('Einbalsamierer');
    await page.getByRole('button', { name: 'Find occupations' }).click();
    const first = page.getByTestId('single-results').locator('.result-item').first();
    // By meaning alone (or searched in the English labels) the first result was "circus artist".
    await expect(first.locator('.result-label')).toHaveText('embalmer', { timeout: 60_000 });
    await expect(page.getByTestId('detected-lang')).toHaveText(/^Title language: Deutsch \(detected automatically\)/);
    // A language chosen by hand is used as it is, and nothing is said to have been detected.
    await page.getByLabel('Language of the titles').selectOption('en');
    await page.getByRole('button', { name: 'Find occupations' }).click();
    await expect(first.locator('.result-label')).toHaveText('circus artist');
    await expect(page.getByTestId('detected-lang')).toHaveCount(0);
  });

  test('500 titles in three languages: matched, exported as CSV that parses back to the table, then a cancelled run keeps its partial table', async ({ page }, testInfo) => {
    await openApp(page, 'titles');
    await waitForModel(page);
    const titles = makeTitles(500);
    await openCsv(page, 'titles.csv', csvOf(['Job title', 'Department'], titles.map((title, i) => [title, `D${i % 7}`])));
    await expect(page.getByTestId('header-message')).toHaveText(/first row looks like a header/);
    await expect(page.getByTestId('title-count')).toHaveText(/^500 titles \(500 different/);

    const started = Date.now();
    await page.getByRole('button', { name: 'Match all titles' }).click();
    await expect(page.getByTestId('run-status')).toHaveText(/Done: 500 titles matched/, { timeout: 170_000 });
    testInfo.annotations.push({ type: 'measured', description: `500 titles matched in ${Date.now() - started} ms (incl. UI)` });
    await expect(page.getByTestId('page-status').first()).toHaveText('Rows 1–50 of 500');
    await attachScreenshot(page, testInfo, 'titles-500-done.png');

    // Edit one best match: pick the second option of row 2; the export must carry the edit.
    const select = page.getByTestId('titles-table').locator('tr[data-row="2"] select');
    const second = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(second!);
    await expect(page.getByTestId('titles-table').locator('tr[data-row="2"] .badge')).toHaveText('edited');

    const table = await visibleRows(page);
    const csv = parseCsv(await saveDownload(page, page.getByRole('button', { name: 'Export CSV' })));
    expect(csv[0]).toEqual(['row', 'title', 'esco_uri', 'esco_occupation', 'isco_code', 'score', 'edited', 'runner_ups']);
    expect(csv.length).toBe(501);
    expect(csv.slice(1).map((row) => row[1])).toEqual(titles);
    for (const shown of table) {
      const line = csv[Number(shown.row)];
      expect(line[1]).toBe(shown.title);
      expect(line[3]).toBe(shown.best);
      expect(line[2]).toMatch(/^http:\/\/data\.europa\.eu\/esco\/occupation\//);
    }
    expect(csv[2][6]).toBe('edited');
    expect(csv[2][2]).toBe(second);

    // The same list as Excel: same titles and occupations.
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(arrayBufferOf(await saveDownload(page, page.getByRole('button', { name: 'Export Excel (.xlsx)' }))));
    const sheet = xlsx.worksheets[0];
    expect(sheet.actualRowCount).toBe(501);
    expect(sheet.getRow(3).getCell(2).text).toBe(titles[1]);
    expect(sheet.getRow(3).getCell(4).text).toBe(csv[2][3]);

    // A second, longer run, cancelled halfway: the rows matched so far stay and export.
    const many = makeTitles(6000);
    await openCsv(page, 'many-titles.csv', csvOf(['title'], many.map((title) => [title])));
    await expect(page.getByTestId('title-count')).toHaveText(/^6,000 titles/);
    await page.getByRole('button', { name: 'Match all titles' }).click();
    const bar = page.getByRole('progressbar');
    await expect.poll(async () => Number((await bar.getAttribute('aria-valuenow')) ?? 0), { timeout: 170_000 }).toBeGreaterThanOrEqual(10);
    await page.getByTestId('titles-cancel').click();
    const status = page.getByTestId('run-status');
    await expect(status).toHaveText(/Stopped after [\d,]+ of 6,000 different titles/);
    const matched = Number((await status.innerText()).match(/after ([\d,]+)/)![1].replace(/,/g, ''));
    expect(matched).toBeGreaterThan(0);
    expect(matched).toBeLessThan(6000);
    await expect(page.getByTestId('titles-table').locator('tr[data-row="1"] select')).toBeVisible();
    await page.getByLabel('Show').selectOption('unmatched');
    await expect(page.getByTestId('page-status').first()).toHaveText(`Rows 1–50 of ${(6000 - matched).toLocaleString('en')}`);
    await attachScreenshot(page, testInfo, 'titles-cancelled-partial.png');
    const partial = parseCsv(await saveDownload(page, page.getByRole('button', { name: 'Export CSV' })));
    expect(partial.length).toBe(6001);
    expect(partial.slice(1).filter((row) => row[2]).length).toBe(matched);
    await expect(page.getByRole('button', { name: /Match the remaining/ })).toBeVisible();
  });

  test('a title that is a formula exports as inert text in CSV and XLSX', async ({ page }) => {
    await openApp(page, 'titles');
    const formula = '=HYPERLINK("http://x")';
    await page.getByTestId('titles-paste').fill(['nurse', formula, '+cmd|calc', '@SUM(A1)', 'baker'].join('\n'));
    await page.getByRole('button', { name: 'Use these titles' }).click();
    await expect(page.getByTestId('header-message')).toHaveText(/No header row found/);
    await page.getByRole('button', { name: 'Match all titles' }).click();
    await expect(page.getByTestId('run-status')).toHaveText(/Done: 5 titles matched/, { timeout: 170_000 });
    const csvText = (await saveDownload(page, page.getByRole('button', { name: 'Export CSV' }))).toString('utf8');
    const csv = parseCsv(Buffer.from(csvText));
    expect(csv[2][1]).toBe(`'${formula}`);
    expect(csv[3][1]).toBe(`'+cmd|calc`);
    expect(csv[4][1]).toBe(`'@SUM(A1)`);
    expect(csv[1][1]).toBe('nurse');
    // No line of the raw file starts a cell with a formula character.
    expect(csvText).not.toMatch(/(^|[,\n])"?[=+@]/m);
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(arrayBufferOf(await saveDownload(page, page.getByRole('button', { name: 'Export Excel (.xlsx)' }))));
    const cell = xlsx.worksheets[0].getRow(3).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'${formula}`);
    expect(cell.formula).toBeUndefined();
  });

  test('a CSV without a header and one with 100,000 rows get clear messages', async ({ page }, testInfo) => {
    await openApp(page, 'titles');
    await openCsv(page, 'no-header.csv', ['nurse', 'baker', 'Lehrer', 'profesor de matemáticas'].join('\n'));
    await expect(page.getByTestId('header-message')).toHaveText(
      'No header row found: the first row is treated as a title. If it is a header, tick “First row is a header”.',
    );
    await expect(page.getByTestId('title-count')).toHaveText(/^4 titles/);
    await page.getByLabel('First row is a header').check();
    await expect(page.getByTestId('title-count')).toHaveText(/^3 titles/);

    const huge = ['title', ...makeTitles(100_000)].join('\n');
    await openCsv(page, 'huge.csv', huge);
    await expect(page.getByRole('main').getByRole('alert')).toContainText('This file has 100,001 rows; the limit is 20,000. Split it into smaller files');
    // The earlier list is still there: a refused file changes nothing.
    await expect(page.getByTestId('title-count')).toHaveText(/^3 titles/);
    await attachScreenshot(page, testInfo, 'titles-messages.png');
  });

  test('an XLSX file: header and title column are found', async ({ page }) => {
    await openApp(page, 'titles');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Staff');
    sheet.addRow(['ID', 'Stellenbezeichnung', 'Abteilung']);
    ['Krankenpfleger', 'Bäcker', 'Softwareentwickler'].forEach((title, i) => sheet.addRow([i + 1, title, 'A']));
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await page.getByTestId('titles-file').setInputFiles({ name: 'staff.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await expect(page.getByTestId('titles-source')).toContainText('Read 4 rows from sheet “Staff” of staff.xlsx.');
    await expect(page.getByTestId('header-message')).toHaveText(/“Stellenbezeichnung”/);
    await expect(page.getByLabel('Column with the titles')).toHaveValue('1');
    await expect(page.getByTestId('title-count')).toHaveText(/^3 titles/);
  });

  test('list and results survive a reload; no serious axe violation', async ({ page }, testInfo) => {
    await openApp(page, 'titles');
    await page.getByTestId('titles-paste').fill('nurse\nbaker\nLehrer');
    await page.getByRole('button', { name: 'Use these titles' }).click();
    await page.getByRole('button', { name: 'Match all titles' }).click();
    await expect(page.getByTestId('run-status')).toHaveText(/Done: 3 titles matched/, { timeout: 170_000 });
    const before = await visibleRows(page);
    await expectNoSeriousA11yViolations(page, testInfo, 'titles-results');
    // Reload only once the debounced IndexedDB write holds the matched list.
    await expect.poll(() => storedMatchedRows(page)).toBe(3);
    await page.reload();
    await expect(page.getByTestId('titles-table')).toBeVisible();
    expect(await visibleRows(page)).toEqual(before);
    await expect(page.getByTestId('titles-paste')).toHaveValue('nurse\nbaker\nLehrer');
  });
});
