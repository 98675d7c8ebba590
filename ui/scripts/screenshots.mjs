// Dev tool, not CI: screenshots of every screen in headless Chromium against a fake backend.
//   npm run build && node scripts/screenshots.mjs      (writes ui/screenshots/*.png)
// Needs Debian's chromium (apt-get install -y chromium). Serves ui/dist with `vite preview`.
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const UI = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(UI, 'screenshots');
const PORT = Number(process.env.PORT ?? 4317);
const BASE = `http://127.0.0.1:${PORT}/`;
const only = process.argv.slice(2);

await mkdir(OUT, { recursive: true });
const fake = await readFile(join(UI, 'scripts', 'fake-backend.js'), 'utf8');
const teamDashboard = await readFile(join(UI, 'scripts', 'team-dashboard.json'), 'utf8');

const server = spawn(
  process.execPath,
  [join(UI, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
  { cwd: UI, stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('vite preview did not start')), 20_000);
  server.stdout.on('data', (d) => {
    if (String(d).includes(String(PORT))) {
      clearTimeout(timer);
      resolve();
    }
  });
  server.on('exit', (code) => reject(new Error(`vite preview exited ${code}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'],
});

const ids = {
  mohammad: '0190a6b2-0000-7000-8000-000000000001',
  rahaf: '0190a6b2-0000-7000-8000-000000000005',
  amanuel: '0190a6b2-0000-7000-8000-000000000004',
  conversation: '0190a6b2-0000-7000-8000-000000000701',
};

async function shot(name, { scenario = 'unlocked', lang = 'nl', hash = '#/', size = [1280, 800], full = false, act } = {}) {
  if (only.length && !only.some((o) => name.includes(o))) return;
  const context = await browser.newContext({ viewport: { width: size[0], height: size[1] }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  await page.addInitScript(`window.__AANKOMST_SCENARIO__ = ${JSON.stringify(scenario)}; window.__AANKOMST_LANGUAGE__ = ${JSON.stringify(lang)};`);
  await page.addInitScript(`window.__AANKOMST_TEAM_DASHBOARD__ = ${teamDashboard};`);
  await page.addInitScript(fake);
  await page.goto(BASE + hash);
  await page.waitForSelector('[data-testid="app-root"]:not([data-phase="loading"])');
  await page.waitForTimeout(250);
  if (act) await act(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: full });
  if (process.env.AXE) {
    // AXE=1: also run axe-core (WCAG 2.x A/AA, as the e2e suite does) on what is shown.
    await page.addScriptTag({ path: join(UI, 'node_modules', 'axe-core', 'axe.min.js') });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    if (violations.length) errors.push(`axe: ${violations.join(' | ')}`);
  }
  console.log(`${name}.png${errors.length ? `  console: ${errors.join(' | ')}` : ''}`);
  await context.close();
}

try {
  await shot('01-first-start', {
    scenario: 'first-start',
    act: async (p) => {
      await p.fill('[data-testid="profile-name-input"]', 'Sanne');
      await p.fill('[data-testid="passphrase-new-input"]', 'sanne2025');
      await p.waitForTimeout(400);
    },
  });
  await shot('02-first-start-strong', {
    scenario: 'first-start',
    act: async (p) => {
      await p.fill('[data-testid="profile-name-input"]', 'Sanne');
      await p.fill('[data-testid="passphrase-new-input"]', 'fiets wolk pannenkoek lantaarn');
      await p.fill('[data-testid="passphrase-repeat-input"]', 'fiets wolk pannenkoek lantaarn');
      await p.waitForTimeout(400);
    },
  });
  await shot('03-unlock-wrong', {
    scenario: 'locked',
    act: async (p) => {
      await p.click('[data-testid="profile-item"][data-profile-name="Sanne de Vries"]');
      for (let i = 0; i < 3; i++) {
        await p.fill('[data-testid="passphrase-input"]', 'verkeerd');
        await p.click('[data-testid="unlock-button"]');
        await p.waitForTimeout(150);
      }
    },
  });
  await shot('04-case-list', {});
  await shot('30-dashboard', { hash: '#/dashboard', full: true });
  await shot('31-dashboard-en', { hash: '#/dashboard', lang: 'en', full: true });
  await shot('05-case-list-demo-search', {
    scenario: 'demo',
    act: async (p) => {
      await p.keyboard.type('er');
      await p.waitForTimeout(300);
      await p.keyboard.press('ArrowDown');
      await p.keyboard.press('ArrowDown');
    },
  });
  await shot('06-new-client', {
    act: async (p) => {
      await p.keyboard.press('Alt+n');
      await p.fill('[data-testid="new-client-given"]', 'Yohannes');
      await p.fill('[data-testid="new-client-family"]', 'Tekle');
      await p.fill('[data-testid="new-client-dob"]', '1990');
    },
  });
  await shot('07-client', { hash: `#/client/${ids.mohammad}`, full: true });
  await shot('08-client-arabic', { hash: `#/client/${ids.rahaf}` });
  await shot('09-client-bsn-error', {
    hash: `#/client/${ids.amanuel}`,
    act: async (p) => {
      await p.fill('[data-testid="field-bsn"]', '123456789');
      await p.waitForTimeout(700);
      await p.locator('[data-testid="field-bsn"]').scrollIntoViewIfNeeded();
    },
  });
  await shot('10-add-member', {
    hash: `#/client/${ids.mohammad}`,
    act: async (p) => {
      await p.click('[data-testid="add-member-button"]');
      await p.fill('[data-testid="member-given"]', 'Zahra');
      await p.fill('[data-testid="member-family"]', 'Karimi');
      await p.fill('[data-testid="member-dob"]', '2015');
      await p.selectOption('[data-testid="member-role"]', 'child');
      await p.check('[data-testid="member-nareiziger"]');
    },
  });
  await shot('11-conversation', { hash: `#/conversation/${ids.conversation}` });
  await shot('12-conversation-full', { hash: `#/conversation/${ids.conversation}`, full: true });
  await shot('13-settings', { hash: '#/settings' });
  await shot('14-already-running', { scenario: 'already-running' });
  await shot('15-english-client', { lang: 'en', hash: `#/client/${ids.mohammad}` });
  await shot('16-case-list-960', { size: [960, 640] });
  await shot('17-client-960', { size: [960, 640], hash: `#/client/${ids.mohammad}` });
  await shot('18-unlock-en', { scenario: 'locked', lang: 'en' });
  await shot('19-locked-idle', {
    act: async (p) => {
      await p.evaluate(() => window.__fakeEmit('locked', { reason: 'idle' }));
    },
  });
  await shot('20-link-member', {
    hash: `#/client/${ids.mohammad}`,
    act: async (p) => {
      await p.click('[data-testid="link-member-button"]');
      await p.keyboard.type('a');
      await p.waitForTimeout(300);
    },
  });
  await shot('21-review-list', { scenario: 'supervisor', hash: '#/review' });
  await shot('22-plan-in-review-supervisor', { scenario: 'supervisor', hash: '#/plan/0190a6b2-0000-7000-8000-000000000801', full: true });
  await shot('23-plan-approved', {
    scenario: 'supervisor',
    hash: '#/plan/0190a6b2-0000-7000-8000-000000000801',
    full: true,
    act: async (p) => {
      await p.click('[data-testid="review-approve"]');
      await p.waitForSelector('[data-testid="plan-approval"]');
    },
  });
  await shot('31-sync-devices', { scenario: 'supervisor', hash: '#/sync', full: true });
  await shot('32-enrol-code', { scenario: 'supervisor',
    hash: '#/sync',
    act: async (p) => {
      await p.click('[data-testid="enrol-code-new"]');
      await p.fill('[data-testid="enrol-code-label"]', 'Laptop Yusuf');
      await p.click('[data-testid="enrol-code-issue"]');
      await p.waitForSelector('[data-testid="enrol-code-value"]');
    },
  });
  await shot('33-revoke-confirm', { scenario: 'supervisor',
    hash: '#/sync',
    act: async (p) => {
      await p.click(`[data-testid="device-row-${'0190a6b2-0000-7000-8000-000000000992'}"] [data-testid="device-revoke"]`);
    },
  });
  await shot('34-revoked-rotate', { scenario: 'supervisor',
    hash: '#/sync',
    full: true,
    act: async (p) => {
      await p.click(`[data-testid="device-row-${'0190a6b2-0000-7000-8000-000000000992'}"] [data-testid="device-revoke"]`);
      await p.click('[data-testid="device-revoke-confirm"]');
    },
  });
  await shot('35-handover-dialog', { scenario: 'supervisor',
    hash: `#/client/${ids.mohammad}`,
    act: async (p) => {
      await p.click('[data-testid="handover-open"]');
      await p.fill('[data-testid="handover-to"]', 'Bram Jansen');
      await p.fill('[data-testid="handover-note"]', 'Voorkeur voor ochtendafspraken. Tolk Dari via de telefoon; PIP-gesprek volgende week.');
    },
  });
  await shot('36-handover-history', { scenario: 'supervisor',
    hash: `#/client/${ids.mohammad}`,
    act: async (p) => {
      await p.click('[data-testid="handover-open"]');
      await p.fill('[data-testid="handover-to"]', 'Bram Jansen');
      await p.fill('[data-testid="handover-note"]', 'Voorkeur voor ochtendafspraken. Tolk Dari via de telefoon; PIP-gesprek volgende week.');
      await p.click('[data-testid="handover-save"]');
      await p.waitForSelector('[data-testid="handover-history"]');
      await p.locator('[data-testid="handover-history"]').scrollIntoViewIfNeeded();
    },
  });
  await shot('37-handover-all', { scenario: 'supervisor',
    act: async (p) => {
      await p.click('[data-testid="handover-all-open"]');
      await p.selectOption('[data-testid="handover-from"]', 'Sanne de Vries');
      await p.fill('[data-testid="handover-to"]', 'Bram Jansen');
    },
  });
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
