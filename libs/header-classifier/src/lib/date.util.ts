// Dates in RFC 5322 §3.3 form, with the obsolete zones and two-digit years of
// §4.3, parsed by hand: Date.parse is implementation-defined for this format,
// and the classifier must give the same answer on every platform.

export const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

// RFC 5322 §4.3 obsolete zone names (military letters count as -0000).
const ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const DATE =
  /^\s*(?:[a-z]{3,9}\s*,\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2})(\d{2})|([a-z]{1,5}))?/i;

/**
 * Parses an RFC 5322 date-time into an ISO 8601 UTC string (Graph's format),
 * or null when it is not one.
 */
export function parseRfc5322Date(value: string): string | null {
  const match = DATE.exec(value.replace(/\([^)]*\)/g, ' '));
  if (!match) return null;
  const day = Number(match[1]);
  const month = MONTHS[(match[2] ?? '').toLowerCase()];
  let year = Number(match[3]);
  if (month === undefined) return null;
  if ((match[3] ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((match[3] ?? '').length === 3) year += 1900;
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return null;
  }
  let offsetMinutes = 0;
  if (match[7]) {
    const sign = match[7] === '-' ? -1 : 1;
    offsetMinutes = sign * (Number(match[8]) * 60 + Number(match[9]));
  } else if (match[10]) {
    offsetMinutes = ZONES[match[10].toLowerCase()] ?? 0;
  }
  const time =
    Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) -
    offsetMinutes * 60_000;
  if (!Number.isFinite(time)) return null;
  return new Date(time).toISOString().replace('.000Z', 'Z');
}
