// End to end in headless Chromium: login at the dev IdP, print, PDFs, scan, ingest, status,
// counting after the close, duplicate envelope. Run by scripts/test against the started system.
// Env: HV_BASE (gateway URL), HV_STATE (state dir with demo/), HV_OUT (output dir), HV_CLI (hv command).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';

const base = process.env.HV_BASE;
const state = process.env.HV_STATE;
const out = process.env.HV_OUT;
mkdirSync(out, { recursive: true });
const accounts = JSON.parse(readFileSync(`${state}/demo/accounts.json`, 'utf8'));
const bureaus = JSON.parse(readFileSync(`${state}/demo/bureaus.json`, 'utf8'));
const countingKeys = JSON.parse(readFileSync(`${state}/demo/counting-keys.json`, 'utf8'));
const voter = accounts.find(a => a.Login === 'voter1');
const results = [];

async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  FAIL ${name}: ${e.message}`);
    throw e;
  }
}

const pdfText = file => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const api = (path, key, body) => fetch(base + path, {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-bureau-key': key }, body: JSON.stringify(body),
});

// WCAG 2.2 AA by axe-core, and reflow: nothing wider than a 320 px viewport.
async function checkPage(page, what) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  assert.deepEqual(result.violations.map(v => `${v.id}: ${v.nodes.length}`), [], `${what}: axe-core violations`);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(viewport);
  assert.ok(width <= 320, `${what}: ${width} px wide at a 320 px viewport`);
}

// Logs a voter in on a context of its own, prints, and returns the token of their label (and keeps their K-code).
const kcodes = {};
async function printedToken(login) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'fr-BE' });
  const page = await context.newPage();
  try {
    await page.goto(base + '/auth/login');
    await page.fill('#login', login);
    await page.click('#submit');
    await page.waitForURL(base + '/');
    await page.click('form[action="/print"] button');
    kcodes[login] = (await page.textContent('.kcode')).trim();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href^="/ballots/label/"]')]);
    await download.saveAs(`${out}/label-${login}.pdf`);
    return pdfText(`${out}/label-${login}.pdf`).match(/[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/)[0];
  } finally {
    await context.close();
  }
}

// A member of bureau staff logged in with eID through the staff login, on a context of their own.
async function staffDesk(login) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'fr-BE' });
  const desk = await context.newPage();
  await desk.goto(base + '/auth/staff');
  await desk.fill('#login', login);
  await desk.click('#submit');
  await desk.waitForURL(base + '/reception');
  return { context, desk };
}

async function waitForStatus(page, status) {
  for (let i = 0; i < 60; i++) {
    await page.goto(base + '/status');
    if (await page.locator(`[data-status="${status}"]`).count() > 0) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`status page never showed "${status}"`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'fr-BE' });
  const page = await context.newPage();
  let kcode, token, secondScan;

  await step('voter logs in at the dev identity provider', async () => {
    await page.goto(base + '/');
    await page.click('a[href="/auth/login"]');
    await page.fill('#login', voter.Login);
    await page.click('#submit');
    await page.waitForURL(base + '/');
    assert.match(await page.textContent('h1'), new RegExp(voter.GivenName));
  });

  await step('print issues a K-code shown on the page', async () => {
    await page.click('form[action="/print"] button');
    kcode = (await page.textContent('.kcode')).trim();
    assert.match(kcode, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
    writeFileSync(`${out}/secrets.txt`, [kcode, kcode.replaceAll('-', ''), voter.EgovNRN, `${voter.GivenName} ${voter.Surname}`].join('\n') + '\n');
    await checkPage(page, 'print page (fr)');
  });

  await step('the K-code page survives a reload, a language switch and going back, and never issues a new code', async () => {
    await page.reload();
    assert.equal((await page.textContent('.kcode')).trim(), kcode);
    for (const lang of ['nl', 'de']) {
      await page.goto(`${base}/lang/${lang}?r=/print`);
      assert.equal(new URL(page.url()).pathname, '/print');
      assert.equal((await page.textContent('.kcode')).trim(), kcode);
      await checkPage(page, `print page (${lang})`);
    }
    await page.goto(`${base}/lang/fr?r=/`);
    assert.equal(await page.getAttribute('[data-printed]', 'data-printed'), 'yes', 'the home page says the voter printed');
    await page.goBack();
    assert.equal((await page.textContent('.kcode')).trim(), kcode);
    await page.goto(base + '/');
  });

  await step('a second print is asked about first, says only the first envelope counts, and can be cancelled', async () => {
    for (const lang of ['nl', 'de', 'fr']) {
      await page.goto(`${base}/lang/${lang}?r=/`);
      await page.click('form[action="/print"] button');
      await page.waitForSelector('input[name="again"]', { state: 'attached' });
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await checkPage(page, `second print question (${lang})`);
      await page.click('main p > a[href="/"]');
      await page.waitForURL(base + '/');
    }
    await page.click('form[action="/print"] button');
    await page.waitForSelector('input[name="again"]', { state: 'attached' });
    assert.match(await page.textContent('main'), /seule la première reçue compte/);
    await page.goto(base + '/');
  });

  await step('printing again once confirmed gives a new K-code', async () => {
    const context = await browser.newContext({ locale: 'nl-BE' });
    const other = await context.newPage();
    try {
      await other.goto(base + '/auth/login');
      await other.fill('#login', 'voter5');
      await other.click('#submit');
      await other.waitForURL(base + '/');
      await other.click('form[action="/print"] button');
      const first = (await other.textContent('.kcode')).trim();
      await other.goto(base + '/');
      await other.click('form[action="/print"] button');
      await other.click('form:has(input[name="again"]) button');
      await other.waitForURL(base + '/print');
      const second = (await other.textContent('.kcode')).trim();
      assert.notEqual(second, first);
    } finally {
      await context.close();
    }
  });

  await step('ballot and label PDFs download with the list names and the voter name', async () => {
    await page.goto(base + '/print');
    assert.equal((await page.textContent('.kcode')).trim(), kcode);
    for (const kind of ['ballot', 'label']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`a[href^="/ballots/${kind}/"]`)]);
      await download.saveAs(`${out}/${kind}.pdf`);
    }
    const ballot = pdfText(`${out}/ballot.pdf`);
    for (const list of ['Avenir Commun', 'Les Verts Unis', 'Liste Citoyenne']) assert.ok(ballot.includes(list), `ballot lacks ${list}`);
    const label = pdfText(`${out}/label.pdf`);
    assert.ok(label.includes(`${voter.GivenName} ${voter.Surname}`), 'label lacks the voter name');
    assert.ok(!label.includes(kcode), 'the K-code must never be on the label');
    token = label.match(/[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/)[0];
  });

  await step('a same-site page cannot make the voter print (CSRF): refused with 403', async () => {
    // Another port of localhost is the same site (cookies with SameSite=Lax go along) but not the same origin.
    const attacker = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>x</title><form method="post" action="${base}/print"><button id="go">go</button></form>`);
    });
    await new Promise(resolve => attacker.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://localhost:${attacker.address().port}/`);
      const [response] = await Promise.all([page.waitForResponse(r => r.url() === `${base}/print`), page.click('#go')]);
      assert.equal(response.status(), 403);
    } finally {
      attacker.close();
    }
    await page.goto(base + '/');
  });

  await step('a scanner posts the receipt and ingest applies it: "received"', async () => {
    const r = await api('/intake/receipt', bureaus['BW-001'], { labelToken: token, scannedAt: new Date().toISOString(), idempotencyKey: 'e2e-scan-1' });
    assert.equal(r.status, 202);
    await waitForStatus(page, 'received');
  });

  await step('a reception operator logs in with eID, scans three envelopes at the station (accepted, foreign, rescan) and sees the counts', async () => {
    const own = await printedToken('voter3');
    const foreign = await printedToken('voter2');
    const { context: staff, desk } = await staffDesk('reception1');
    try {
      await checkPage(desk, 'staff home (fr)');
      await desk.click('a[href="/reception/BW-001"]');
      await desk.waitForURL(base + '/reception/BW-001');
      // Keyboard first: the field has the focus, a USB scanner types the token and presses Enter.
      for (const [scanned, verdict] of [[own, 'accepted'], [foreign, 'other-constituency'], [token, 'already-received']]) {
        assert.equal(await desk.evaluate(() => document.activeElement?.id), 'labelToken');
        await desk.keyboard.type(scanned);
        await Promise.all([desk.waitForNavigation(), desk.keyboard.press('Enter')]);
        assert.equal(await desk.getAttribute('[role="status"]', 'data-verdict'), verdict);
        assert.equal(await desk.getAttribute('[role="status"]', 'aria-live'), 'polite');
      }
      assert.match(await desk.textContent('[role="status"]'), /Déjà reçue/);
      await checkPage(desk, 'station after a rescan (fr)');
      for (const lang of ['nl', 'de']) {
        await desk.goto(`${base}/lang/${lang}?r=/reception/BW-001`);
        assert.equal(await desk.getAttribute('html', 'lang'), lang);
        await checkPage(desk, `station (${lang})`);
        await desk.goto(base + '/reception');
        await checkPage(desk, `staff home (${lang})`);
      }
      await desk.goto(base + '/reception/BW-001');
      assert.match(await desk.textContent('table.counts'), /Empfangen/);
      // A voter's session reaches no staff page: the 403 page offers the staff login, no redirect loop.
      const refused = await page.goto(base + '/reception/BW-001');
      assert.equal(refused.status(), 403);
      assert.ok(await page.$('a[href="/auth/staff"]'));
      await checkPage(page, 'staff page refused to a voter (fr)');
      await page.goto(base + '/');
    } finally {
      await staff.close();
    }
  });

  await step('counting is refused before in-person voting closes', async () => {
    const r = await api('/registration/ballots', countingKeys['BW-001'], { ballots: [{ kCode: kcode, classification: 'valid', entryId: 'e2e-early' }] });
    assert.equal(r.status, 409);
  });

  await step('after the close, counting registers the K-codes; the status says "not counted yet" until the bureau locks its figures', async () => {
    // A second envelope of the same voter is scanned before the close and sent after it.
    secondScan = new Date(Date.now() - 5000).toISOString();
    const now = new Date(Date.now() - 1000).toISOString();
    // One change at a time: printing ends first, then in-person voting closes.
    execFileSync('bash', ['-c', `${process.env.HV_CLI} calendar set --election CH2026 --issue-until ${now} && ${process.env.HV_CLI} calendar set --election CH2026 --in-person-close ${now}`], { stdio: 'inherit' });
    const scanner = await api('/registration/ballots', bureaus['BW-001'], { ballots: [{ kCode: kcode, classification: 'valid', entryId: 'e2e-scanner' }] });
    assert.equal(scanner.status, 401, 'a reception scanner key cannot register counted ballots');
    // The two ballots of the two accepted envelopes: this voter's is valid, voter3's blank.
    const r = await api('/registration/ballots', countingKeys['BW-001'], { ballots: [
      { kCode: kcode.toLowerCase(), classification: 'valid', entryId: 'e2e-count-1' },
      { kCode: kcodes.voter3, classification: 'blank-or-invalid', entryId: 'e2e-count-2' }] });
    assert.equal(r.status, 200);
    assert.deepEqual((await r.json()).results, ['registered', 'registered']);
    await page.goto(base + '/status');
    await page.fill('#kcode', kcode);
    await page.click('form[action="/status"] button');
    assert.equal(await page.locator('[data-status="not-counted"]').count(), 1);
  });

  await step('a second envelope for the same voter, confirmed by the bureau, shows "duplicate"', async () => {
    const rescan = await api('/intake/receipt', bureaus['BW-001'], { labelToken: token, scannedAt: secondScan, idempotencyKey: 'e2e-scan-rescan' });
    assert.equal((await rescan.json()).receipts[0].verdict, 'already-received');
    const r = await api('/intake/receipt', bureaus['BW-001'], { labelToken: token, scannedAt: secondScan, idempotencyKey: 'e2e-scan-2', secondEnvelope: true });
    assert.equal(r.status, 202);
    await waitForStatus(page, 'duplicate');
  });
  await step('the president closes intake with the hand counts; the reception report PDF holds the counts', async () => {
    const { context: staff, desk } = await staffDesk('president1');
    try {
      await desk.goto(base + '/reception/BW-001');
      await checkPage(desk, 'station of the president (fr)');
      // Two envelopes for counting (voter1, voter3); two set aside (the confirmed second one, the foreign one).
      for (let attempt = 0; ; attempt++) {
        await desk.fill('#countedAccepted', '2');
        await desk.fill('#countedSetAside', '2');
        await Promise.all([desk.waitForNavigation(), desk.click('form[action="/reception/BW-001/close"] button')]);
        if (await desk.locator('[data-closed="true"]').count() > 0) break;
        // Ingest may still be applying the last receipt: the page says so; try again.
        assert.equal(await desk.getAttribute('[data-close-refusal]', 'data-close-refusal'), 'ReceiptsPending');
        assert.ok(attempt < 20, 'intake could not be closed');
        await desk.waitForTimeout(500);
      }
      const [download] = await Promise.all([desk.waitForEvent('download'), desk.click('a[href="/reception/BW-001/report.pdf"]')]);
      await download.saveAs(`${out}/reception-report.pdf`);
      const report = pdfText(`${out}/reception-report.pdf`);
      assert.match(report, /Rapport de réception des enveloppes/);
      assert.match(report, /Les comptes concordent/);
      assert.match(report, /Total\s+6\s+2\s+0\s+1\s+2\s+1\s+0/);
    } finally {
      await staff.close();
    }
  });

  // Every counting page passes axe-core and reflows at 320 px in FR, NL and DE, then comes back in French.
  async function checkInEveryLanguage(desk, path, what) {
    for (const lang of ['nl', 'de', 'fr']) {
      await desk.goto(`${base}/lang/${lang}?r=${encodeURIComponent(path)}`);
      await desk.goto(base + path);
      assert.equal(await desk.getAttribute('html', 'lang'), lang);
      await checkPage(desk, `${what} (${lang})`);
    }
  }

  // R 2 = 1 valid + 1 blank (the register's two codes, the two envelopes reception accepted); list 1 has the valid ballot.
  async function typeSheet(desk, values) {
    for (const input of await desk.locator('form[action="/counting/BW-001/entry"] input[inputmode="numeric"]').all()) {
      await input.fill(String(values[await input.getAttribute('name')] ?? 0));
    }
    await Promise.all([desk.waitForNavigation(), desk.click('form[action="/counting/BW-001/entry"] button')]);
  }
  const sheet = { 'R': 2, 'class:valid': 1, 'class:blank-or-invalid': 1, 'V': 1, 'list:1:total': 1, 'list:1:list-only': 1 };

  await step('two typists enter the tally sheet blind, with one difference; axe-core and 320 px in FR, NL and DE', async () => {
    const first = await staffDesk('counting1');
    const second = await staffDesk('counting2');
    try {
      await first.desk.click('a[href="/counting/BW-001"]');
      await first.desk.waitForURL(base + '/counting/BW-001');
      assert.equal(await first.desk.getAttribute('[role="status"]', 'data-entry-state'), 'AwaitingFirst');
      assert.ok(await first.desk.locator('input[name="R"]').count() === 1, 'the tally sheet asks for R');
      await checkInEveryLanguage(first.desk, '/counting/BW-001', 'tally sheet, first entry');
      await typeSheet(first.desk, sheet);
      assert.equal(await first.desk.getAttribute('[role="status"]', 'data-entry-state'), 'AwaitingSecond');
      await checkInEveryLanguage(first.desk, '/counting/BW-001', 'tally sheet, waiting for the second entry');

      await second.desk.goto(base + '/counting/BW-001');
      assert.equal(await second.desk.locator('input[name="R"]').inputValue(), '', 'the second typist does not see the first entry');
      await typeSheet(second.desk, { ...sheet, 'list:1:list-only': 0 });
      assert.equal(await second.desk.getAttribute('[role="status"]', 'data-entry-state'), 'Differences');
      assert.equal(await second.desk.locator('[data-field]').count(), 0, 'a typist does not see the differences');
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });

  await step('the president decides the difference from the paper, explains the warning and locks; the voter\'s ballot turns "counted"', async () => {
    const { context: staff, desk } = await staffDesk('president1');
    try {
      await desk.goto(base + '/counting/BW-001');
      assert.equal(await desk.locator('[data-field="list:1:list-only"]').count(), 1);
      await checkInEveryLanguage(desk, '/counting/BW-001', 'differences for the president');
      await desk.fill('form[data-field="list:1:list-only"] input[name="value"]', '1');
      await Promise.all([desk.waitForNavigation(), desk.click('form[data-field="list:1:list-only"] button:not([name])')]);
      assert.equal(await desk.getAttribute('[role="status"]', 'data-entry-state'), 'Definitive');
      // 1 blank ballot of 2 is at least 3 %: W.201 waits for an explanation; no error.
      assert.equal(await desk.locator('[data-check="W.201"]').count(), 1);
      assert.equal(await desk.locator('[data-check^="F."]').count(), 0);
      await checkInEveryLanguage(desk, '/counting/BW-001', 'checks and lock');
      await desk.fill('textarea[name="explain:W.201"]', "L'électeur a renvoyé un bulletin vierge.");
      await Promise.all([desk.waitForNavigation(), desk.click('form[action="/counting/BW-001/lock"] button')]);
      assert.equal(await desk.locator('[data-locked="true"]').count(), 1);
      assert.match(await desk.textContent('[data-locked="true"]'), /SHA-256 [0-9a-f]{64}/);
      await checkInEveryLanguage(desk, '/counting/BW-001', 'locked sheet');
    } finally {
      await staff.close();
    }
    await page.goto(base + '/status');
    await page.fill('#kcode', kcode);
    await page.click('form[action="/status"] button');
    assert.equal(await page.locator('[data-status="counted"]').count(), 1);
  });

  await step('the organiser watches the progress: bureaus per state, never a figure; as a page and as CSV; then downloads the results', async () => {
    const { context: staff, desk } = await staffDesk('organiser');
    try {
      await desk.click('a[href="/counting"]');
      await desk.waitForURL(base + '/counting');
      assert.match(await desk.textContent('tr[data-contest="BW"]'), /Brabant wallon/);
      await checkInEveryLanguage(desk, '/counting', 'counting progress');
      const csv = await desk.evaluate(async () => (await fetch('/counting/progress.csv')).text());
      assert.match(csv, /^election,constituency,/);
      assert.match(csv, /\r\nCH2026,BW,Brabant wallon,1,0,0,0,0,0,1,0\r\n/);
      // Brabant wallon's only bureau is locked and voting has closed: its results can be downloaded.
      await desk.click('a[href="/counting/results"]');
      await desk.waitForURL(base + '/counting/results');
      assert.equal(await desk.getAttribute('li[data-contest="BW"]', 'data-state'), 'ready');
      await checkInEveryLanguage(desk, '/counting/results', 'results');
      const files = await desk.evaluate(async () => {
        const get = async (name) => new Uint8Array(await (await fetch('/counting/results/CH2026/BW/' + name)).arrayBuffer());
        return { eml: Array.from(await get('BW-510.eml')), sig: new TextDecoder().decode(await get('BW-510.eml.sig')), pv: new TextDecoder().decode((await get('BW-pv.pdf')).slice(0, 5)) };
      });
      const eml = Buffer.from(files.eml);
      assert.match(eml.toString('utf8'), /<EML [^>]*Id="510"/);
      assert.match(eml.toString('utf8'), /<Cast>2<\/Cast>/);
      assert.equal(files.pv, '%PDF-');
      // The detached signature names the EML's SHA-256.
      const sha = (await import('node:crypto')).createHash('sha256').update(eml).digest('hex');
      assert.match(files.sig, new RegExp(`^sha256: ${sha}$`, 'm'));
    } finally {
      await staff.close();
    }
  });

  await step('home, status, lists and error pages pass axe-core and reflow at 320 px in FR, NL and DE', async () => {
    for (const lang of ['nl', 'de', 'fr']) {
      await page.goto(`${base}/lang/${lang}?r=/status`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await checkPage(page, `status page (${lang})`);
      await page.goto(base + '/');
      await checkPage(page, `home page (${lang})`);
      await page.goto(base + '/no/such/page');
      await checkPage(page, `404 page (${lang})`);
      await page.goto(base + '/ballots/lists/CH2026');
      assert.ok((await page.$$('section.list h2')).length >= 3, 'the lists page names every list');
      await checkPage(page, `lists page (${lang})`);
      for (const reason of ['weak', 'no-identity', 'provider', 'no-role']) {
        await page.goto(`${base}/auth/refused/${reason}`);
        const again = reason === 'no-role' ? '/auth/staff' : '/auth/login';
        assert.ok(await page.$(`a[href="${again}"]`), `login refusal ${reason} offers to log in again`);
        await checkPage(page, `login refused: ${reason} (${lang})`);
      }
    }
  });

  await step('by keyboard only: from the home page to a K-code check on the status page', async () => {
    await page.goto(base + '/');
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('href') === '/status');
    }
    assert.ok(reached, 'the status link is not reachable with Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(base + '/status');
    let field = false;
    for (let i = 0; i < 20 && !field; i++) {
      await page.keyboard.press('Tab');
      field = await page.evaluate(() => document.activeElement?.id === 'kcode');
    }
    assert.ok(field, 'the K-code field is not reachable with Tab');
    await page.keyboard.type(kcode);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-status="counted"]');
  });

  await step('an unknown address shows a page in the voter\'s language with a way home', async () => {
    const response = await page.goto(base + '/no/such/page');
    assert.equal(response.status(), 404);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.match(await page.textContent('h1'), /Page introuvable/);
    await page.click('main a[href="/"]');
    await page.waitForURL(base + '/');
  });

  await step('logging out ends on a page that says so', async () => {
    await page.click('form[action="/auth/logout"] button');
    await page.waitForURL(base + '/auth/logged-out');
    assert.match(await page.textContent('h1'), /déconnecté/);
    await checkPage(page, 'logged-out page (fr)');
    for (const lang of ['nl', 'de', 'fr']) {
      await page.goto(`${base}/lang/${lang}?r=/auth/logged-out`);
      const status = await page.goto(base + '/status');
      assert.equal(status.status(), 401);
      assert.ok(await page.$('main a[href="/auth/login"]'), '/status without a session offers to log in');
      await checkPage(page, `login required (${lang})`);
    }
    const kcodePage = await page.goto(base + '/print');
    assert.equal(kcodePage.status(), 401);
    assert.ok(!(await page.content()).includes(kcode), 'the K-code is gone with the session');
  });

  await step('after logout, logging in again asks for the means again (the provider session ended too)', async () => {
    await page.click('a[href="/auth/login"]');
    await page.waitForSelector('#login');
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.goto(base + '/');
  });

  await step('the reconciliation adds up', async () => {
    const out = execFileSync('bash', ['-c', `${process.env.HV_CLI} reconcile --election CH2026`], { encoding: 'utf8' });
    // received 6 = accepted 2 + cancelled 0 + duplicate 1 + rescan 2 + rejected 1 (the foreign one) + pending 0; 2 ballots.
    assert.match(out, /BW-001 +6 +2 +0 +1 +2 +1 +0 +2 +0 +2\/2  ok/);
    assert.match(out, /adds up/);
  });
} catch {
  failed = true;
} finally {
  await browser.close();
}
const passed = results.filter(r => r.ok).length;
writeFileSync(`${out}/summary.txt`, `${passed} ${results.length - passed}\n`);
console.log(`end-to-end: ${passed} passed, ${results.length - passed} failed`);
process.exit(failed ? 1 : 0);
