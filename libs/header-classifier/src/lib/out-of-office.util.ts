// Body-only auto-reply detection and the return date an out-of-office reply
// states. Both look at the first part of the text only: that is where
// responders put their message, and it keeps the cost bounded.
import { MONTHS } from './date.util.js';

const HEAD_LENGTH = 3000;

// "This is an automatic reply", "auto-generated message" …
const AUTOMATED =
  /\b(?:this is an? )?(?:automatic|automated|auto-generated|auto[- ]?reply)\s+(?:reply|response|message|e-?mail|notification)\b|\bautomatische antwort\b|\br[ée]ponse automatique\b|\brespuesta autom[áa]tica\b|\brisposta automatica\b|\babwesenheitsnotiz\b/i;
// A person saying they are away …
const ABSENT =
  /\b(?:i am|i'm|i will be|i'll be|i shall be)\s+(?:currently\s+|now\s+)?(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk|e-?mail)|on (?:annual |parental |maternity |paternity |sick |business )?(?:leave|vacation|holiday|holidays)|travell?ing|away|off)\b|\bich bin\b[^.\n]{0,80}\b(?:nicht im b[üu]ro|abwesend|au[ßs]er haus|im urlaub)\b|\bje suis (?:actuellement )?(?:absente?|en cong[ée]s?)\b|\b(?:estoy|estar[ée]) (?:fuera de la oficina|de vacaciones|ausente)\b|\bsono (?:fuori (?:ufficio|sede)|in ferie|assente)\b|\bik ben (?:afwezig|niet aanwezig|met vakantie)\b/i;
// … and saying what happens meanwhile: that is what an auto-reply adds.
const MEANWHILE =
  /\b(?:limited|no) access to (?:my )?e-?mail\b|\b(?:upon|on|after) my return\b|\bwhen i (?:return|get back|am back)\b|\bi will (?:respond|reply|get back|answer)\b|\b(?:return|be back|back in the office)\b[^.\n]{0,30}\b(?:on|by|until)\b|\buntil\b|\bin my absence\b|\bfor (?:urgent|immediate) (?:matters|assistance|issues|requests)\b|\bplease contact\b|\bbis (?:zum|einschlie[ßs]lich)\b|\bjusqu'au\b|\bhasta el\b|\bfino al\b|\btot en met\b/i;

/**
 * True when a message's text reads as an automatic reply although no header
 * said so: an explicit "automatic reply" statement, or an absence statement
 * together with what happens meanwhile (return, no e-mail access, a
 * colleague to contact).
 */
export function looksLikeAutoReplyText(text: string): boolean {
  const head = text.slice(0, HEAD_LENGTH);
  if (AUTOMATED.test(head)) return true;
  return ABSENT.test(head) && MEANWHILE.test(head);
}

const MONTH_NAMES: Readonly<Record<string, number>> = {
  ...MONTHS,
  january: 0,
  february: 1,
  march: 2,
  april: 3,
  june: 5,
  july: 6,
  august: 7,
  september: 8,
  sept: 8,
  october: 9,
  november: 10,
  december: 11,
  januar: 0,
  februar: 1,
  märz: 2,
  maerz: 2,
  mai: 4,
  juni: 5,
  juli: 6,
  oktober: 9,
  dezember: 11,
  janvier: 0,
  février: 1,
  fevrier: 1,
  mars: 2,
  avril: 3,
  juin: 5,
  juillet: 6,
  août: 7,
  aout: 7,
  septembre: 8,
  octobre: 9,
  novembre: 10,
  décembre: 11,
  decembre: 11,
};

const MONTH = '([a-zäéû]{3,9})\\.?';
const RETURN_CUE =
  "(?:return(?:ing)?|back(?: in the office| at work| in office)?|available again|in the office again|zur[üu]ck|wieder (?:im b[üu]ro|erreichbar|da)|de retour|retour|de vuelta|regreso|rientro|terug|until|till|through|bis|jusqu'au|hasta el|fino al)";
const WEEKDAY = '(?:[a-zé]{3,9},?\\s+)?';
const RETURN_DATE = new RegExp(
  [
    // return on 2026-01-05
    `${RETURN_CUE}[^\\d\\n]{0,25}?(\\d{4})-(\\d{1,2})-(\\d{1,2})`,
    // return on Monday, 5 January 2026 / 5th of January / 5. Januar
    `${RETURN_CUE}(?:\\s+(?:on|by|am|le|el|il|op|the))?\\s+${WEEKDAY}(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th|\\.|er)?(?:\\s+of)?\\s+${MONTH}(?:,?\\s+(\\d{4}))?`,
    // return on Monday, January 5(th), 2026
    `${RETURN_CUE}(?:\\s+(?:on|by|the))?\\s+${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?`,
    // return on 05/01/2026, 5.1.2026, 5/1
    `${RETURN_CUE}[^\\d\\n]{0,25}?(\\d{1,2})([./])(\\d{1,2})(?:[./](\\d{2,4}))?`,
  ].join('|'),
  'iu',
);

function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 0 || month > 11 || day < 1) return undefined;
  const time = Date.UTC(year, month, day);
  const date = new Date(time);
  if (date.getUTCMonth() !== month || date.getUTCDate() !== day)
    return undefined;
  return date.toISOString().slice(0, 10);
}

// Without a year, the stated day is the next one on or after the day the
// reply was sent.
function withYear(
  year: number | undefined,
  month: number,
  day: number,
  sent: Date | undefined,
): string | undefined {
  if (year !== undefined)
    return isoDate(year < 100 ? 2000 + year : year, month, day);
  if (!sent) return undefined;
  const sentYear = sent.getUTCFullYear();
  const candidate = isoDate(sentYear, month, day);
  if (!candidate) return undefined;
  const sentDay = sent.toISOString().slice(0, 10);
  return candidate >= sentDay ? candidate : isoDate(sentYear + 1, month, day);
}

/**
 * The return date an out-of-office text states, as YYYY-MM-DD, or undefined
 * when none is stated or it is ambiguous (03/04 with no way to tell day from
 * month). `sentDateTime` supplies a missing year.
 */
export function findReturnDate(
  text: string,
  sentDateTime: string | null | undefined,
): string | undefined {
  const head = text.slice(0, HEAD_LENGTH);
  const match = RETURN_DATE.exec(head);
  if (!match) return undefined;
  const sentTime = sentDateTime ? Date.parse(sentDateTime) : NaN;
  const sent = Number.isFinite(sentTime) ? new Date(sentTime) : undefined;
  const num = (i: number): number | undefined =>
    match[i] === undefined ? undefined : Number(match[i]);
  if (match[1] !== undefined) {
    return isoDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  }
  if (match[4] !== undefined) {
    const month = MONTH_NAMES[(match[5] ?? '').toLowerCase()];
    return month === undefined
      ? undefined
      : withYear(num(6), month, Number(match[4]), sent);
  }
  if (match[7] !== undefined) {
    const month = MONTH_NAMES[(match[7] ?? '').toLowerCase()];
    return month === undefined
      ? undefined
      : withYear(num(9), month, Number(match[8]), sent);
  }
  if (match[10] !== undefined) {
    const first = Number(match[10]);
    const second = Number(match[12]);
    const year = num(13);
    // A dot is the day-first notation of Germany, France, Scandinavia…
    if (match[11] === '.' || first > 12)
      return withYear(year, second - 1, first, sent);
    if (second > 12) return withYear(year, first - 1, second, sent);
    return undefined;
  }
  return undefined;
}
