import { describe, expect, it, vi } from 'vitest';
import { RecordSaver } from '../lib/autosave.svelte';
import { backend, only, saved } from './backend';

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('RecordSaver', () => {
  it('sends one save per field after the pause, and at once on flush', async () => {
    vi.useFakeTimers();
    const calls = backend();
    const s = new RecordSaver('r-1', { a: '', b: '' });
    s.edit('a', 'x');
    s.edit('b', 'y');
    s.edit('a', 'xy');
    expect(s.state).toBe('pending');
    await s.flush('b');
    expect(only(calls, 'save_field').map((c) => c.args.req)).toEqual([
      { record_id: 'r-1', field: 'b', value: 'y' },
    ]);
    await vi.advanceTimersByTimeAsync(400);
    expect(only(calls, 'save_field').map((c) => c.args.req)).toEqual([
      { record_id: 'r-1', field: 'b', value: 'y' },
      { record_id: 'r-1', field: 'a', value: 'xy' },
    ]);
    expect(s.state).toBe('saved');
    expect(s.savedAt).toBe(saved().saved_at);
    s.dispose();
  });

  it('does not send a value that is already saved', async () => {
    vi.useFakeTimers();
    const calls = backend();
    const s = new RecordSaver('r-1', { a: 'same' });
    s.edit('a', 'same', { now: true });
    await flush();
    expect(only(calls, 'save_field')).toHaveLength(0);
    s.dispose();
  });

  it('keeps a refused value in the input and the last saved value stored', async () => {
    vi.useFakeTimers();
    backend({
      save_field: (args) => {
        const req = args.req as { value: string };
        if (req.value === 'bad') throw { key: 'field', args: { error: 'v_number_invalid' }, field: 'v_number' };
        return saved();
      },
    });
    const s = new RecordSaver('r-1', { v_number: '2075551234' });
    s.edit('v_number', 'bad', { now: true });
    await flush();
    expect(s.values.v_number).toBe('bad');
    expect(s.savedValue('v_number')).toBe('2075551234');
    expect(s.errors.v_number?.args.error).toBe('v_number_invalid');
    expect(s.state).toBe('error');
    s.edit('v_number', '2075551235', { now: true });
    await flush();
    expect(s.errors.v_number).toBeUndefined();
    expect(s.savedValue('v_number')).toBe('2075551235');
    expect(s.state).toBe('saved');
    s.dispose();
  });

  it('sends edits of one field in order, one request at a time', async () => {
    vi.useFakeTimers();
    const order: string[] = [];
    let release: () => void = () => {};
    backend({
      save_field: async (args) => {
        const req = args.req as { value: string };
        order.push(`start ${req.value}`);
        if (req.value === 'one') await new Promise<void>((r) => (release = r));
        order.push(`end ${req.value}`);
        return saved();
      },
    });
    const s = new RecordSaver('r-1', { notes: '' });
    s.edit('notes', 'one', { now: true });
    await flush();
    s.edit('notes', 'two', { now: true });
    await flush();
    expect(order).toEqual(['start one']);
    release();
    await flush();
    expect(order).toEqual(['start one', 'end one', 'start two', 'end two']);
    s.dispose();
  });

  it('reports a failed save and sends it again on retry', async () => {
    vi.useFakeTimers();
    let full = true;
    const calls = backend({
      save_field: () => {
        if (full) throw { key: 'disk_full', args: {}, field: null };
        return saved();
      },
    });
    const errors: string[] = [];
    const s = new RecordSaver('r-1', { phone: '' }, { onError: (e) => errors.push(e.key) });
    s.edit('phone', '0612345678', { now: true });
    await flush();
    expect(s.state).toBe('error');
    expect(s.failure?.key).toBe('disk_full');
    expect(errors).toEqual(['disk_full']);
    full = false;
    await s.retry();
    expect(s.state).toBe('saved');
    expect(s.failure).toBeNull();
    expect(only(calls, 'save_field')).toHaveLength(2);
    s.dispose();
  });

  it('converts values for the wire, e.g. Amsterdam time to UTC', async () => {
    vi.useFakeTimers();
    const calls = backend();
    const s = new RecordSaver('r-1', { starts_at: '' }, { toWire: { starts_at: () => '2025-01-15T09:00:00Z' } });
    s.edit('starts_at', '2025-01-15T10:00', { now: true });
    await flush();
    expect(only(calls, 'save_field')[0].args.req).toMatchObject({ value: '2025-01-15T09:00:00Z' });
    expect(s.values.starts_at).toBe('2025-01-15T10:00');
    s.dispose();
  });
});
