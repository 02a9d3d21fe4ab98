import type { z } from 'zod';
import type { Catalogue } from '../catalogue';
import { isoSuggestion } from '../dates';
import type { Finding } from '../findings';
import type { FieldEntry } from '../frontmatter';
import type { ParsedRecord } from '../record';
import { RECORD_KINDS } from '../schema/catalogue';
import { COMMON_FIELDS, FIELD_SCHEMAS, NOTE_FIELDS, type BaseField } from '../schema/record';
import { didYouMean } from '../suggest';

type Emit = (f: Omit<Finding, 'severity'> & { severity?: Finding['severity'] }) => void;

export function knownFields(rec: ParsedRecord, cat: Catalogue): string[] {
  const fields: string[] = [...COMMON_FIELDS];
  if (rec.kind === 'session-note' || !rec.kind) fields.push(...NOTE_FIELDS);
  const kinds = rec.kind ? [rec.kind] : [...cat.kinds.keys()];
  for (const k of kinds) for (const e of cat.kinds.get(k)?.elements ?? []) for (const f of e.fields) if (!fields.includes(f)) fields.push(f);
  return fields;
}

/** record.frontmatter, record.kind, record.field, record.unknown-field, review.approval. */
export function checkFrontMatter(rec: ParsedRecord, cat: Catalogue, emit: Emit): void {
  const fm = rec.frontMatter;
  if (!fm) return;
  const opening = { start: fm.start, end: fm.start + 3 };
  if (!fm.closed) {
    emit({ ruleId: 'record.frontmatter', message: 'The front matter is not closed: add a line with only `---` after the last field.', span: opening });
  }
  for (const p of rec.yaml?.problems ?? []) emit({ ruleId: 'record.frontmatter', message: p.message, span: p.span });
  if (rec.yaml && !rec.yaml.isMapping) return;

  const kindEntry = rec.fields.get('record');
  if (kindEntry) checkKind(kindEntry, emit);

  const known = knownFields(rec, cat);
  const allNote = new Set<string>(NOTE_FIELDS);
  for (const entry of rec.yaml?.entries ?? []) {
    if (!known.includes(entry.key)) {
      // A key of several words is a line without its colon (`date 2027-01-01`), and YAML may have
      // joined the next line's key to it. Renaming it would delete the value the user typed: the
      // finding sits on the first line and its fix only inserts the colon.
      const firstLine = /^[^\r\n]*/.exec(rec.text.slice(entry.keySpan.start, entry.keySpan.end))![0].trimEnd();
      if (/\s/.test(firstLine) || firstLine.length < entry.keySpan.end - entry.keySpan.start) {
        const word = /^([A-Za-z_][\w-]*)[ \t]+\S/.exec(firstLine);
        const span = { start: entry.keySpan.start, end: entry.keySpan.start + firstLine.length };
        if (word && known.includes(word[1])) {
          const at = entry.keySpan.start + word[1].length;
          emit({
            ruleId: 'record.unknown-field', span,
            message: `\`${firstLine}\` has no colon after \`${word[1]}\`: write \`${word[1]}: ${firstLine.slice(word[1].length).trim()}\`.`,
            fixes: rec.fields.has(word[1]) ? undefined : [{ title: `Add the colon after \`${word[1]}\``, edits: [{ start: at, end: at, newText: ':' }], preferred: true }],
          });
        } else {
          emit({ ruleId: 'record.unknown-field', span, message: `Unknown front-matter field \`${firstLine}\`: a key is one word followed by a colon.` });
        }
        continue;
      }
      const hint = didYouMean(entry.key, known);
      const noteOnly = allNote.has(entry.key) && rec.kind && rec.kind !== 'session-note';
      const message = noteOnly
        ? `\`${entry.key}\` belongs in session notes, not in a ${rec.kind}.`
        : `Unknown front-matter field \`${entry.key}\`${hint ? `: did you mean \`${hint}\`?` : '.'}`;
      // Renaming onto a key the front matter already has would make the YAML invalid (duplicate key).
      emit({ ruleId: 'record.unknown-field', message, span: entry.keySpan, fixes: hint && !noteOnly && !rec.fields.has(hint) ? [{ title: `Rename to \`${hint}\``, edits: [{ ...entry.keySpan, newText: hint }], preferred: true }] : undefined });
      continue;
    }
    if (entry.key === 'record' || entry.value === undefined) continue;
    if (entry.key in FIELD_SCHEMAS) checkField(entry as FieldEntry & { key: BaseField }, emit);
  }

  const missing = (key: string, why: string) =>
    emit({ ruleId: 'record.field', message: `\`${key}\` is missing: ${why}.`, span: kindEntry?.keySpan ?? opening });
  if (rec.kind) {
    if (!rec.fields.has('date')) missing('date', 'every record needs its date (YYYY-MM-DD)');
    if (rec.kind === 'session-note') {
      if (!rec.fields.has('session')) missing('session', 'a session note needs its session number');
      if (!rec.fields.has('phase')) missing('phase', 'a session note needs its phase (beginning, middle or ending)');
    }
  }

  const status = rec.fields.get('status');
  if (status?.value === 'approved') {
    const absent = ['approved_by', 'approved_on', 'approved_hash'].filter((k) => !rec.fields.has(k) || rec.fields.get(k)!.value == null || rec.fields.get(k)!.value === '');
    if (absent.length) {
      emit({ ruleId: 'review.approval', message: `Marked approved but ${absent.map((a) => `\`${a}\``).join(', ')} ${absent.length > 1 ? 'are' : 'is'} missing: approve with \`group-records approve\` so the approval can be verified.`, span: status.valueSpan });
    }
  }
}

function checkKind(entry: FieldEntry, emit: Emit): void {
  const v = entry.value;
  if (typeof v === 'string' && (RECORD_KINDS as readonly string[]).includes(v)) return;
  if (v != null && typeof v !== 'string') {
    // `record: [session-note]`: a list or map where one word belongs.
    const only = Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' && (RECORD_KINDS as readonly string[]).includes(v[0]) ? (v[0] as string) : undefined;
    emit({
      ruleId: 'record.kind', span: entry.valueSpan,
      message: `\`record:\` must be one word, the kind of record (${RECORD_KINDS.join(', ')})${only ? `: write \`record: ${only}\`` : ''}.`,
      fixes: only ? [{ title: `Change to \`${only}\``, edits: [{ ...entry.valueSpan, newText: only }], preferred: true }] : undefined,
    });
    return;
  }
  const text = v == null ? '' : v;
  const hint = text ? didYouMean(text, RECORD_KINDS) ?? didYouMean(text.replace(/[ _]/g, '-'), RECORD_KINDS) : undefined;
  emit({
    ruleId: 'record.kind',
    message: text
      ? `Unknown record kind \`${text}\`${hint ? `: did you mean \`${hint}\`?` : ''} (expected ${RECORD_KINDS.join(', ')}).`
      : `\`record:\` is empty: say which kind of record this is (${RECORD_KINDS.join(', ')}).`,
    span: entry.valueSpan,
    fixes: hint ? [{ title: `Change to \`${hint}\``, edits: [{ ...entry.valueSpan, newText: hint }], preferred: true }] : undefined,
  });
}

function checkField(entry: FieldEntry & { key: BaseField }, emit: Emit): void {
  const schema = FIELD_SCHEMAS[entry.key] as z.ZodType;
  const v = entry.value;
  if (v === null && entry.key !== 'record') {
    emit({ ruleId: 'record.field', message: `\`${entry.key}\` is empty.`, span: entry.valueSpan });
    return;
  }
  const r = schema.safeParse(v);
  if (r.success) return;
  const issue = r.error.issues[0];
  let message = `\`${entry.key}\`: ${issue.message}`;
  let fixes: Finding['fixes'];
  const shown = typeof v === 'string' || typeof v === 'number' ? ` \`${v}\`` : '';
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const opts = (issue.values as unknown[]).map(String);
    const hint = typeof v === 'string' ? didYouMean(v, opts) : undefined;
    message = `\`${entry.key}\`${shown} is not one of ${opts.join(', ')}${hint ? `: did you mean \`${hint}\`?` : '.'}`;
    if (hint) fixes = [{ title: `Change to \`${hint}\``, edits: [{ ...entry.valueSpan, newText: hint }], preferred: true }];
  } else if (entry.key === 'date' || entry.key === 'approved_on') {
    const iso = typeof v === 'string' ? isoSuggestion(v) : undefined;
    message = `\`${entry.key}\`${shown} is not a date in the form YYYY-MM-DD${iso ? ` (did you mean ${iso}?)` : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? ' — there is no such day' : ', e.g. 2027-03-15'}.`;
    if (iso) fixes = [{ title: `Write the date as ${iso}`, edits: [{ ...entry.valueSpan, newText: iso }], preferred: true }];
  } else if (entry.key === 'session') {
    const n = typeof v === 'string' ? wordNumber(v) : undefined;
    message = `\`session\`${shown} must be a whole number of 1 or more${n ? ` (did you mean ${n}?)` : ', e.g. 3'}.`;
    if (n) fixes = [{ title: `Change to ${n}`, edits: [{ ...entry.valueSpan, newText: String(n) }], preferred: true }];
  } else if (entry.key === 'attendance') {
    message = `\`attendance\` ${issue.path.length ? `(${issue.path.join('.')}) ` : ''}must look like { present: [M01, M02], absent: [M03] }: ${issue.message}.`;
  }
  emit({ ruleId: 'record.field', message, span: entry.valueSpan, fixes });
}

const WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
function wordNumber(s: string): number | undefined {
  const t = s.trim().toLowerCase().replace(/^(session|#|no\.?)\s*/, '');
  if (/^\d+$/.test(t) && +t >= 1) return +t;
  const i = WORDS.indexOf(t);
  return i >= 0 ? i + 1 : undefined;
}
