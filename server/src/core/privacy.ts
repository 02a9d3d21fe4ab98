/**
 * Likely direct identifiers in record text (`privacy.identifier`). Session notes are full of numbers
 * that are not identifiers — session dates, times, rooms, scale scores, goal and member ids, service
 * and helpline numbers — so every pattern here is shaped to stay quiet on those, trading some recall
 * for few false positives. Pure and linear: every regex is global or sticky with bounded quantifiers.
 */
export type IdentifierKind = 'email' | 'phone' | 'national-id' | 'address' | 'date-of-birth' | 'name';
export interface IdentifierHit { start: number; end: number; kind: IdentifierKind; text: string }
export interface RosterName { full: string }
export interface PrivacyOptions {
  allow?: readonly string[];
  names?: readonly RosterName[];
}

const DESCRIPTIONS: Record<IdentifierKind, string> = {
  email: 'an e-mail address',
  phone: 'a phone number',
  'national-id': 'an SSN- or SIN-like number',
  address: 'a street address',
  'date-of-birth': 'a date of birth',
  name: "a group member's name",
};

export function describeIdentifier(kind: IdentifierKind): string {
  return DESCRIPTIONS[kind];
}

// Helplines, not people: a toll-free area code is never a member's own number.
const TOLL_FREE = new Set(['800', '888', '877', '866', '855', '844', '833']);

// One pass over everything number-shaped. The lookbehind keeps us out of ids (M03, #G1, @M03), money,
// decimals, URL paths, times (6:30-8:00) and longer digit runs; the lookahead does the same at the end.
const NUMBER = new RegExp(
  String.raw`(?<![\w+@#$/.,-]|\d[ .-]|\d:)(?:` +
    String.raw`(?<intl>\+\d{1,3}(?:[ .-]?\(\d{1,4}\)|[ .-]\d{1,5}){1,6}|\+\d{7,15})` +
    String.raw`|(?<nanp>(?:1[ .-]?)?(?:\(\d{3}\)[ .-]?\d{3}[ .-]?\d{4}|\d{3}(?<s1>[ .-])\d{3}\k<s1>\d{4}))` +
    String.raw`|(?<ssn>\d{3}(?<s2>[ -])\d{2}\k<s2>\d{4})` +
    String.raw`|(?<sin>\d{3}(?<s3>[ -])\d{3}\k<s3>\d{3})` +
    String.raw`|(?<local>\d{3}[.-]\d{4})` +
    String.raw`|(?<bare>\d{7,11})` +
    String.raw`)(?![\w@%]|[.,:/-]\d)`,
  'g',
);

// Context that turns a bare digit run into a phone number or an id; read from a short window before it.
const PHONE_WORDS = String.raw`phone|telephone|tel|cell|cellphone|mobile|mob|ph|call|called|calling|text|texted|texting|fax|whatsapp|contact`;
const PHONE_CONTEXT = new RegExp(String.raw`(?:^|[^a-z])(?:${PHONE_WORDS}|number|no)\.?[^\d\n;!?]{0,20}$`, 'i');
const STRONG_PHONE_CONTEXT = new RegExp(String.raw`(?:^|[^a-z])(?:${PHONE_WORDS})\.?[^\d\n;!?]{0,20}$`, 'i');
const ID_CONTEXT = /(?:\b(?:SSN|SIN)\b|S\.S\.N\.?|[Ss]ocial [Ss]ecurity|[Ss]ocial [Ii]nsurance)[^\d\n;]{0,20}$/;
// Online groups: meeting ids and passcodes come in phone and SIN shapes ("Meeting ID: 845 123 4567").
const MEETING_CONTEXT = /\b(?:(?:meeting|webinar|conference|zoom|webex)[ \t]{0,3}(?:id|#|number|no)|passcode|password|pin|access code)\b[^\n]{0,20}$/i;
const CANADIAN_CONTEXT = /(?:\bSIN\b|[Ss]ocial [Ii]nsurance)[^\d\n;]{0,20}$/;
// A number right after one of these labels counts something or names a room, page or session.
const LABEL_BEFORE = /(?:^|[^a-z])(?:rooms?|rm|pages?|pp?|sessions?|weeks?|days?|years?|steps?|goals?|groups?|cohorts?|part|units?|chapter|phase|module|level|grade|floor|section|table|figure|items?|question|ages?|scored?|isbn|issn|doi|version|v)\.?[ \t#:]{0,3}$/i;
const COUNT_BEFORE = /(?:^|[^a-z])(?:had|has|have|attended|missed|completed|all|the|these|those|about|over|than|after|before|only|first|last|next|for|in|since|until|by)[ \t]{1,3}$/i;

const ADDRESS = /(?<![\w$#@.,:/-])\d{1,6}[A-Z]?((?: (?:[A-Z][a-z]{0,2}\.|[A-Z][A-Za-z'’-]{0,24}|\d{1,3}(?:st|nd|rd|th))){2,5})/g;
const STREET_SUFFIXES = new Set(['street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'lane', 'ln', 'drive', 'dr',
  'court', 'ct', 'way', 'place', 'pl', 'terrace', 'ter', 'crescent', 'cres', 'circle', 'cir', 'parkway', 'pkwy', 'highway', 'hwy',
  'trail', 'square', 'sq', 'alley']);
// Group-work and court vocabulary that forms suffix-like phrases: "3 Closing Circle", "2 Family Court hearings".
const GENERIC_WORDS = new Set(['opening', 'closing', 'talking', 'sharing', 'healing', 'check-in', 'check-out', 'group', 'support',
  'peer', 'youth', 'family', 'juvenile', 'drug', 'district', 'county', 'superior', 'supreme', 'provincial', 'traffic', 'the', 'our']);
const ADDRESS_TAIL = /(?: (?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)(?![\w]))?(?:,? (?:Apt|Apartment|Unit|Suite|Ste|#)\.? ?#?[A-Za-z0-9-]{1,6}(?![\w]))?/y;
const PO_BOX = /(?<![\w])(?:P\.? ?O\.?|Post Office) Box #?\d{1,7}(?!\w)/gi;

const EMAIL_DOMAIN = /@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24})(?![\w-])/y;
const EMAIL_LOCAL = /[A-Za-z0-9._%+'-]/;

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DATE = String.raw`(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})` +
  String.raw`|${MONTH} \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?|\d{1,2}(?:st|nd|rd|th)?(?: of)? ${MONTH}(?:,? \d{4})?)(?![\w/-])`;
const DOB_KEY = /(?<![\w.-])(?:d\.o\.b\.?|dob|date of birth|birth ?date|birthday|born(?: on)?|b\.)(?!\w)/gi;
// "born" and "b." must touch their date; the explicit labels may be followed by a few filler words.
const DOB_TIGHT = new RegExp(String.raw`[ \t:(,]{1,3}(${DATE})`, 'iy');
const DOB_LOOSE = new RegExp(String.raw`[\s:=(,–—-]{0,4}(?:(?:is|was|on|of|as|listed|recorded|noted|given|reported|date|her|his|their)[ \t:,]{1,3}){0,3}(${DATE})`, 'iy');

const URL = /(?:https?:\/\/|www\.)[^\s<>()[\]"'`]{1,4096}/gi;

export function findIdentifiers(text: string, from: number, to: number, options: PrivacyOptions = {}): IdentifierHit[] {
  const lo = Math.max(0, Math.min(from, text.length));
  const hi = Math.max(lo, Math.min(to, text.length));
  // Working on the slice keeps every match (and its context) inside the requested bounds.
  const s = text.slice(lo, hi);
  const raw: IdentifierHit[] = [];
  const add = (start: number, end: number, kind: IdentifierKind) => raw.push({ start: start + lo, end: end + lo, kind, text: s.slice(start, end) });
  findNumbers(s, add);
  findAddresses(s, add);
  findEmails(s, add);
  findBirthDates(s, add);
  if (options.names?.length) findNames(s, options.names, add);
  return resolve(raw, urlSpans(s, lo), options.allow ?? []);
}

type Add = (start: number, end: number, kind: IdentifierKind) => void;

function before(s: string, at: number, width = 40): string {
  return s.slice(Math.max(0, at - width), at);
}

function nanpArea(digits: string): string | undefined {
  if (digits.length === 10) return digits.slice(0, 3);
  if (digits.length === 11 && digits[0] === '1') return digits.slice(1, 4);
  return undefined;
}

function findNumbers(s: string, add: Add): void {
  NUMBER.lastIndex = 0;
  for (let m; (m = NUMBER.exec(s)); ) {
    const g = m.groups ?? {};
    const start = m.index, end = start + m[0].length;
    const digits = m[0].replace(/\D/g, '');
    const area = nanpArea(digits);
    if (MEETING_CONTEXT.test(before(s, start))) continue;
    if (g.intl !== undefined || g.nanp !== undefined) {
      // "+1" must be followed by exactly ten digits; other country codes by a plausible national number.
      const nanp = g.nanp !== undefined || digits[0] === '1';
      const ok = nanp ? area !== undefined && (g.nanp !== undefined || digits.length === 11) && !TOLL_FREE.has(area) : digits.length >= 8 && digits.length <= 15;
      if (ok) add(start, end, 'phone');
    } else if (g.ssn !== undefined) {
      const ctx = before(s, start);
      if (validSsn(digits) && (ID_CONTEXT.test(ctx) || !LABEL_BEFORE.test(ctx))) add(start, end, 'national-id');
    } else if (g.sin !== undefined) {
      const ctx = before(s, start);
      // Without a label, round groups ("100 200 300 metres") are measurements, not an id.
      const round = /^\d\d0\D\d\d0\D\d\d0$/.test(m[0]);
      if (ID_CONTEXT.test(ctx) || (digits[0] !== '0' && !round && !LABEL_BEFORE.test(ctx))) add(start, end, 'national-id');
    } else if (g.local !== undefined) {
      if (STRONG_PHONE_CONTEXT.test(before(s, start))) add(start, end, 'phone');
    } else {
      const ctx = before(s, start);
      if (digits.length === 9 && ID_CONTEXT.test(ctx)) {
        if (CANADIAN_CONTEXT.test(ctx) || validSsn(digits)) add(start, end, 'national-id');
      } else if (area !== undefined && !TOLL_FREE.has(area) && PHONE_CONTEXT.test(ctx)) add(start, end, 'phone');
      else if (digits.length === 7 && STRONG_PHONE_CONTEXT.test(ctx)) add(start, end, 'phone');
    }
  }
}

// SSA never issues area 000, 666 or 9xx, group 00 or serial 0000; such numbers are examples or codes.
function validSsn(d: string): boolean {
  const area = d.slice(0, 3);
  return area !== '000' && area !== '666' && d[0] !== '9' && d.slice(3, 5) !== '00' && d.slice(5) !== '0000';
}

function findAddresses(s: string, add: Add): void {
  ADDRESS.lastIndex = 0;
  for (let m; (m = ADDRESS.exec(s)); ) {
    const words = m[1].slice(1).split(' ');
    let last = -1;
    for (let i = words.length - 1; i >= 1 && last < 0; i--) if (STREET_SUFFIXES.has(words[i].replace(/\.$/, '').toLowerCase())) last = i;
    if (last < 0 || words.slice(0, last).every((w) => GENERIC_WORDS.has(w.toLowerCase()))) continue;
    const ctx = before(s, m.index, 24);
    if (LABEL_BEFORE.test(ctx) || COUNT_BEFORE.test(ctx)) continue;
    let end = m.index + m[0].length - m[1].length;
    for (let i = 0; i <= last; i++) end += 1 + words[i].length;
    ADDRESS_TAIL.lastIndex = end;
    const tail = ADDRESS_TAIL.exec(s);
    if (tail) end += tail[0].length;
    add(m.index, end, 'address');
    ADDRESS.lastIndex = end;
  }
  PO_BOX.lastIndex = 0;
  for (let m; (m = PO_BOX.exec(s)); ) add(m.index, m.index + m[0].length, 'address');
}

// Anchored on '@' and grown outwards, so a long run of name-like characters is scanned once, not per start.
function findEmails(s: string, add: Add): void {
  for (let at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && EMAIL_LOCAL.test(s[start - 1])) start--;
    while (start < at && s[start] === '.') start++;
    if (start === at) continue;
    EMAIL_DOMAIN.lastIndex = at;
    const m = EMAIL_DOMAIN.exec(s);
    if (m) add(start, at + m[0].length, 'email');
  }
}

function findBirthDates(s: string, add: Add): void {
  DOB_KEY.lastIndex = 0;
  for (let k; (k = DOB_KEY.exec(s)); ) {
    if (k[0] === 'B.') continue; // an initial, not "born"
    const key = k[0].toLowerCase();
    const re = key === 'b.' || key.startsWith('born') ? DOB_TIGHT : DOB_LOOSE;
    re.lastIndex = k.index + k[0].length;
    const m = re.exec(s);
    if (m) add(re.lastIndex - m[1].length, re.lastIndex, 'date-of-birth');
  }
}

interface NamePatterns { full: RegExp | null; titled: RegExp | null }
const nameCache = new WeakMap<readonly RosterName[], NamePatterns>();
const NOT_LETTER_BEFORE = String.raw`(?<![\p{L}\p{M}\p{N}_])`;
const NOT_LETTER_AFTER = String.raw`(?![\p{L}\p{M}\p{N}_])`;

function escapeChar(c: string): string {
  if (c === "'" || c === '’') return "['’]";
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}
// Titles are matched case-sensitively ("they miss Rose" is not "Miss Rose"), so the surname carries its own case folding.
function caseless(word: string): string {
  return Array.from(word, (c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeChar(c))).join('');
}
const tokenPattern = (tokens: readonly string[]) => tokens.map((t) => Array.from(t, escapeChar).join('')).join(String.raw`\s{1,3}`);

function namePatterns(names: readonly RosterName[]): NamePatterns {
  const cached = nameCache.get(names);
  if (cached) return cached;
  const full = new Set<string>();
  const surnames = new Set<string>();
  for (const { full: written } of names) {
    const comma = written.indexOf(',');
    const parts = (comma >= 0 ? written.slice(comma + 1) + ' ' + written.slice(0, comma) : written).trim().split(/\s+/).filter(Boolean);
    if (!parts.length) continue;
    const surname = parts[parts.length - 1];
    const given = parts.slice(0, -1);
    surnames.add(caseless(surname));
    if (!given.length) continue; // a single word is a first name or a nickname: too common to flag alone
    for (const g of given.length > 1 ? [given, given.slice(0, 1)] : [given]) {
      full.add(tokenPattern([...g, surname]));
      full.add(tokenPattern([surname]) + String.raw`,\s{0,3}` + tokenPattern(g));
    }
  }
  // Longest first: alternation takes the first branch that matches, not the longest.
  const alt = (set: Set<string>) => [...set].sort((a, b) => b.length - a.length).join('|');
  const patterns: NamePatterns = {
    full: full.size ? new RegExp(`${NOT_LETTER_BEFORE}(?:${alt(full)})${NOT_LETTER_AFTER}`, 'giu') : null,
    titled: surnames.size ? new RegExp(String.raw`${NOT_LETTER_BEFORE}(?:Mrs|Mr|Ms|Miss|Mx|Dr)\.?\s{1,3}(?:${alt(surnames)})${NOT_LETTER_AFTER}`, 'gu') : null,
  };
  nameCache.set(names, patterns);
  return patterns;
}

function findNames(s: string, names: readonly RosterName[], add: Add): void {
  const { full, titled } = namePatterns(names);
  for (const re of [full, titled]) {
    if (!re) continue;
    re.lastIndex = 0;
    for (let m; (m = re.exec(s)); ) add(m.index, m.index + m[0].length, 'name');
  }
}

function urlSpans(s: string, offset: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  URL.lastIndex = 0;
  for (let m; (m = URL.exec(s)); ) spans.push([m.index + offset, m.index + offset + m[0].length]);
  return spans;
}

// Word-wise, so an allowed "3 Main St" does not also excuse "13 Main St"; spaces, punctuation and case still do not matter.
const wordKey = (t: string) => ` ${t.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.join(' ') ?? ''} `;
// A leading country code 1 must not stop "+1 613 555 0100" from matching an allowed "613-555-0100".
const phoneDigits = (t: string) => { const d = t.replace(/\D/g, ''); return d.length === 11 && d[0] === '1' ? d.slice(1) : d; };

function resolve(hits: IdentifierHit[], urls: Array<[number, number]>, allow: readonly string[]): IdentifierHit[] {
  const allowed = allow.map((a) => ({ words: wordKey(a), digits: phoneDigits(a) })).filter((a) => a.words.trim());
  // An allowed local number ("555-0100") also covers the hit written with its area code.
  const isAllowed = (h: IdentifierHit) => allowed.some((a) =>
    h.kind === 'phone' && a.digits.length >= 4 ? phoneDigits(h.text).endsWith(a.digits) : wordKey(h.text).includes(a.words));
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: IdentifierHit[] = [];
  let u = 0, lastEnd = -1;
  for (const h of hits) {
    if (h.start < lastEnd) continue;
    lastEnd = h.end; // a dropped hit still claims its span, so no fragment of it surfaces instead
    while (u < urls.length && urls[u][1] <= h.start) u++;
    // Numbers in an agency page's address belong to the page, not to a person.
    if (u < urls.length && urls[u][0] < h.end) continue;
    if (allowed.length && isAllowed(h)) continue;
    out.push(h);
  }
  return out;
}
