/** ISO calendar dates (YYYY-MM-DD), as the spec requires, and a best guess at what a differently written date meant. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  return isRealDate(+m[1], +m[2], +m[3]);
}

function isRealDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1];
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The ISO form of a date written another way, when it can be read with confidence:
 * 2027/3/5, 2027-3-5, 15/03/2027 (day first, since 15 cannot be a month), 03/15/2027,
 * "March 5, 2027", "5 March 2027". Ambiguous day/month orders (04/06/2027) give undefined.
 */
export function isoSuggestion(raw: string): string | undefined {
  const s = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return fmt(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) {
    const a = +m[1], b = +m[2], y = +m[3];
    const dayFirst = isRealDate(y, b, a) ? fmt(y, b, a) : undefined;
    const monthFirst = isRealDate(y, a, b) ? fmt(y, a, b) : undefined;
    if (dayFirst && monthFirst && dayFirst !== monthFirst) return undefined;
    return dayFirst ?? monthFirst;
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(s);
  if (m) { const mo = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1; return mo ? fmt(+m[3], mo, +m[2]) : undefined; }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(s);
  if (m) { const mo = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1; return mo ? fmt(+m[3], mo, +m[1]) : undefined; }
  return undefined;
}

function fmt(y: number, mo: number, d: number): string | undefined {
  return isRealDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined;
}

/** Today in the user's time zone, as a record date: what "today" means to someone writing a note. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
