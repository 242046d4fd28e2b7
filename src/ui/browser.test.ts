/**
 * Acceptance: the wizard in Debian's Chromium. One run with the mouse (orchestera on the embedded
 * sandbox, a malformed parameter first, screenshots of every step), one with Tab and Enter only.
 * Both fail on any console error. Screenshots go to a temp dir whose path is printed.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startUiServer } from './server.js';
import { browserMissing, openBrowser, unlabelledInputs } from './test-browser.js';

const missing = browserMissing();
const LONG = { timeout: 60_000 };

describe('onramp ui in a browser', { skip: missing ? `skipped: ${missing}` : false }, () => {
  it('walks orchestera from picker to next steps on the sandbox', { timeout: 180_000 }, async (t) => {
    const shots = await mkdtemp(join(tmpdir(), 'onramp-ui-screenshots-'));
    t.diagnostic(`screenshots: ${shots}`);
    console.log(`# onramp ui screenshots: ${shots}`);
    const server = await startUiServer();
    const browser = await openBrowser();
    const { page } = browser;
    let n = 0;
    const shot = (name: string) =>
      page.screenshot({ path: join(shots, `${++n}-${name}.png`), fullPage: true });
    try {
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Orchestera Platform account setup' }).click();
      await page.getByLabel('memberEmail').waitFor();
      await shot('recipe');
      await page.getByLabel('memberEmail').fill('orchestera-sparklith@example.com');
      await page.getByLabel('externalId').fill('orchestera-example-external-id');
      await page.getByLabel('adminUsers').fill('onramp-admin');
      await page.getByLabel('vendorAccount').fill('12345');
      await page.getByRole('button', { name: 'Validate parameters' }).click();
      const beside = page.locator('#param-vendorAccount-errors');
      await beside.getByText('does not match').waitFor();
      assert.match(
        await beside.innerText(),
        /param `vendorAccount` value "12345" does not match \/\\d\{12\}\//,
      );
      assert.equal(await page.getByLabel('vendorAccount').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#param-memberEmail-errors').innerText(), '');
      const sandboxButton = page.getByRole('button', { name: 'Use the embedded sandbox' });
      assert.equal(await sandboxButton.count(), 0, 'no target step before the parameters are valid');
      await shot('malformed-param');
      await page.getByLabel('vendorAccount').fill('017059471480');
      await page.getByRole('button', { name: 'Validate parameters' }).click();
      await page.getByText('The parameters are valid.').waitFor();
      await shot('params');
      await page.getByRole('button', { name: 'Use the embedded sandbox' }).click();
      await page
        .getByTestId('caller-arn')
        .getByText(/:user\/onramp-admin$/)
        .waitFor(LONG);
      await shot('target');
      await page.getByRole('button', { name: 'Plan', exact: true }).click();
      await page.getByTestId('plan').waitFor(LONG);
      assert.match(
        await page.getByTestId('plan').innerText(),
        /Account sparklith[\s\S]*OrchesteraAccessRole/,
      );
      assert.ok((await page.locator('table.diff').count()) > 0, 'policy documents are shown side by side');
      await shot('plan');
      await page.getByRole('button', { name: /^Apply \d+ changes$/ }).click();
      await page.getByTestId('apply-status').getByText('Apply complete').waitFor(LONG);
      assert.ok((await page.locator('table.progress tbody tr').count()) > 0, 'counts per phase');
      await shot('apply');
      await page.getByRole('button', { name: 'Verify access' }).click();
      await page.getByTestId('verify-matrix').waitFor(LONG);
      const statuses = await page
        .locator('details.cell')
        .evaluateAll((els) =>
          els.map((e) => (e as unknown as { dataset: { status: string } }).dataset.status),
        );
      assert.ok(statuses.length > 0, 'the matrix has cells');
      assert.ok(!statuses.includes('failed'), `no failed path: ${statuses.join(', ')}`);
      assert.ok(statuses.includes('ok'), `some path proven: ${statuses.join(', ')}`);
      const graph = page.getByTestId('access-graph');
      await graph.waitFor(LONG);
      const vendor = page.locator('[data-node="external:account 017059471480"]');
      await vendor.hover();
      const admin = page.locator('[data-node="iam-user:onramp-admin in management"]');
      assert.equal(await admin.getAttribute('opacity'), '0.3', 'off-path nodes dim on hover');
      await vendor.click();
      assert.match(await page.getByTestId('node-details').innerText(), /may assume → OrchesteraAccessRole/);
      const href = await page.getByTestId('graph-download').getAttribute('href');
      assert.match(String(href), /^blob:/);
      await shot('verify');
      await page.getByRole('button', { name: 'Show the next steps' }).click();
      const list = page.getByTestId('checklist');
      await list.waitFor();
      assert.match(await list.innerText(), /arn:aws:iam::\d{12}:role\/OrchesteraAccessRole/);
      await page.getByLabel(/multi-session support/).check();
      await page.getByText('1 of 3 done.').waitFor();
      await shot('next-steps');
      assert.deepEqual(await unlabelledInputs(page), []);
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });

  it('works with Tab and Enter alone', { timeout: 180_000 }, async () => {
    const server = await startUiServer({ recipe: 'orchestera' });
    const browser = await openBrowser();
    const { page, errors } = browser;
    const focused = () =>
      page.evaluate('document.activeElement?.id || document.activeElement?.textContent || ""');
    const until = async (pred: () => Promise<boolean>, what: string) => {
      for (let i = 0; i < 40; i++) {
        if (await pred()) return;
        await page.waitForTimeout(250);
      }
      assert.fail(`timed out waiting for ${what}`);
    };
    try {
      await page.goto(server.url);
      await page.locator('[data-recipe="orchestera"]').waitFor();
      for (let i = 0; i < 20 && (await focused()) !== 'Orchestera Platform account setup'; i++)
        await page.keyboard.press('Tab');
      assert.equal(await focused(), 'Orchestera Platform account setup');
      await page.keyboard.press('Enter');
      await until(async () => (await focused()) === 'param-memberEmail', 'the first parameter to take focus');
      await page.keyboard.type('kb-sparklith@example.com');
      await page.keyboard.press('Tab'); // accountName keeps its default
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'param-externalId');
      await page.keyboard.type('keyboard-external-id');
      await page.keyboard.press('Tab');
      await page.keyboard.type('onramp-admin');
      await page.keyboard.press('Enter');
      await until(async () => (await focused()) === 'Use the embedded sandbox', 'the target step');
      await page.keyboard.press('Enter');
      await until(async () => (await focused()) === 'Plan', 'the plan step');
      await page.keyboard.press('Enter');
      await until(async () => /^Apply \d+ changes$/.test(String(await focused())), 'the apply button');
      await page.keyboard.press('Enter');
      await until(async () => (await focused()) === 'Verify access', 'apply to end');
      assert.match(await page.getByTestId('apply-status').innerText(), /Apply complete/);
      await page.keyboard.press('Enter');
      await until(async () => (await focused()) === 'Show the next steps', 'verify and the graph');
      await page.keyboard.press('Enter');
      await page.getByTestId('checklist').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
