// /docs in a real browser, the way a newcomer first meets the API: the page bears the service's
// name, nothing on it points or loads elsewhere, the Authorize dialog says how the key is sent,
// and "Try it out" on GET /api/v1/plans with the key shows the seed plan.
// Needs Chromium at /usr/bin/chromium (Debian's `chromium` package; .ci/run installs it).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import t from 'tap';
import { seedDemo } from '../../src/demo.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { DOCS_TITLE } from '../../src/http/docs.js';
import { setupApp } from '../helpers/app.js';

const CHROMIUM = '/usr/bin/chromium';
const SEED_PLAN_NUMBER = '01/KH-SGDĐT';
const skip = existsSync(CHROMIUM) ? false : `needs Chromium at ${CHROMIUM} (apt-get install chromium)`;

t.test('Swagger UI: our name, nothing external, Authorize, Try it out', { skip }, async (t) => {
  const { app, db, adminKey } = await setupApp(t);
  await seedDemo(db, CLI_ACTOR);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith('data:')) elsewhere.push(request.url());
  });
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));

  await page.goto(`${base}/docs`);
  await page.locator('.swagger-ui .info .title').waitFor();
  t.equal(await page.title(), DOCS_TITLE, 'the tab bears the service name');
  t.match(await page.locator('.swagger-ui .info .title').innerText(), DOCS_TITLE, 'and so does the page');
  t.equal(await page.locator('.topbar').count(), 0, 'no top bar');
  t.equal(await page.getByText('Explore', { exact: true }).count(), 0, 'no Explore box');
  t.equal(await page.locator('img').count(), 0, 'no logo');
  const icons = await page.locator('link[rel~="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLElement & { href: string }).href));
  t.ok(icons.length > 0 && icons.every((href) => href.endsWith('/docs/static/theme/favicon.svg')), `our own favicon: ${icons.join(', ')}`);
  const links = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => (a as HTMLElement & { href: string }).href));
  const external = links.filter((href) => !href.startsWith(base));
  // The contract's licence (info.license.identifier MIT) is the one link out: SPDX's text of it.
  t.same(external, ['https://spdx.org/licenses/MIT.html'], 'no link elsewhere but the licence text');

  await page.locator('.auth-wrapper button.authorize').click();
  const dialog = page.locator('.modal-ux');
  await dialog.waitFor();
  t.match(await dialog.innerText(), 'Authorization: Bearer <key>', 'the dialog shows how the key is sent, <key> included');
  await dialog.locator('input').fill(adminKey);
  await dialog.locator('button.authorize').click();
  await dialog.locator('button.btn-done').click();
  await dialog.waitFor({ state: 'detached' });

  const operation = page.locator('#operations-plans-listPlans');
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();
  const live = operation.locator('.live-responses-table');
  await live.locator('.response-col_status', { hasText: '200' }).waitFor();
  t.match(await live.locator('tbody .response-col_description').first().innerText(), SEED_PLAN_NUMBER, 'the answer lists the seed plan');
  t.match(await operation.locator('.request-url, .curl').first().innerText(), /\/api\/v1\/plans/, 'from GET /api/v1/plans');

  t.same(elsewhere, [], 'nothing was fetched from elsewhere');
  t.same(failures, [], 'no script errors');
});
