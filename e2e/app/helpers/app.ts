import { writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** Opens a section of the app in English, with fresh storage (each test has its own context). */
export async function openApp(page: Page, route: 'resume' | 'titles' | 'course' | 'matrix' | 'settings' = 'resume'): Promise<void> {
  await page.addInitScript(() => {
    if (!localStorage.getItem('esco-matcher:uiLang')) localStorage.setItem('esco-matcher:uiLang', '"en"');
    if (!localStorage.getItem('esco-matcher:contentLang')) localStorage.setItem('esco-matcher:contentLang', '"en"');
  });
  await page.goto(`/#/${route}`);
  await expect(page.getByRole('main')).toBeVisible();
}

/** Screenshot attached to the test report, so a person can see what the user saw. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<Buffer> {
  const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(name) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  return body;
}

/** No serious or critical WCAG 2.x A/AA violation; the full list is attached to the report. */
export async function expectNoSeriousA11yViolations(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const body = JSON.stringify(results.violations, null, 2);
  await testInfo.attach(`axe-${name}.json`, { body, contentType: 'application/json' });
  await writeFile(testInfo.outputPath(`axe-${name}.json`), body);
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(serious, `axe violations on ${name}`).toEqual([]);
}

/** Waits for the model (the default one) to be ready, as the header badge shows. */
export async function waitForModel(page: Page): Promise<void> {
  await expect(page.getByTestId('backend-badge').first()).toBeVisible({ timeout: 150_000 });
}
