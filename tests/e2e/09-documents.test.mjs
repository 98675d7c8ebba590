// The PIP's documents in the real app, after 05-pip (the journey client's PIP version 1 is
// fixed, signed on screen by client and counsellor, and attested by an Arabic interpreter):
// the bilingual Arabic client copy, its unreviewed translation marked to the counsellor, the
// print preview (pdf.js pages), Cancel in the save dialog (nothing written), and a save through GTK's own save dialog, driven with xdotool
// under the Xvfb display (WebDriver cannot reach a native dialog). The saved file is then read
// back with pdftotext: the Dutch and the Arabic are in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { withSession } from './webdriver.mjs';
import { accessibilityLog } from './axe.mjs';
import { choose, openJourneyClient } from './journey.mjs';

const tid = (id) => `[data-testid="${id}"]`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function xdotool(...args) {
  return execFileSync('xdotool', args, { encoding: 'utf8', timeout: 20_000 }).trim();
}

/** Waits for GTK's save dialog (by its title) and gives it the keyboard; returns its window. */
async function saveDialog(title) {
  let win = '';
  for (let i = 0; i < 100 && !win; i++) {
    try {
      win = xdotool('search', '--onlyvisible', '--name', title).split('\n')[0];
    } catch {
      await sleep(200);
    }
  }
  assert.ok(win, `the save dialog "${title}" did not appear`);
  await sleep(500); // let GTK finish mapping it and focus the name field
  xdotool('windowfocus', '--sync', win);
  return win;
}

/** Types `path` into the save dialog's name field and saves. */
async function saveThroughDialog(title, path) {
  await saveDialog(title);
  // The name field has the suggested name selected: replace it with the whole path.
  xdotool('key', '--clearmodifiers', 'ctrl+a');
  xdotool('type', '--delay', '20', path);
  await sleep(300);
  xdotool('key', 'Return');
}

test('the bilingual Arabic client copy: unreviewed texts marked, print preview, saved where the user chose', async () => {
  const dir = join(process.env.AANKOMST_E2E_ARTIFACTS ?? '/tmp', 'documents');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const target = join(dir, 'pip-arabisch.pdf');

  await withSession('documents', async (s) => {
    const axe = accessibilityLog();
    await openJourneyClient(s);
    if ((await s.attribute(tid('language-switch'), 'lang')) === 'nl') {
      await s.click(tid('language-switch'));
      await s.waitFor(async () => (await s.attribute(tid('language-switch'), 'lang')) === 'en', 5_000, {
        message: 'Dutch',
      });
    }
    // 05-pip left version 2 open as a draft; version 1 is the fixed, signed one.
    await s.click(await s.find(tid('plan-open-draft'), 10_000));
    await s.find(tid('plan-screen'), 15_000);
    const links = await s.findAll(tid('plan-version-link'));
    assert.ok(links.length >= 2, 'two versions');
    await links[0].click();
    await s.waitFor(async () => (await s.attribute(tid('plan-screen'), 'data-version')) === '1', 10_000, {
      message: 'version 1',
    });
    assert.equal(await s.attribute(tid('plan-screen'), 'data-status'), 'fixed');

    // ---- the documents panel: Arabic chosen, its unreviewed texts marked ----------------------
    await s.find(tid('plan-documents-language'), 10_000);
    await choose(s, 'plan-documents-language', 'ar');
    const municipality = await s.find(tid('plan-documents-municipality'));
    await municipality.clear();
    await municipality.sendKeys('ZZ Gemeente Amersfoort');
    assert.match(await s.text(tid('plan-documents-unreviewed')), /niet door een vertaler gecontroleerd/);
    assert.match(await s.text(tid('plan-documents-unreviewed')), /Arabisch/);
    await s.executeScript(`document.querySelector('${tid('plan-documents')}').scrollIntoView()`);
    await axe.check(s, 'plan-documents');
    await s.screenshot('90-pip-documents.png');

    // ---- print preview: the PDF's pages drawn by pdf.js ---------------------------------------
    await s.click(tid('plan-documents-client-copy-print'));
    await s.find(tid('print-preview'), 15_000);
    await s.waitFor(async () => (await s.findAll(tid('print-preview-page'))).length >= 2, 30_000, {
      message: 'preview pages rendered',
    });
    assert.equal((await s.findAll(tid('print-preview-failed'))).length, 0);
    const width = await s.executeScript(
      `return document.querySelector('${tid('print-preview-page')}').naturalWidth`,
    );
    assert.ok(width > 1000, `page drawn at print resolution (${width} px wide)`);
    await axe.check(s, 'print-preview');
    await s.screenshot('91-pip-print-preview.png');
    await s.click(tid('print-preview-close'));
    await s.waitForGone(tid('print-preview'), 10_000);

    // The intake summary for the file (Dutch) through the same preview.
    await s.click(tid('plan-documents-intake-summary-print'));
    await s.find(tid('print-preview'), 15_000);
    await s.waitFor(async () => (await s.findAll(tid('print-preview-page'))).length >= 1, 30_000, {
      message: 'intake summary pages rendered',
    });
    assert.equal((await s.findAll(tid('print-preview-failed'))).length, 0);
    await s.screenshot('91b-intake-summary-preview.png');
    await s.click(tid('print-preview-close'));
    await s.waitForGone(tid('print-preview'), 10_000);

    // ---- cancel in GTK's save dialog: nothing written -------------------------------------------
    await s.click(tid('plan-documents-client-copy-save'));
    await saveDialog('opslaan');
    xdotool('key', 'Escape');
    await s.waitForText(tid('plan-documents-message'), /niet opgeslagen/i, 30_000);
    assert.ok(!existsSync(target), 'cancel wrote nothing');

    // ---- save: GTK's save dialog, the path typed by xdotool ---------------------------------
    await s.click(tid('plan-documents-client-copy-save'));
    await saveThroughDialog('opslaan', target);
    const message = await s.waitForText(tid('plan-documents-message'), /Opgeslagen:/, 30_000);
    assert.match(await message.text(), /Opgeslagen/);
    assert.ok((await message.text()).includes(target), await message.text());
    await s.screenshot('92-pip-document-saved.png');
    axe.assertNone();
  });

  assert.ok(existsSync(target), 'the PDF is where the user chose');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', target, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const dutch of ['Persoonlijk Plan Inburgering en Participatie', 'Werk vinden in de logistiek', 'ZZ Gemeente Amersfoort', 'ZZ Tolk Haile']) {
    assert.ok(text.includes(dutch), `Dutch "${dutch}" not in the saved PDF`);
  }
  const arabic = text.replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
  for (const phrase of ['هدفك الرئيسي', 'الخطة الشخصية']) {
    assert.ok(arabic.includes(phrase), `Arabic "${phrase}" not in the saved PDF`);
  }
  execFileSync('pdftoppm', ['-png', '-r', '50', target, join(dir, 'pip-arabisch')]);
});
