// Save as you type. One RecordSaver per record on screen: inputs show `values` (what the user
// typed), edits are saved per field after a pause (debounced) or at once on blur, and a refused
// value stays in its input with the error beside it while the last saved value stays stored.
import { AppError, api } from './api';
import type { ConversationWarning, SaveResult } from './types';

export const DEBOUNCE_MS = 400;

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

type Options = {
  /** Converts what the input holds into the value sent (e.g. local time to UTC). */
  toWire?: Record<string, (value: unknown) => unknown>;
  /** Called after each successful save. */
  onSaved?: (field: string, value: unknown, result: SaveResult) => void;
  /** Called with every error that is not a refused field value (e.g. `locked`). */
  onError?: (error: AppError) => void;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every saver on screen, so locking can first save what is pending. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
const active = new Set<RecordSaver>();

export async function flushAllSavers(): Promise<void> {
  await Promise.allSettled([...active].map((s) => s.flushAll()));
}

export function disposeAllSavers(): void {
  for (const s of [...active]) s.dispose({ flush: false });
}

export class RecordSaver {
  readonly recordId: string;
  /** What the inputs show: the user's text, saved or not. */
  values = $state<Record<string, unknown>>({});
  /** Refused values, per field. */
  errors = $state<Record<string, AppError>>({});
  state = $state<SaveState>('idle');
  savedAt = $state<string | null>(null);
  /** The last error that was not a refused field value. */
  failure = $state<AppError | null>(null);
  /** Conversation warnings from the latest save (null until the first save). */
  warnings = $state<ConversationWarning[] | null>(null);

  /** The last value the backend accepted, per field. */
  private saved: Record<string, unknown> = {};
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
  private inflight = new Map<string, Promise<void>>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
  private failed = new Set<string>();
  private disposed = false;
  private opts: Options;

  constructor(recordId: string, initial: Record<string, unknown>, opts: Options = {}) {
    this.recordId = recordId;
    this.opts = opts;
    this.values = { ...initial };
    this.saved = { ...initial };
    active.add(this);
  }

  /** The input's value changed: save after a pause, or now. */
  edit(field: string, value: unknown, opts: { now?: boolean } = {}): void {
    if (this.disposed) return;
    this.values[field] = value;
    this.clearTimer(field);
    if (opts.now) {
      void this.save(field);
      return;
    }
    this.timers.set(
      field,
      setTimeout(() => {
        this.timers.delete(field);
        void this.save(field);
      }, DEBOUNCE_MS),
    );
    this.refreshState();
  }

  /** Saves a field now if it has an edit waiting (on blur). */
  flush(field: string): Promise<void> {
    if (this.timers.has(field)) {
      this.clearTimer(field);
      return this.save(field);
    }
    return this.inflight.get(field) ?? Promise.resolve();
  }

  async flushAll(): Promise<void> {
    const fields = [...this.timers.keys()];
    for (const f of fields) this.clearTimer(f);
    await Promise.allSettled([...fields.map((f) => this.save(f)), ...this.inflight.values()]);
  }

  /** Sends again every field whose last save failed (not refused values). */
  retry(): Promise<void> {
    const fields = [...this.failed];
    return Promise.allSettled(fields.map((f) => this.save(f))).then(() => undefined);
  }

  isPending(field?: string): boolean {
    if (field) return this.timers.has(field) || this.inflight.has(field);
    return this.timers.size > 0 || this.inflight.size > 0;
  }

  /** The last saved value of a field. */
  savedValue(field: string): unknown {
    return this.saved[field];
  }

  dispose(opts: { flush: boolean } = { flush: true }): void {
    if (opts.flush) void this.flushAll();
    else for (const f of [...this.timers.keys()]) this.clearTimer(f);
    this.disposed = true;
    active.delete(this);
  }

  private clearTimer(field: string): void {
    const timer = this.timers.get(field);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(field);
  }

  private save(field: string): Promise<void> {
    // One request per field at a time; a newer edit is sent after the one in flight.
    const previous = this.inflight.get(field) ?? Promise.resolve();
    const run = previous.then(() => this.send(field));
    const tracked = run.finally(() => {
      if (this.inflight.get(field) === tracked) this.inflight.delete(field);
      this.refreshState();
    });
    this.inflight.set(field, tracked);
    this.refreshState();
    return tracked;
  }

  private async send(field: string): Promise<void> {
    const value = this.values[field];
    if (same(value, this.saved[field]) && !this.errors[field] && !this.failed.has(field)) return;
    const convert = this.opts.toWire?.[field];
    const wire = convert ? convert(value) : value;
    try {
      const result = await api.saveField({ record_id: this.recordId, field, value: wire });
      this.saved[field] = value;
      delete this.errors[field];
      this.failed.delete(field);
      this.failure = this.failed.size > 0 ? this.failure : null;
      this.savedAt = result.saved_at;
      this.warnings = result.warnings ?? [];
      this.opts.onSaved?.(field, wire, result);
    } catch (raw) {
      const err = AppError.from(raw);
      if (err.isField) {
        // The value was refused: keep the user's text, show why, keep the stored value.
        this.errors[field] = err;
        this.failed.delete(field);
      } else {
        this.failed.add(field);
        this.failure = err;
        this.opts.onError?.(err);
      }
    }
  }

  private refreshState(): void {
    if (this.timers.size > 0) this.state = 'pending';
    else if (this.inflight.size > 0) this.state = 'saving';
    else if (this.failed.size > 0 || Object.keys(this.errors).length > 0) this.state = 'error';
    else if (this.savedAt) this.state = 'saved';
    else this.state = 'idle';
  }
}
