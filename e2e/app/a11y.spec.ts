import { expect, test } from '@playwright/test';
import { attachScreenshot, expectNoSeriousA11yViolations, openApp } from './helpers/app';
import { NURSE_RESUME } from './helpers/documents';

test('resume view: no serious or critical axe violation, before and after an analysis', async ({ page }, testInfo) => {
  await openApp(page, 'resume');
  await expectNoSeriousA11yViolations(page, testInfo, 'resume-empty');
  await page.getByTestId('resume-text').fill(NURSE_RESUME.join('\n'));
  await page.getByTestId('analyze').click();
  await expect(page.getByTestId('resume-results')).toBeVisible({ timeout: 150_000 });
  await expectNoSeriousA11yViolations(page, testInfo, 'resume-results');
  await attachScreenshot(page, testInfo, 'a11y-resume.png');
});

test('settings view: no serious or critical axe violation', async ({ page }, testInfo) => {
  await openApp(page, 'settings');
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, 'settings');
  await attachScreenshot(page, testInfo, 'a11y-settings.png');
});
