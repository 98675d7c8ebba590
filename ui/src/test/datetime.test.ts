import { describe, expect, it } from 'vitest';
import { fromAmsterdamInput, normalisePartialDate, toAmsterdamInput } from '../lib/datetime';

describe('Amsterdam time', () => {
  it('shows UTC instants in Amsterdam time, winter and summer', () => {
    expect(toAmsterdamInput('2025-01-15T09:00:00Z')).toBe('2025-01-15T10:00');
    expect(toAmsterdamInput('2025-07-01T08:00:00Z')).toBe('2025-07-01T10:00');
    expect(toAmsterdamInput('2025-12-31T23:30:00Z')).toBe('2026-01-01T00:30');
    expect(toAmsterdamInput(null)).toBe('');
  });

  it('turns Amsterdam wall-clock time back into UTC', () => {
    expect(fromAmsterdamInput('2025-01-15T10:00')).toBe('2025-01-15T09:00:00Z');
    expect(fromAmsterdamInput('2025-07-01T10:00')).toBe('2025-07-01T08:00:00Z');
    expect(fromAmsterdamInput('2026-01-01T00:30')).toBe('2025-12-31T23:30:00Z');
    expect(fromAmsterdamInput('not a time')).toBeNull();
  });

  it('handles the daylight-saving switches', () => {
    // 30 March 2025: 02:00 → 03:00. Just before and after the gap:
    expect(fromAmsterdamInput('2025-03-30T01:59')).toBe('2025-03-30T00:59:00Z');
    expect(fromAmsterdamInput('2025-03-30T03:00')).toBe('2025-03-30T01:00:00Z');
    // A time in the gap moves forward an hour.
    expect(fromAmsterdamInput('2025-03-30T02:30')).toBe('2025-03-30T01:30:00Z');
    // 26 October 2025: 03:00 → 02:00; 02:30 happens twice, the first (summer time) is taken.
    expect(fromAmsterdamInput('2025-10-26T02:30')).toBe('2025-10-26T00:30:00Z');
    expect(fromAmsterdamInput('2025-10-26T03:30')).toBe('2025-10-26T02:30:00Z');
  });

  it('round-trips every quarter hour across both switches', () => {
    for (const day of ['2025-03-30', '2025-10-26']) {
      const start = Date.parse(`${day}T00:00:00Z`) - 3_600_000 * 3;
      for (let ms = start; ms < start + 3_600_000 * 8; ms += 900_000) {
        const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
        const back = fromAmsterdamInput(toAmsterdamInput(iso));
        // Only the repeated autumn hour is ambiguous; it maps to its first occurrence.
        expect(toAmsterdamInput(back)).toBe(toAmsterdamInput(iso));
      }
    }
  });
});

describe('partial dates', () => {
  it('keeps the stored shapes and tidies the ways people type dates', () => {
    expect(normalisePartialDate('1987')).toBe('1987');
    expect(normalisePartialDate(' 1987-03 ')).toBe('1987-03');
    expect(normalisePartialDate('12-3-1987')).toBe('1987-03-12');
    expect(normalisePartialDate('12/03/1987')).toBe('1987-03-12');
    expect(normalisePartialDate('3-1987')).toBe('1987-03');
    expect(normalisePartialDate('ergens in 1987')).toBe('ergens in 1987');
  });
});
