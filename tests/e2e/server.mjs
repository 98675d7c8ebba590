// The municipality's side of an end-to-end test: the GGD's key, the key ceremony, the real
// aankomst-server with a tenant, and the steps a laptop takes on the Sync screen to enrol.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';

const tid = (id) => `[data-testid="${id}"]`;
const BIN = path.dirname(process.env.AANKOMST_APP);

/** Runs one of the project's command-line tools (built next to the app) and returns stdout. */
export function tool(name, args) {
  return execFileSync(path.join(BIN, name), args, { encoding: 'utf8' });
}

/** Starts aankomst-server on a free loopback port; resolves with its URL and certificate. */
async function startServer(data) {
  const child = spawn(path.join(BIN, 'aankomst-server'), ['--data-dir', data, 'serve', '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  let cert = null;
  for await (const line of lines) {
    if (line.startsWith('certificate: ')) cert = await readFile(line.slice('certificate: '.length), 'utf8');
    if (line.startsWith('listening on ')) return { child, url: line.slice('listening on '.length), cert };
  }
  throw new Error('the server exited before listening');
}

/**
 * The GGD's key and the key ceremony of `tenant`, made once per run (HOME is throwaway) and
 * shared by the test files: a laptop that loaded the municipality's key list before enrolling
 * (04-screening, for the sealed K10) enrols later with that same municipality (11-sync).
 */
export function ceremony(tenant) {
  const dir = path.join(os.homedir(), 'e2e-ceremonies', tenant);
  const keys = path.join(dir, 'ceremony');
  if (!existsSync(path.join(keys, 'root.pub'))) {
    mkdirSync(dir, { recursive: true });
    const ggdPub = tool('aankomst-ggd', ['keygen', '--out', path.join(dir, 'ggd.secret')]).trim();
    tool('aankomst-keys', ['ceremony', '--tenant', tenant, '--ggd-public-key', ggdPub, '--out', keys]);
  }
  return { keys, ggdSecret: path.join(dir, 'ggd.secret') };
}

/**
 * A tenant as IT sets it up: the GGD's key pair, the ceremony's keys and recipient list, the
 * tenant on a fresh server data directory, and the server running. `close()` stops it and
 * removes everything.
 */
export async function municipality(tenant, name) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aankomst-e2e-server-'));
  const data = path.join(dir, 'server-data');
  const { keys } = ceremony(tenant);
  const rootPub = (await readFile(path.join(keys, 'root.pub'), 'utf8')).trim();
  const teamSecret = (await readFile(path.join(keys, 'team.secret'), 'utf8')).trim();
  const admin = (...args) => tool('aankomst-server', ['--data-dir', data, ...args]);
  admin('tenant', 'create', tenant, '--name', name, '--root-public-key', rootPub);
  admin('tenant', 'set-recipients', tenant, path.join(keys, 'recipients.json'));
  const server = await startServer(data);
  return {
    tenant,
    data,
    keys,
    rootPub,
    teamSecret,
    url: server.url,
    cert: server.cert,
    admin,
    enrolCode: (role) => admin('enrol-code', tenant, '--role', role).trim(),
    /**
     * IT's ceremony step after the first supervisor enrolled: the root certifies every enrolled
     * device of `role` that has no certificate yet (`aankomst-keys certify`, with the key the
     * app shows; here read from the server's list) and the server adds it. `revoke: true`
     * instead signs a revocation with the root (a lost laptop).
     */
    rootSigns(role, { revoke = false } = {}) {
      const rows = admin('devices', 'list', '--tenant', tenant)
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t'))
        .filter((r) => r[2] === role && r[3] === 'active');
      for (const [, deviceId, , , publicKey] of rows) {
        const out = path.join(dir, `${deviceId}.${revoke ? 'revocation' : 'cert'}.${Date.now()}.json`);
        const args = revoke
          ? ['revoke', '--root-secret', path.join(keys, 'root.secret'), '--tenant', tenant, '--device-id', deviceId, `--device-public-key=${publicKey}`, '--out', out]
          : ['certify', '--root-secret', path.join(keys, 'root.secret'), '--tenant', tenant, '--device-id', deviceId, `--device-public-key=${publicKey}`, '--role', role, '--out', out];
        tool('aankomst-keys', args);
        try {
          admin('devices', 'add-certificate', tenant, out);
        } catch {
          // Already certified (by the root earlier, or by a supervisor's grant): nothing to add.
        }
      }
    },
    /**
     * IT publishes a policy: the default one, changed by `edit`, signed offline with the
     * ceremony's root key as `version`, then registered with the server's admin CLI.
     */
    async publishPolicy(version, edit) {
      const draft = path.join(dir, `policy-${version}.json`);
      const signed = path.join(dir, `policy-${version}.signed.json`);
      tool('aankomst-keys', ['default-policy', '--out', draft]);
      const policy = JSON.parse(await readFile(draft, 'utf8'));
      edit(policy);
      await writeFile(draft, JSON.stringify(policy));
      tool('aankomst-keys', [
        'sign-policy', '--root-secret', path.join(keys, 'root.secret'), '--tenant', tenant,
        '--version', String(version), '--out', signed, draft,
      ]);
      admin('tenant', 'set-policy', tenant, signed);
    },
    async close() {
      server.child.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Sets an input's value the way typing does, for long values (keys, certificates). */
export async function setValue(s, css, value) {
  await s.executeScript(
    `const el = document.querySelector(arguments[0]);
     el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true }));`,
    css,
    value,
  );
}

/** On an unlocked profile: opens the Sync screen and enrols with a code. */
export async function enrolOnSyncScreen(s, town, code) {
  await s.click(tid('nav-sync'));
  await s.find(tid('sync-enrol'), 15_000);
  await setValue(s, tid('enrol-url'), town.url);
  await setValue(s, tid('enrol-tenant'), town.tenant);
  await setValue(s, tid('enrol-root-key'), town.rootPub);
  await setValue(s, tid('enrol-certificate'), town.cert);
  await setValue(s, tid('enrol-code'), code);
  await s.click(tid('enrol-submit'));
  await s.find(tid('sync-status'), 20_000);
}

/**
 * On an unlocked profile that is not enrolled: loads the municipality's key list (root key and
 * recipients.json) on the Sync screen, so sealed questionnaires can be given before enrolment.
 */
export async function pinKeysOnSyncScreen(s, tenant) {
  const { keys } = ceremony(tenant);
  await s.click(tid('nav-sync'));
  await s.find(tid('sync-pin-keys'), 15_000);
  await setValue(s, tid('pin-root-key'), (await readFile(path.join(keys, 'root.pub'), 'utf8')).trim());
  await (await s.find(tid('pin-list-file'))).sendKeys(path.join(keys, 'recipients.json'));
  await s.waitFor(async () => (await s.property(tid('pin-submit'), 'disabled')) === false, 10_000, {
    message: 'key list read',
  });
  await s.click(tid('pin-submit'));
  await s.find(tid('pin-done'), 15_000);
}
