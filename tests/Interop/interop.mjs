// One interoperability run against the FAS-like provider (fas-provider.mjs), in headless Chromium:
// login, greeting, print allowed; logout ends the provider session; the next login asks again;
// Level400 refused with its page. With DOWN=1: the provider is down, and the voter gets a page.
// Settings: HV_BASE (gateway), ACCOUNT (login), GIVEN (given name), LEVEL (accepted level), VARIANT (name).
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.HV_BASE;
const variant = process.env.VARIANT;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = 0;
async function step(name, run) {
  try {
    await run();
    console.log(`  ok   ${variant}: ${name}`);
  } catch (e) {
    failed++;
    console.log(`  FAIL ${variant}: ${name}: ${e.message.split('\n')[0]}`);
  }
}

try {
  // The browser is not what is tested against the test CA (the function's back channel is).
  const page = await (await browser.newContext({ locale: 'fr-BE', ignoreHTTPSErrors: true })).newPage();
  const loginAtProvider = async level => {
    await page.goto(base + '/');
    await page.click('a[href="/auth/login"]');
    await page.waitForSelector('#login');
    await page.fill('#login', process.env.ACCOUNT);
    await page.selectOption('#level', level);
    await page.click('#submit');
  };

  if (process.env.FORGED === '1') {
    await step('a userinfo JWT not signed by the provider: login refused with its page, no session', async () => {
      await loginAtProvider(process.env.LEVEL);
      await page.waitForURL(base + '/auth/refused/failed');
      assert.ok(await page.$('a[href="/auth/login"]'), 'a way to log in again');
      await page.goto(base + '/');
      assert.ok(await page.$('a[href="/auth/login"]'), 'still logged out');
    });
  } else if (process.env.DOWN === '1') {
    await step('the provider is down: the voter gets an explained page, not an error trace', async () => {
      await page.goto(base + '/');
      const answer = await page.goto(base + '/auth/login');
      assert.equal(answer.status(), 503);
      assert.match(await page.textContent('h1'), /indisponible|Service/i);
      assert.ok(await page.$('a[href="/"]'), 'a way back home');
    });
  } else {
    await step('login, greeting, print allowed', async () => {
      await loginAtProvider(process.env.LEVEL);
      await page.waitForURL(base + '/');
      assert.match(await page.textContent('h1'), new RegExp(process.env.GIVEN));
      await page.click('form[action="/print"] button');
      // The same voter printed in an earlier scenario: the second print is asked about first.
      if (await page.$('input[name="again"]')) await page.click('form:has(input[name="again"]) button');
      assert.match((await page.textContent('.kcode')).trim(), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]$/);
    });
    await step('logout ends the provider session too', async () => {
      await page.goto(base + '/');
      await page.click('form[action="/auth/logout"] button');
      await page.click('#logout-yes');
      await page.waitForURL(base + '/auth/logged-out');
    });
    await step('the next login asks for the means again; Level400 is refused with its page', async () => {
      await loginAtProvider('400');
      await page.waitForURL(base + '/auth/refused/weak');
      assert.match(await page.textContent('main'), /pas assez sûr/);
      assert.ok(await page.$('a[href="/auth/login"]'), 'a way to log in again');
    });
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
