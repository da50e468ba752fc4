import { expect, test } from '@playwright/test';
import { attachScreenshot, openApp, waitForModel } from './helpers/app';
import { makeDocx, makePdf, makeScannedLikePdf, NURSE_RESUME } from './helpers/documents';

const fileInput = (page: import('@playwright/test').Page) => page.getByTestId('file-input');

test.describe('resume flow with the default model', () => {
  test('a nurse resume as PDF ranks nursing first, with an evidenced essential skill', async ({ page }, testInfo) => {
    await openApp(page, 'resume');
    await fileInput(page).setInputFiles({ name: 'nurse-resume.pdf', mimeType: 'application/pdf', buffer: await makePdf(NURSE_RESUME) });
    const text = page.getByTestId('resume-text');
    await expect(text).toHaveValue(/Administer medication/);
    await page.getByTestId('analyze').click();
    await waitForModel(page);
    const results = page.getByTestId('resume-results');
    await expect(results).toBeVisible({ timeout: 150_000 });
    await expect(page.getByText(/Keyword matching only/)).toHaveCount(0);
    const first = results.locator('.result-item').first();
    await expect(first.locator('.result-label')).toHaveText(/nurs/i);
    // The first occupation is open: at least one essential skill found, quoted from the resume.
    const evidenced = first.locator('ul.skill-found li').filter({ has: page.locator('.evidence') });
    await expect(evidenced.first()).toBeVisible();
    const quote = await evidenced.first().locator('.evidence').innerText();
    const sentence = quote.replace(/^[^“]*“|”$/g, '').trim();
    expect((await text.inputValue()).replace(/\s+/g, ' ')).toContain(sentence.replace(/\s+/g, ' ').slice(0, 40));
    await expect(page.getByTestId('skill-list').locator('li').first()).toBeVisible();
    await attachScreenshot(page, testInfo, 'resume-pdf-results.png');
  });

  test('a nurse resume as DOCX gives the same kind of answer, and editing skills re-ranks', async ({ page }, testInfo) => {
    await openApp(page, 'resume');
    await fileInput(page).setInputFiles({
      name: 'nurse-resume.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await makeDocx(NURSE_RESUME),
    });
    await expect(page.getByTestId('resume-text')).toHaveValue(/wound care/);
    await waitForModel(page);
    await page.getByTestId('analyze').click();
    const results = page.getByTestId('resume-results');
    await expect(results).toBeVisible({ timeout: 150_000 });
    await expect(page.getByText(/Keyword matching only/)).toHaveCount(0);
    await expect(results.locator('.result-item').first().locator('.result-label')).toHaveText(/nurs/i);

    // Remove every detected skill: the skill part of each score drops to zero, scores fall.
    const scoreBefore = await results.locator('.result-score').first().innerText();
    const chips = page.getByTestId('skill-list').getByRole('button');
    while ((await chips.count()) > 0) await chips.first().click();
    await expect(page.getByText('No skills in the list.')).toBeVisible();
    await expect(results.locator('.result-item').first().getByText(/^0 of \d+ essential skills$/)).toBeVisible();
    expect(await results.locator('.result-score').first().innerText()).not.toBe(scoreBefore);

    // Add one back through the search.
    await page.getByLabel('Add a skill').fill('administer medication');
    await page.getByRole('button', { name: 'Search' }).click();
    const add = page.getByTestId('skill-search-results').getByRole('button').first();
    await expect(add).toBeVisible({ timeout: 60_000 });
    await add.click();
    await expect(page.getByTestId('skill-list').locator('li')).toHaveCount(1);
    await attachScreenshot(page, testInfo, 'resume-docx-edited-skills.png');
  });

  test('a skills list is matched item by item: each skill quotes its own item', async ({ page }) => {
    // The worker reads the model's training words for long texts (names and places are left out).
    const knownWords = page.waitForResponse((r) => r.url().endsWith('/models/esco-static-v1/known_words.txt'));
    await openApp(page, 'resume');
    const resume = ['Registered nurse with eight years on a surgical ward.', 'Key skills: wound care, medication administration, IV therapy, patient assessment', 'Languages: English, Spanish'];
    await page.getByTestId('resume-text').fill(resume.join('\n'));
    await waitForModel(page);
    await page.getByTestId('analyze').click();
    await expect(page.getByTestId('resume-results')).toBeVisible({ timeout: 150_000 });
    // Embedded as one line, the list gave "assist the veterinary surgeon as a scrub nurse" and no wound care.
    const skills = page.getByTestId('skill-list');
    await expect(skills.locator('li', { hasText: 'carry out wound care' })).toHaveAttribute('title', 'wound care');
    await expect(skills.locator('li', { hasText: /^Spanish/ })).toHaveAttribute('title', 'Spanish');
    await expect(page.getByTestId('resume-results').locator('.result-label').first()).toHaveText(/nurs/i);
    expect((await knownWords).status()).toBe(200);
  });

  test('inputs and results survive a reload', async ({ page }, testInfo) => {
    await openApp(page, 'resume');
    await page.getByTestId('resume-text').fill(NURSE_RESUME.join('\n'));
    await page.getByTestId('analyze').click();
    const results = page.getByTestId('resume-results');
    await expect(results).toBeVisible({ timeout: 150_000 });
    const firstLabel = await results.locator('.result-label').first().innerText();
    await page.waitForTimeout(600); // the debounced IndexedDB write
    await page.reload();
    await expect(page.getByTestId('resume-text')).toHaveValue(/Administer medication/);
    await expect(page.getByTestId('resume-results').locator('.result-label').first()).toHaveText(firstLabel);
    await attachScreenshot(page, testInfo, 'resume-after-reload.png');
  });
});

test.describe('resume input without a model run', () => {
  test('hostile DOCX text renders as plain text and runs nothing', async ({ page }, testInfo) => {
    await openApp(page, 'resume');
    await page.evaluate(() => ((window as unknown as { __pwned: number }).__pwned = 0));
    const hostile = ['Nurse', '<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>', '<b>bold?</b> <a href="javascript:window.__pwned=3">link</a>'];
    await fileInput(page).setInputFiles({ name: 'hostile.docx', mimeType: 'application/octet-stream', buffer: await makeDocx(hostile) });
    const text = page.getByTestId('resume-text');
    await expect(text).toHaveValue(/<img src=x onerror="window.__pwned=1">/);
    await expect(text).toHaveValue(/<script>window.__pwned=2<\/script>/);
    expect(await page.locator('main img, main script, main a[href^="javascript"]').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
    // The results quote resume sentences as evidence: still text, still nothing runs.
    await page.getByTestId('analyze').click();
    await expect(page.getByTestId('resume-results')).toBeVisible({ timeout: 150_000 });
    expect(await page.locator('main img, main script, main a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
    await attachScreenshot(page, testInfo, 'resume-hostile-docx.png');
  });

  test('bad files give a clear message and the page stays usable', async ({ page }, testInfo) => {
    await openApp(page, 'resume');
    const alert = page.getByTestId('file-error');

    await fileInput(page).setInputFiles({ name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
    await expect(alert).toContainText('This file is empty');

    const png = await page.screenshot();
    await fileInput(page).setInputFiles({ name: 'photo.pdf', mimeType: 'application/pdf', buffer: png });
    await expect(alert).toContainText('This file is an image, not a PDF');

    await fileInput(page).setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: await makeScannedLikePdf() });
    await expect(alert).toContainText('This PDF has no text layer: it looks scanned');

    const big = await makePdf(NURSE_RESUME, { attachmentBytes: 20 * 1024 * 1024 });
    expect(big.length).toBeGreaterThan(20 * 1024 * 1024);
    await fileInput(page).setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: big });
    await expect(alert).toContainText('larger than 10 MB');

    await fileInput(page).setInputFiles({ name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.alloc(1024 * 1024, 'nursing care. ') });
    await expect(alert).toContainText('This text is too long');

    await fileInput(page).setInputFiles({ name: 'table.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not really a spreadsheet') });
    await expect(alert).toContainText('not supported');
    await attachScreenshot(page, testInfo, 'resume-bad-file-message.png');

    // Pasted text over the limit: told before anything runs, and the text stays.
    await page.getByTestId('resume-text').fill('care '.repeat(210_000));
    await page.getByTestId('analyze').click();
    await expect(page.getByTestId('input-error')).toContainText('The text is too long (1,050,000 characters');
    await expect(page.getByTestId('resume-text')).toHaveValue(/^care care/);

    // Still usable: a good file after all the bad ones is read.
    await fileInput(page).setInputFiles({ name: 'nurse.pdf', mimeType: 'application/pdf', buffer: await makePdf(NURSE_RESUME) });
    await expect(page.getByTestId('resume-text')).toHaveValue(/wound care/);
  });

  test('a long analysis can be cancelled, and the text stays', async ({ page }) => {
    await openApp(page, 'resume');
    const long = Array.from({ length: 120 }, () => NURSE_RESUME.join('\n')).join('\n\n');
    await page.getByTestId('resume-text').fill(long);
    await page.getByTestId('analyze').click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('resume-status')).toHaveText('Stopped.');
    await expect(page.getByTestId('resume-results')).toHaveCount(0);
    await expect(page.getByTestId('analyze')).toBeEnabled();
    expect((await page.getByTestId('resume-text').inputValue()).length).toBe(long.length);
  });

  test('the whole input flow works with the keyboard only', async ({ page }) => {
    await openApp(page, 'resume');
    await page.keyboard.press('Tab'); // skip link
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    // Tab forward until the resume text box has focus, then type.
    for (let i = 0; i < 10 && !(await page.getByTestId('resume-text').evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(page.getByTestId('resume-text')).toBeFocused();
    await page.keyboard.type('Registered nurse: wound care, medication.');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Open a file…' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('analyze')).toBeFocused();
  });
});
