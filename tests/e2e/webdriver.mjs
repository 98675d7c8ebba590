// A small W3C WebDriver client for the end-to-end suite: no dependencies, Node 20's fetch.
// It talks to tauri-driver (tests/e2e/run.sh starts it), which proxies to WebKitWebDriver.
//
//   import { newSession, Key } from './webdriver.mjs';
//   const s = await newSession(process.env.AANKOMST_APP);
//   await s.click('[data-testid="new-client"]');
//   await s.sendKeys('input[name="name"]', 'Amina', Key.Enter);
//   await s.keys(Key.Control, 'l');
//   await s.screenshot('after-save.png');
//   await s.deleteSession();

import { mkdir, mkdtemp, writeFile, chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const WEBDRIVER_URL = process.env.AANKOMST_WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
export const DEFAULT_TIMEOUT = Number(process.env.AANKOMST_E2E_TIMEOUT ?? 10_000);
const SCREENSHOTS = process.env.AANKOMST_SCREENSHOTS ?? path.resolve('tests/e2e/screenshots');
const ARTIFACTS = process.env.AANKOMST_E2E_ARTIFACTS ?? path.resolve('tests/e2e/artifacts');
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
const REQUEST_TIMEOUT = Number(process.env.AANKOMST_E2E_REQUEST_TIMEOUT ?? 60_000);

/** W3C WebDriver key codes, for sendKeys() and keys(). */
export const Key = Object.freeze({
  Null: '\uE000', Cancel: '\uE001', Help: '\uE002', Backspace: '\uE003', Tab: '\uE004',
  Clear: '\uE005', Return: '\uE006', Enter: '\uE007', Shift: '\uE008', Control: '\uE009',
  Alt: '\uE00A', Pause: '\uE00B', Escape: '\uE00C', Space: '\uE00D', PageUp: '\uE00E',
  PageDown: '\uE00F', End: '\uE010', Home: '\uE011', ArrowLeft: '\uE012', ArrowUp: '\uE013',
  ArrowRight: '\uE014', ArrowDown: '\uE015', Insert: '\uE016', Delete: '\uE017',
  F1: '\uE031', F2: '\uE032', F3: '\uE033', F4: '\uE034', F5: '\uE035', F6: '\uE036',
  F7: '\uE037', F8: '\uE038', F9: '\uE039', F10: '\uE03A', F11: '\uE03B', F12: '\uE03C',
  Meta: '\uE03D',
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** An error answered by the WebDriver server; `code` is the W3C error code. */
export class WebDriverError extends Error {
  constructor(code, message, detail = {}) {
    super(message);
    this.name = 'WebDriverError';
    this.code = code;
    Object.assign(this, detail);
  }
}

async function request(method, url, body) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT),
    });
  } catch (error) {
    throw new WebDriverError('connection', `${method} ${url}: ${error.cause?.message ?? error.message}`);
  }
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError('bad response', `${method} ${url}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
  const value = json.value;
  if (!response.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
    const code = value?.error ?? `HTTP ${response.status}`;
    throw new WebDriverError(code, `${code}: ${value?.message ?? text.slice(0, 500)}`, {
      status: response.status,
      endpoint: `${method} ${new URL(url).pathname}`,
    });
  }
  return value;
}

function joinKeys(keys) {
  return keys.flat().map(String).join('');
}

/**
 * Starts the app under WebDriver and returns a Session.
 * `env` (optional) adds environment variables for the app: the app is started through a
 * small wrapper script, because tauri-driver passes no environment of its own.
 */
export async function newSession(appPath = process.env.AANKOMST_APP, env, { args = [], url = WEBDRIVER_URL } = {}) {
  if (!appPath) throw new Error('newSession: no app path (set AANKOMST_APP)');
  let application = path.resolve(appPath);
  let wrapperDir;
  if (env && Object.keys(env).length > 0) {
    wrapperDir = await mkdtemp(path.join(tmpdir(), 'aankomst-app-'));
    const q = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;
    const exports = Object.entries(env).map(([k, v]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`newSession: bad env name ${k}`);
      return v === undefined || v === null ? `unset ${k}` : `export ${k}=${q(v)}`;
    });
    const wrapper = path.join(wrapperDir, 'app');
    await writeFile(wrapper, `#!/bin/sh\n${exports.join('\n')}\nexec ${q(application)} "$@"\n`);
    await chmod(wrapper, 0o755);
    application = wrapper;
  }
  const value = await request('POST', `${url}/session`, {
    capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
  });
  const session = new Session(url, value.sessionId, value.capabilities);
  session.wrapperDir = wrapperDir;
  // We poll ourselves (find/waitFor), so switch implicit waits off.
  await session.cmd('POST', '/timeouts', { implicit: 0 }).catch(() => {});
  return session;
}

export class Session {
  constructor(url, id, capabilities) {
    this.url = url;
    this.id = id;
    this.capabilities = capabilities;
    this.timeout = DEFAULT_TIMEOUT;
  }

  cmd(method, suffix, body) {
    return request(method, `${this.url}/session/${this.id}${suffix}`, body);
  }

  async deleteSession() {
    try {
      await request('DELETE', `${this.url}/session/${this.id}`);
    } finally {
      if (this.wrapperDir) await rm(this.wrapperDir, { recursive: true, force: true });
    }
  }

  // --- page ---------------------------------------------------------------------------------

  currentUrl() { return this.cmd('GET', '/url'); }
  navigate(url) { return this.cmd('POST', '/url', { url }); }
  refresh() { return this.cmd('POST', '/refresh', {}); }
  title() { return this.cmd('GET', '/title'); }
  source() { return this.cmd('GET', '/source'); }

  /** "url=… title=…" for error messages; never throws. */
  async where() {
    const url = await this.currentUrl().catch((e) => `? (${e.code ?? e.message})`);
    const title = await this.title().catch(() => '?');
    return `url=${url} title=${JSON.stringify(title)}`;
  }

  async fail(message, cause) {
    const error = new Error(`${message} [${await this.where()}]${cause ? `: ${cause.message}` : ''}`);
    if (cause) error.cause = cause;
    return error;
  }

  /**
   * Runs `script` in the page. `script` is a function (its source is sent) or a string body
   * that uses `return` and `arguments`. Elements can be passed and are returned as Elements.
   */
  async executeScript(script, ...args) {
    const body = typeof script === 'function' ? `return (${script}).apply(null, arguments);` : script;
    const value = await this.cmd('POST', '/execute/sync', { script: body, args: args.map(toWire) });
    return fromWire(this, value);
  }

  /** Like executeScript, but the script calls its last argument (the callback) when done. */
  async executeAsyncScript(script, ...args) {
    const body = typeof script === 'function'
      ? `return (${script}).apply(null, arguments);`
      : script;
    const value = await this.cmd('POST', '/execute/async', { script: body, args: args.map(toWire) });
    return fromWire(this, value);
  }

  /** Polls `predicate` (sync or async) until it returns a truthy value, which it returns. */
  async waitFor(predicate, timeout = this.timeout, { interval = 100, message = 'condition' } = {}) {
    const deadline = Date.now() + timeout;
    let lastError;
    for (;;) {
      try {
        const value = await predicate();
        if (value) return value;
        lastError = undefined;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() >= deadline) {
        throw await this.fail(`waitFor: ${message} not met within ${timeout} ms`, lastError);
      }
      await sleep(interval);
    }
  }

  // --- elements -----------------------------------------------------------------------------

  /** Finds the first element matching `css`, polling until `timeout` ms. */
  async find(css, timeout = this.timeout, root) {
    const deadline = Date.now() + timeout;
    const suffix = root ? `/element/${root.id}/element` : '/element';
    for (;;) {
      try {
        const value = await this.cmd('POST', suffix, { using: 'css selector', value: css });
        return new Element(this, value[ELEMENT_KEY], css, root);
      } catch (error) {
        if (error.code !== 'no such element') {
          throw await this.fail(`find(${JSON.stringify(css)}) failed`, error);
        }
      }
      if (Date.now() >= deadline) {
        throw await this.fail(`find(${JSON.stringify(css)}): no element within ${timeout} ms`);
      }
      await sleep(100);
    }
  }

  /** All elements matching `css` right now (no waiting; an empty array if none). */
  async findAll(css, root) {
    const suffix = root ? `/element/${root.id}/elements` : '/elements';
    try {
      const values = await this.cmd('POST', suffix, { using: 'css selector', value: css });
      return values.map((v) => new Element(this, v[ELEMENT_KEY], css, root));
    } catch (error) {
      throw await this.fail(`findAll(${JSON.stringify(css)}) failed`, error);
    }
  }

  /** True if an element matching `css` exists now. */
  async exists(css) {
    return (await this.findAll(css)).length > 0;
  }

  // Shortcuts taking a CSS selector or an Element.
  async el(target) { return target instanceof Element ? target : this.find(target); }
  async click(target) { return (await this.el(target)).click(); }
  async sendKeys(target, ...keys) { return (await this.el(target)).sendKeys(...keys); }
  async clear(target) { return (await this.el(target)).clear(); }
  async text(target) { return (await this.el(target)).text(); }
  async attribute(target, name) { return (await this.el(target)).attribute(name); }
  async property(target, name) { return (await this.el(target)).property(name); }
  async isDisplayed(target) { return (await this.el(target)).isDisplayed(); }

  /** Waits until the element matching `css` shows text satisfying `expected` (string or RegExp). */
  async waitForText(css, expected, timeout = this.timeout) {
    const matches = (t) => (expected instanceof RegExp ? expected.test(t) : t.includes(expected));
    return this.waitFor(async () => {
      const el = await this.find(css, 0);
      const t = await el.text();
      return matches(t) ? el : false;
    }, timeout, { message: `text of ${JSON.stringify(css)} to match ${expected}` });
  }

  /** Waits until no element matches `css`. */
  async waitForGone(css, timeout = this.timeout) {
    return this.waitFor(async () => !(await this.exists(css)), timeout,
      { message: `${JSON.stringify(css)} to disappear` });
  }

  // --- keyboard -----------------------------------------------------------------------------

  /**
   * Presses keys together through the actions API, e.g. keys(Key.Control, 'l') for Ctrl+L:
   * all keys go down in order and come up in reverse order. Goes to the focused element.
   */
  async keys(...keys) {
    const list = keys.flat().map(String);
    const actions = [
      ...list.map((value) => ({ type: 'keyDown', value })),
      ...[...list].reverse().map((value) => ({ type: 'keyUp', value })),
    ];
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions').catch(() => {});
  }

  /** Types a string key by key through the actions API (to the focused element). */
  async type(...keys) {
    const actions = [];
    for (const ch of joinKeys(keys)) {
      actions.push({ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch });
    }
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** The element that has the keyboard focus. */
  async activeElement() {
    const value = await this.cmd('GET', '/element/active');
    return new Element(this, value[ELEMENT_KEY], ':focus');
  }

  // --- screenshots and artifacts ------------------------------------------------------------

  /** Waits for a repaint, then writes a PNG; a relative path goes under AANKOMST_SCREENSHOTS. */
  async screenshot(file) {
    await this.settle();
    await this.keepPainting();
    const target = path.resolve(SCREENSHOTS, file);
    await mkdir(path.dirname(target), { recursive: true });
    const data = await this.cmd('GET', '/screenshot');
    await writeFile(target, Buffer.from(data, 'base64'));
    return target;
  }

  /** WebKit's screenshot can lag the DOM: wait two animation frames and ~200 ms. */
  async settle(ms = 200) {
    await this.executeAsyncScript(
      'const done = arguments[arguments.length - 1];'
        + 'requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
    ).catch(() => {});
    await sleep(ms);
  }

  /**
   * WebKit answers a screenshot only after its next paint. Without compositing, a page where
   * nothing changes (no caret blinking in a focused field, say) never paints again and the
   * screenshot never comes: a 1-pixel, nearly transparent element flickers for ~2 s so it does.
   */
  async keepPainting() {
    await this.executeScript(
      "const d = document.createElement('div');"
        + "d.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.01;pointer-events:none';"
        + 'document.body.appendChild(d); let n = 0;'
        + "(function flip() { d.style.background = n++ % 2 ? '#000' : '#fff';"
        + ' if (n < 120) requestAnimationFrame(flip); else d.remove(); })();',
    ).catch(() => {});
  }

  /** Saves a screenshot and the page source under AANKOMST_E2E_ARTIFACTS (for failures). */
  async saveArtifacts(name) {
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_');
    await mkdir(ARTIFACTS, { recursive: true });
    const saved = [];
    try {
      saved.push(await this.screenshot(path.join(ARTIFACTS, `${safe}.png`)));
    } catch { /* the app may be gone */ }
    try {
      const file = path.join(ARTIFACTS, `${safe}.html`);
      await writeFile(file, `<!-- ${await this.where()} -->\n${await this.source()}`);
      saved.push(file);
    } catch { /* idem */ }
    return saved;
  }
}

export class Element {
  constructor(session, id, selector, root) {
    this.session = session;
    this.id = id;
    this.selector = selector;
    this.root = root;
  }

  toString() { return `Element(${JSON.stringify(this.selector)})`; }

  /**
   * Runs an element command. A stale element is found again by its selector; a click that
   * is intercepted or not yet interactable is retried until the timeout.
   */
  async #run(what, method, suffix, body, { retryInteractable = false } = {}) {
    const s = this.session;
    const deadline = Date.now() + s.timeout;
    for (;;) {
      try {
        return await s.cmd(method, `/element/${this.id}${suffix}`, body);
      } catch (error) {
        const retry = error.code === 'stale element reference'
          || (retryInteractable && ['element click intercepted', 'element not interactable'].includes(error.code));
        if (!retry || Date.now() >= deadline) {
          throw await s.fail(`${what} on ${JSON.stringify(this.selector)} failed`, error);
        }
        if (error.code === 'stale element reference') {
          const fresh = await s.find(this.selector, Math.max(0, deadline - Date.now()), this.root);
          this.id = fresh.id;
        } else {
          await sleep(100);
        }
      }
    }
  }

  find(css, timeout) { return this.session.find(css, timeout, this); }
  findAll(css) { return this.session.findAll(css, this); }
  click() { return this.#run('click', 'POST', '/click', {}, { retryInteractable: true }); }
  /** Types text into the element; Key.* values give special keys, e.g. sendKeys('x', Key.Tab). */
  sendKeys(...keys) {
    const text = joinKeys(keys);
    return this.#run('sendKeys', 'POST', '/value', { text, value: [...text] }, { retryInteractable: true });
  }
  clear() { return this.#run('clear', 'POST', '/clear', {}, { retryInteractable: true }); }
  text() { return this.#run('text', 'GET', '/text'); }
  attribute(name) { return this.#run(`attribute(${name})`, 'GET', `/attribute/${encodeURIComponent(name)}`); }
  property(name) { return this.#run(`property(${name})`, 'GET', `/property/${encodeURIComponent(name)}`); }
  isDisplayed() { return this.#run('isDisplayed', 'GET', '/displayed'); }
  isEnabled() { return this.#run('isEnabled', 'GET', '/enabled'); }
  isSelected() { return this.#run('isSelected', 'GET', '/selected'); }
  tagName() { return this.#run('tagName', 'GET', '/name'); }
  async screenshot(file) {
    await this.session.settle();
    const target = path.resolve(SCREENSHOTS, file);
    await mkdir(path.dirname(target), { recursive: true });
    const data = await this.#run('screenshot', 'GET', '/screenshot');
    await writeFile(target, Buffer.from(data, 'base64'));
    return target;
  }
}

function toWire(arg) {
  if (arg instanceof Element) return { [ELEMENT_KEY]: arg.id };
  if (Array.isArray(arg)) return arg.map(toWire);
  return arg;
}

function fromWire(session, value) {
  if (Array.isArray(value)) return value.map((v) => fromWire(session, v));
  if (value && typeof value === 'object') {
    if (typeof value[ELEMENT_KEY] === 'string') return new Element(session, value[ELEMENT_KEY], '(script result)');
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(session, v)]));
  }
  return value;
}

/** Runs `fn(session)` with a fresh app session; saves artifacts on failure; always ends the session. */
export async function withSession(name, fn, { env, args } = {}) {
  const session = await newSession(process.env.AANKOMST_APP, env, { args });
  try {
    return await fn(session);
  } catch (error) {
    const saved = await session.saveArtifacts(name).catch(() => []);
    if (saved.length) error.message += `\n(artifacts: ${saved.join(', ')})`;
    throw error;
  } finally {
    await session.deleteSession().catch(() => {});
  }
}
