import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test } from '@playwright/test';
import { attachScreenshot, expectNoSeriousA11yViolations, openApp, waitForModel } from './helpers/app';

/** Learning outcomes of a spreadsheet and data course, written for this test. */
const COURSE = [
  'Spreadsheets and data analysis for office professionals.',
  'After this course, participants can use spreadsheet software to organise and calculate business data.',
  'They clean data sets, remove duplicates and check data quality before analysing data.',
  'Participants build pivot tables and charts and apply basic statistics to summarise results.',
  'Finally, they present reports with clear visualisations to managers and colleagues.',
].join(' ');

test.describe('course → skills', () => {
  test('a course text gives ranked ESCO skills with type and evidence sentences, and exports CSV', async ({ page }, testInfo) => {
    await openApp(page, 'course');
    await waitForModel(page);
    await page.getByLabel('Course description or learning outcomes').fill(COURSE);
    await page.getByRole('button', { name: 'Find skills' }).click();
    const table = page.getByTestId('course-skills');
    await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 150_000 });

    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = tr.querySelectorAll('td');
        return {
          rank: cells[0].textContent!.trim(),
          skill: cells[1].textContent!.trim(),
          type: cells[2].textContent!.trim(),
          score: cells[3].textContent!.trim(),
          evidence: [...cells[4].querySelectorAll('li')].map((li) => li.textContent!.replace(/^“|”$/g, '').trim()),
        };
      }),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(20);
    // "Detect automatically" (the default) says which language the text was analysed in.
    await expect(page.getByTestId('detected-lang')).toHaveText(/^Text language: English \(detected automatically\)/);
    await expect(page.getByTestId('course-result').getByRole('heading', { level: 3 })).toHaveText(`${rows.length} ESCO skills for this course`);
    // Types come from ESCO; scores are ranked; evidence quotes sentences of the course text.
    for (const row of rows) expect(['knowledge', 'skill/competence']).toContain(row.type);
    const scores = rows.map((row) => Number(row.score));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const withEvidence = rows.filter((row) => row.evidence.length > 0);
    expect(withEvidence.length).toBeGreaterThan(rows.length / 2);
    for (const row of withEvidence) for (const sentence of row.evidence) expect(COURSE).toContain(sentence);
    // The course is about spreadsheets and data: that shows up among the top skills.
    expect(rows.slice(0, 10).map((row) => row.skill).join(' | ')).toMatch(/spreadsheet|data|statistic/i);
    await attachScreenshot(page, testInfo, 'course-skills.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = Papa.parse<string[]>((await readFile((await download.path())!)).toString('utf8').replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    expect(csv[0]).toEqual(['rank', 'esco_skill', 'esco_uri', 'type', 'score', 'evidence']);
    expect(csv.length).toBe(rows.length + 1);
    expect(csv.slice(1).map((line) => line[1])).toEqual(rows.map((row) => row.skill));
    expect(csv[1][2]).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);

    // Filtering by type keeps only that type.
    await page.getByLabel('Type', { exact: true }).selectOption('knowledge');
    const types = await table.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(types.every((type) => type === 'knowledge')).toBe(true);
    await expectNoSeriousA11yViolations(page, testInfo, 'course-results');
  });

  test('empty text gets a clear message; text and results survive a reload', async ({ page }) => {
    await openApp(page, 'course');
    await page.getByRole('button', { name: 'Find skills' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Paste or type the course text first.');
    await page.getByLabel('Course description or learning outcomes').fill(COURSE);
    await page.getByLabel('Number of skills').selectOption('10');
    await page.getByRole('button', { name: 'Find skills' }).click();
    await expect(page.getByTestId('course-skills').locator('tbody tr').first()).toBeVisible({ timeout: 150_000 });
    const count = await page.getByTestId('course-skills').locator('tbody tr').count();
    expect(count).toBeLessThanOrEqual(10);
    const first = await page.getByTestId('course-skills').locator('tbody tr').first().innerText();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const open = indexedDB.open('esco-matcher-app');
              open.onsuccess = () => {
                const get = open.result.transaction('kv').objectStore('kv').get('course.result');
                get.onsuccess = () => resolve(get.result?.analysis?.skills?.length ?? 0);
              };
            }),
        ),
      )
      .toBe(count);
    await page.reload();
    await expect(page.getByLabel('Course description or learning outcomes')).toHaveValue(COURSE);
    await expect.poll(() => page.getByTestId('course-skills').locator('tbody tr').first().innerText()).toBe(first);
  });
});
