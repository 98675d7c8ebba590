// Whole-app measurement for docs/benchmarks.md (not part of the test suite): a demo profile
// of 5 000 clients with up to 17 conversations per adult's case (the count is logged), created through the real window; then a
// restart, unlock and case list, timed as seen through WebDriver; then the memory of the app
// process and the WebKit processes it started (RSS and PSS, from /proc).
//
//   cargo build --release -p aankomst
//   AANKOMST_APP=target/release/aankomst AANKOMST_E2E_FILES=tests/e2e/measure-app.mjs \
//     dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" tests/e2e/run.sh
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { withSession, Key } from './webdriver.mjs';

const PASSPHRASE = 'boot molen zee wolk';
const ENV = { AANKOMST_DEMO_CLIENTS: '5000', AANKOMST_DEMO_CONVERSATIONS_PER_CASE: '17' };
const tid = (id) => `[data-testid="${id}"]`;

function processTree(root) {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    let kids = '';
    try {
      kids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(out[i])], { encoding: 'utf8' }).trim();
    } catch {
      // ps exits with status 1 when the process has no children.
    }
    if (kids) out.push(...kids.split(/\s+/).map(Number));
  }
  return out;
}

function memory() {
  const app = Number(execFileSync('pgrep', ['-o', '-f', process.env.AANKOMST_APP], { encoding: 'utf8' }).trim());
  let rss = 0;
  let pss = 0;
  const names = [];
  const each = [];
  for (const pid of processTree(app)) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const r = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const p = Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    const name = /Name:\s+(\S+)/.exec(status)?.[1];
    rss += r;
    pss += p;
    names.push(name);
    each.push(`${name} ${(p / 1024).toFixed(0)}`);
  }
  return { rssMiB: rss / 1024, pssMiB: pss / 1024, processes: names, perProcess: each.join(', ') };
}

test('measure the whole app with 5 000 clients', async () => {
  let created;
  await withSession('measure-create', async (s) => {
    await s.find(tid('demo-profile-button'), 20_000);
    await s.click(tid('demo-profile-button'));
    await (await s.find(tid('passphrase-new-input'))).sendKeys(PASSPHRASE);
    await (await s.find(tid('passphrase-repeat-input'))).sendKeys(PASSPHRASE);
    await s.waitFor(async () => (await s.property(tid('create-profile-button'), 'disabled')) === false, 10_000);
    const t0 = Date.now();
    await s.click(tid('create-profile-button'));
    await s.find(tid('case-row'), 600_000);
    created = (Date.now() - t0) / 1000;
  }, { env: ENV });

  // The app logs the demo profile's size (counts only).
  const logDir = `${process.env.AANKOMST_E2E_DATA_DIR}/logs`;
  const logText = readdirSync(logDir).map((f) => readFileSync(`${logDir}/${f}`, 'utf8')).join('\n');
  const filled = /demo profile filled.*/.exec(logText)?.[0] ?? 'demo profile size not logged';
  let baseline;
  let coldStart;
  let afterList;
  let afterClient;
  let counts;
  await withSession('measure-restart', async (s) => {
    const pass = await s.find(tid('passphrase-input'), 20_000);
    // Baseline in the same run: the same app at the unlock screen, no client data loaded.
    await s.settle(1500);
    baseline = memory();
    const t0 = Date.now();
    await pass.sendKeys(PASSPHRASE, Key.Enter);
    await s.find(tid('case-row'), 60_000);
    coldStart = (Date.now() - t0) / 1000;
    counts = await s.text(tid('case-count'));
    afterList = memory();
    const search = await s.find(tid('case-search'));
    await search.sendKeys('haddad');
    await s.waitFor(async () => (await s.findAll(tid('case-row'))).length > 0, 10_000);
    await s.click(`${tid('case-row')} a`);
    await s.find(tid('client-header'), 15_000);
    await s.find(tid('household-section'), 15_000);
    afterClient = memory();
  }, { env: ENV });
  assert.ok(afterList.rssMiB > 0);

  const section = `## Whole app: memory and start with 5 000 clients (real window)

Command: \`cargo build --release -p aankomst && AANKOMST_APP=target/release/aankomst AANKOMST_E2E_FILES=tests/e2e/measure-app.mjs dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" tests/e2e/run.sh\`

Demo profile created through the UI in ${created.toFixed(1)} s (case list header: "${counts}"; the app's log: \`${filled.replace(/^.*?demo profile filled/, 'demo profile filled')}\`).
Times are as seen through WebDriver (they include its round trips); memory is summed over the
app process and the WebKit processes it started (${afterList.processes.join(', ')}).

| measure | result | target |
|---|---|---|
| passphrase entered → first case-list row (Argon2id, open, first query, render) | ${coldStart.toFixed(2)} s | — |
| baseline: the same app at the unlock screen (no client data), RSS sum / PSS sum | ${baseline.rssMiB.toFixed(0)} MiB / ${baseline.pssMiB.toFixed(0)} MiB | — |
| memory after the case list, RSS sum / PSS sum | ${afterList.rssMiB.toFixed(0)} MiB / ${afterList.pssMiB.toFixed(0)} MiB (PSS ${(afterList.pssMiB / baseline.pssMiB).toFixed(2)}× baseline) | < 250 MB |
| memory after a search and opening a client, RSS sum / PSS sum | ${afterClient.rssMiB.toFixed(0)} MiB / ${afterClient.pssMiB.toFixed(0)} MiB (PSS ${(afterClient.pssMiB / baseline.pssMiB).toFixed(2)}× baseline) | < 250 MB |

PSS per process (MiB): baseline ${baseline.perProcess}; after opening a client ${afterClient.perProcess}.

RSS counts shared libraries (GTK, WebKit) once per process; PSS divides them among the
processes sharing them, so the PSS sum is the app's real share of memory.

**The 250 MB target is not met.** WebKitGTK alone, at an empty unlock screen, takes about
240 MiB PSS on this machine; the client data and screens add about 70 MiB on top (the SQLite
page cache is capped at 32 MiB). Measured the same way (on a smaller demo profile of 5 000
clients with about 12 000 conversations), WebKit's accelerated compositing cost another
~100 MiB in the web process (PSS 438 against 311 MiB after opening a client; 218 against 118 MiB
in WebKitWebProcess at the unlock screen), so the app disables it by default
(\`WEBKIT_DISABLE_COMPOSITING_MODE=1\`, opt out with \`AANKOMST_WEBKIT_COMPOSITING=1\`). WebKit's
document-viewer cache model and a disabled page cache made no measurable difference.
`;
  console.log(section);
  const file = 'docs/benchmarks.md';
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const marker = '## Whole app: memory and start';
  const start = existing.indexOf(marker);
  let kept = existing;
  if (start !== -1) {
    const next = existing.indexOf('\n## ', start + marker.length);
    kept = existing.slice(0, start) + (next === -1 ? '' : existing.slice(next + 1));
  }
  writeFileSync(file, `${kept.trimEnd()}\n\n${section}`);
});
