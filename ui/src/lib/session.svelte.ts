// The app's top-level state: which phase we are in (start screen, unlocked, already running),
// the open session, and locking. Locking clears every piece of client data from the UI.
import { AppError, api, onLocked, onWiped } from './api';
import { disposeAllSavers, flushAllSavers } from './autosave.svelte';
import { applyLanguage, i18n, isLanguage, type Language } from './i18n.svelte';
import { navigate } from './router.svelte';
import type { AppStatus, SessionInfo } from './types';

export type Phase = 'loading' | 'already_running' | 'start' | 'unlocked' | 'failed';

export const app = $state<{
  phase: Phase;
  status: AppStatus | null;
  session: SessionInfo | null;
  /** Why the app was locked last ('idle' shows a short note on the start screen). */
  lockReason: 'idle' | 'manual' | 'wiped' | null;
  /** A problem to show in the notice area (not tied to a field). */
  notice: AppError | null;
  /** Bumped on every lock, so screens can drop data that arrives after it. */
  epoch: number;
  /** The profile that was open last, preselected on the unlock screen. */
  lastProfileId: string | null;
}>({
  phase: 'loading',
  status: null,
  session: null,
  lockReason: null,
  notice: null,
  epoch: 0,
  lastProfileId: null,
});

let unlisten: (() => void) | null = null;

/** Reads the app status and follows the backend's `locked` event. */
export async function initApp(): Promise<void> {
  if (!unlisten) {
    try {
      const stopLocked = await onLocked((payload) => handleLocked(payload?.reason ?? 'idle'));
      // A revoked device destroyed its data: back to the start screen, saying why.
      const stopWiped = await onWiped(() => handleLocked('wiped'));
      unlisten = () => {
        stopLocked();
        stopWiped();
      };
    } catch (e) {
      console.error('could not listen for locked events', e);
    }
  }
  await refreshStatus();
}

export async function refreshStatus(): Promise<void> {
  try {
    const status = await api.appStatus();
    app.status = status;
    if (isLanguage(status.language)) applyLanguage(status.language);
    if (status.instance === 'already_running') {
      app.phase = 'already_running';
      return;
    }
    if (status.session) {
      enterSession(status.session);
    } else {
      app.session = null;
      app.phase = 'start';
    }
  } catch (e) {
    app.notice = AppError.from(e);
    app.phase = 'failed';
  }
}

/** After unlock or profile creation. */
export function enterSession(session: SessionInfo): void {
  app.session = session;
  app.lastProfileId = session.profile.id;
  app.phase = 'unlocked';
  app.notice = null;
  app.lockReason = null;
  lastTouch = Date.now();
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    navigate({ name: 'cases' }, { replace: true });
  }
}

/** The Lock button and Ctrl+L: save what is pending, then lock. */
export async function lockNow(): Promise<void> {
  await flushAllSavers();
  try {
    await api.lock();
  } catch (e) {
    console.error('lock failed', e);
  }
  handleLocked('manual');
}

/** The app is locked (by us, by the backend, or a command answered `locked`). */
export function handleLocked(reason: 'idle' | 'manual' | 'wiped'): void {
  if (app.phase !== 'unlocked' && app.session === null) return;
  disposeAllSavers();
  app.epoch += 1;
  app.session = null;
  app.phase = 'start';
  app.lockReason = reason;
  app.notice = null;
  // Nothing of the file stays on screen or in the address: back to the start screen.
  history.replaceState(null, '', '#/');
  void refreshStatus();
}

/** Shows an error in the notice area, or locks when the backend says it is locked. */
export function reportError(e: unknown): AppError {
  const err = AppError.from(e);
  if (err.key === 'locked') handleLocked('idle');
  else app.notice = err;
  return err;
}

/**
 * Loading what a screen shows, made when the screen opens: an answer is dropped when a newer
 * load started or the app was locked since. `locked` locks; other errors go to `onerror`.
 */
export function loader<T>(
  onload: (value: T) => void,
  onerror: (err: AppError) => void,
): (get: () => T | Promise<T>) => Promise<void> {
  const epoch = app.epoch;
  let seq = 0;
  return async (get) => {
    const mine = ++seq;
    try {
      const value = await get();
      if (mine !== seq || epoch !== app.epoch) return;
      onload(value);
    } catch (e) {
      const err = AppError.from(e);
      if (err.key === 'locked') reportError(err);
      else onerror(err);
    }
  };
}

export function dismissNotice(): void {
  app.notice = null;
}

/** Switches language and stores the choice (works before unlock too). */
export async function setLanguage(lang: Language): Promise<void> {
  if (i18n.lang === lang) return;
  applyLanguage(lang);
  try {
    await api.setLanguage(lang);
  } catch (e) {
    reportError(e);
  }
}

// --- activity: touch() at most once per 20 s while unlocked ----------------------------------
export const TOUCH_INTERVAL_MS = 20_000;
let lastTouch = 0;

export function activity(): void {
  if (app.phase !== 'unlocked') return;
  const now = Date.now();
  if (now - lastTouch < TOUCH_INTERVAL_MS) return;
  lastTouch = now;
  api.touch().catch((e) => reportError(e));
}

/** For tests. */
export function resetApp(): void {
  disposeAllSavers();
  const stop = unlisten?.() as unknown;
  if (stop instanceof Promise) stop.catch(() => {});
  unlisten = null;
  app.phase = 'loading';
  app.status = null;
  app.session = null;
  app.lockReason = null;
  app.notice = null;
  app.lastProfileId = null;
  lastTouch = 0;
}

/**
 * Hands the screen to the client for one questionnaire. Pending edits are saved first; from
 * now on the backend refuses every command but the client view's until the counsellor's
 * passphrase is given again.
 */
export async function enterClientView(administrationId: string): Promise<void> {
  await flushAllSavers();
  await api.enterClientView(administrationId);
  if (app.session) app.session = { ...app.session, client_view: administrationId };
}

/** The counsellor took the screen back: open the administration (its result or protocol). */
export function leftClientView(administrationId: string): void {
  if (app.session) app.session = { ...app.session, client_view: null };
  navigate({ name: 'administration', id: administrationId });
}
