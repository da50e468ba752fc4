import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { attachScreenshot, expectNoSeriousA11yViolations, openApp, waitForModel } from './helpers/app';

/** Plain-word texts: 300 job titles on one side, 300 skill phrases on the other. */
const LEVELS = ['senior', 'junior', 'lead', 'assistant', 'trainee', 'chief'];
const ROLES = ['nurse', 'teacher', 'software developer', 'accountant', 'electrician', 'baker', 'truck driver', 'sales manager', 'cook', 'carpenter'];
const PLACES = ['hospital', 'school', 'bank', 'bakery', 'warehouse'];
const VERBS = ['plan', 'teach', 'develop', 'audit', 'install', 'bake', 'drive', 'sell', 'prepare', 'build'];
const OBJECTS = ['patient care', 'lessons', 'software', 'accounts', 'wiring', 'bread', 'delivery routes', 'contracts', 'meals', 'furniture'];
const HOW = ['safely', 'in a team', 'on schedule'];

const titles = LEVELS.flatMap((level) => ROLES.flatMap((role) => PLACES.map((place) => `${level} ${role} at a ${place}`)));
const skills = VERBS.flatMap((verb) => OBJECTS.flatMap((object) => HOW.map((how) => `${verb} ${object} ${how}`)));

async function saveDownload(page: Page, button: Locator): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return (await readFile((await download.path())!)).toString('utf8').replace(/^\ufeff/, '');
}

/** Distinct colours in the heatmap canvas: a blank or one-colour canvas has 1. */
function canvasColours(page: Page): Promise<{ width: number; height: number; colours: number }> {
  return page.getByTestId('heatmap-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return { width: canvas.width, height: canvas.height, colours: seen.size };
  });
}

test.describe('similarity matrix', () => {
  test('300 × 300: heatmap drawn, hover and keyboard show the two texts and the value, CSV exports', async ({ page }, testInfo) => {
    expect(titles.length).toBe(300);
    expect(skills.length).toBe(300);
    await openApp(page, 'matrix');
    await waitForModel(page);
    await page.getByLabel('List A (rows), one text per line').fill(titles.join('\n'));
    await page.getByLabel('List B (columns), one text per line').fill(skills.join('\n'));
    await page.getByRole('button', { name: 'Compute the matrix' }).click();
    const result = page.getByTestId('matrix-result');
    await expect(result.getByRole('heading', { name: '300 × 300 matrix' })).toBeVisible({ timeout: 150_000 });

    await page.getByTestId('threshold-number').fill('-1');
    const drawn = await canvasColours(page);
    expect(drawn.width).toBe(300);
    expect(drawn.height).toBe(300);
    expect(drawn.colours).toBeGreaterThan(20);

    // Hover the middle of the heatmap: the tooltip names both texts and the value.
    const heatmap = page.getByTestId('heatmap');
    const box = (await heatmap.boundingBox())!;
    await heatmap.hover({ position: { x: box.width / 2, y: box.height / 2 } });
    const tooltip = page.getByTestId('heatmap-tooltip');
    await expect(tooltip).toHaveText(/^Row \d+: “.+” · column \d+: “.+” · similarity -?\d\.\d\d/);
    const hovered = (await tooltip.innerText()).match(/Row (\d+): “(.+)” · column (\d+): “(.+)” · similarity (-?\d\.\d\d)/)!;
    expect(titles[Number(hovered[1]) - 1]).toBe(hovered[2]);
    expect(skills[Number(hovered[3]) - 1]).toBe(hovered[4]);
    await attachScreenshot(page, testInfo, 'matrix-300-hover.png');
    await page.mouse.move(0, 0);

    // Keyboard: focus the heatmap, move right and down; the live region reads the cell out.
    await heatmap.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const announcement = page.getByTestId('cell-announcement');
    await expect(announcement).toHaveText(new RegExp(`^Row 2: “${titles[1]}” · column 2: “${skills[1]}” · similarity -?\\d\\.\\d\\d`));
    const announced = Number((await announcement.innerText()).match(/similarity (-?\d\.\d\d)/)![1]);

    // Matrix export: 300 rows + header, 300 columns + the row-text column; the values match what was announced.
    const matrixCsv = Papa.parse<string[]>(await saveDownload(page, page.getByRole('button', { name: 'Export matrix (CSV)' })), { skipEmptyLines: true }).data;
    expect(matrixCsv.length).toBe(301);
    expect(matrixCsv[0].length).toBe(301);
    expect(matrixCsv[0].slice(1)).toEqual(skills);
    expect(matrixCsv.slice(1).map((row) => row[0])).toEqual(titles);
    expect(Number(matrixCsv[2][2])).toBeCloseTo(announced, 2);

    // Sorting rows by highest similarity puts the row with the largest maximum first.
    await page.getByLabel('Sort rows').selectOption('max');
    const sorted = Papa.parse<string[]>(await saveDownload(page, page.getByRole('button', { name: 'Export matrix (CSV)' })), { skipEmptyLines: true }).data;
    const rowMax = (row: string[]) => Math.max(...row.slice(1).map(Number));
    expect(rowMax(sorted[1])).toBeGreaterThanOrEqual(rowMax(sorted[2]));
    expect(rowMax(sorted[1])).toBeCloseTo(Math.max(...matrixCsv.slice(1).map(rowMax)), 4);

    // Threshold at the 99th percentile: the pairs export holds exactly the cells at or above it.
    const values = matrixCsv.slice(1).flatMap((row) => row.slice(1).map(Number)).sort((a, b) => b - a);
    const threshold = Math.round(values[900] * 100) / 100;
    await page.getByTestId('threshold-number').fill(String(threshold));
    const pairs = Papa.parse<string[]>(await saveDownload(page, page.getByRole('button', { name: 'Export pairs above threshold (CSV)' })), { skipEmptyLines: true }).data;
    expect(pairs[0]).toEqual(['rank', 'a_line', 'a', 'b_line', 'b', 'similarity']);
    const expected = values.filter((v) => v >= threshold - 5e-5).length;
    expect(Math.abs(pairs.length - 1 - expected)).toBeLessThanOrEqual(values.filter((v) => Math.abs(v - threshold) < 1e-4).length);
    for (const pair of pairs.slice(1, 20)) {
      expect(titles[Number(pair[1]) - 1]).toBe(pair[2]);
      expect(skills[Number(pair[3]) - 1]).toBe(pair[4]);
      expect(Number(pair[5])).toBeGreaterThanOrEqual(threshold - 1e-4);
    }
    await expect(page.getByTestId('pairs-table').locator('tbody tr')).toHaveCount(Math.min(50, pairs.length - 1));
    await attachScreenshot(page, testInfo, 'matrix-300-threshold.png');
    await expectNoSeriousA11yViolations(page, testInfo, 'matrix-300');
  });

  test('a list against ESCO occupations names the occupations in its columns', async ({ page }, testInfo) => {
    await openApp(page, 'matrix');
    await page.getByLabel('a list against ESCO occupations').check();
    await page.getByLabel('List A (rows), one text per line').fill('nurse\nbaker\nsoftware developer');
    await page.getByRole('button', { name: 'Compute the matrix' }).click();
    const result = page.getByTestId('matrix-result');
    await expect(result.getByRole('heading', { name: /^3 × \d+ matrix$/ })).toBeVisible({ timeout: 150_000 });
    await expect(result).toContainText(/Showing the \d+ ESCO entries \(of [\d,]+\)/);
    await expect(result).not.toContainText('columns are numbered');
    await page.getByTestId('threshold-number').fill('0');
    const pairs = Papa.parse<string[]>(await saveDownload(page, page.getByRole('button', { name: 'Export pairs above threshold (CSV)' })), { skipEmptyLines: true }).data;
    expect(pairs[0]).toEqual(['rank', 'a_line', 'a', 'b_line', 'b', 'b_uri', 'similarity']);
    const best = (text: string) => pairs.find((pair) => pair[2] === text)!;
    expect(best('nurse')[4]).toMatch(/nurs/i);
    expect(best('baker')[4]).toMatch(/bak/i);
    expect(best('nurse')[5]).toMatch(/^http:\/\/data\.europa\.eu\/esco\/occupation\//);
    await attachScreenshot(page, testInfo, 'matrix-esco.png');
  });

  test('an empty list and a too long list get clear messages; inputs survive a reload', async ({ page }) => {
    await openApp(page, 'matrix');
    await page.getByLabel('List A (rows), one text per line').fill('nurse');
    await page.getByRole('button', { name: 'Compute the matrix' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('List B is empty: put one text on each line.');
    await page.getByLabel('List B (columns), one text per line').fill(Array.from({ length: 2001 }, (_, i) => `skill ${i}`).join('\n'));
    await page.getByRole('button', { name: 'Compute the matrix' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('List B has 2,001 lines; the limit is 2,000.');
    await expect(page.getByText('2,001 lines', { exact: true })).toBeVisible();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const open = indexedDB.open('esco-matcher-app');
              open.onsuccess = () => {
                const get = open.result.transaction('kv').objectStore('kv').get('matrix.listB');
                get.onsuccess = () => resolve(String(get.result ?? '').split('\n').length);
              };
            }),
        ),
      )
      .toBe(2001);
    await page.reload();
    await expect(page.getByLabel('List A (rows), one text per line')).toHaveValue('nurse');
    await expect(page.getByText('2,001 lines', { exact: true })).toBeVisible();
  });
});
