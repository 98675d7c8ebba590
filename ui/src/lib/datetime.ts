// Dates and times. Stored in UTC (RFC 3339); shown and edited in Europe/Amsterdam time.
import { locale } from './i18n.svelte';

export const ZONE = 'Europe/Amsterdam';

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function amsterdamParts(ms: number): Parts {
  const p: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return {
    year: p.year,
    month: p.month,
    day: p.day,
    hour: p.hour % 24,
    minute: p.minute,
    second: p.second,
  };
}

/** Amsterdam's offset from UTC at a UTC instant, in milliseconds (+1 h or +2 h). */
export function amsterdamOffsetMs(utcMs: number): number {
  const p = amsterdamParts(utcMs);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2025-03-30T14:05" (Amsterdam wall clock) for an RFC 3339 instant; "" for none. */
export function toAmsterdamInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const p = amsterdamParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The UTC instant (RFC 3339, "Z") of an Amsterdam wall-clock time "YYYY-MM-DDTHH:MM".
 * Daylight saving: in the autumn hour that happens twice the first (summer time) is taken; a
 * time in the spring gap (02:00–03:00 on the last Sunday of March) moves forward an hour.
 * Returns null for text that is not a date and time.
 */
export function fromAmsterdamInput(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall)) return null;
  // Amsterdam is UTC+1 (winter) or UTC+2 (summer): keep the candidate that maps back to the
  // same wall time, the earlier one if both do (autumn), the later one if neither does (spring).
  const HOUR = 3_600_000;
  const candidates = [wall - 2 * HOUR, wall - HOUR];
  const exact = candidates.find((utc) => utc + amsterdamOffsetMs(utc) === wall);
  const utc = exact ?? wall - HOUR;
  return new Date(utc).toISOString().replace('.000Z', 'Z');
}

/** The current time as an Amsterdam input value, rounded down to the minute. */
export function nowAmsterdamInput(): string {
  return toAmsterdamInput(new Date().toISOString());
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), {
    timeZone: ZONE,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

export function formatDateOfInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), {
    timeZone: ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(d);
}

export function formatClock(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

/** A calendar date "YYYY-MM-DD", "YYYY-MM" or "YYYY" for reading: 12 mrt 1987, mrt 1987, 1987. */
export function formatPartialDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  if (!mo) return y;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
  const opts: Intl.DateTimeFormatOptions = d
    ? { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }
    : { timeZone: 'UTC', month: 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(locale(), opts).format(date);
}

/**
 * Turns the ways people type a (partial) date into the stored shape: "12-3-1987" and
 * "12/03/1987" become "1987-03-12", "3-1987" becomes "1987-03". Anything else is returned
 * trimmed and unchanged (the backend judges it).
 */
export function normalisePartialDate(input: string): string {
  const s = input.trim();
  let m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  m = /^(\d{1,2})[-/. ](\d{4})$/.exec(s);
  if (m) return `${m[2]}-${pad(Number(m[1]))}`;
  return s;
}

/** How long ago (or from now) an instant is, in words: "3 hours ago", "in 2 days". */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const seconds = Math.round((ms - now) / 1000);
  const abs = Math.abs(seconds);
  const fmt = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  if (abs < 60) return fmt.format(0, 'minute');
  if (abs < 3600) return fmt.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return fmt.format(Math.round(seconds / 3600), 'hour');
  return fmt.format(Math.round(seconds / 86_400), 'day');
}
