/**
 * Showing captured names safely. A name or handle comes from a hostile page: it may hold bidi controls
 * that reorder what is shown (U+202E turns "gnp.exe" into "exe.png"), zero-width characters that make
 * two handles look the same, or letters of another script that look Latin (Cyrillic "а" in "pаypal").
 * Everywhere Holdfast shows a captured name (vault page, report.html, report.pdf) it goes through here:
 * every invisible or format character becomes a visible marker such as ⟨U+202E⟩, and look-alike letters
 * in a handle (or in a name that mixes scripts) are shown as their code point too. The stored record is
 * never changed: only what is shown. Pure: no DOM.
 */
import type { Author } from './evidence';

export type NameFlag = 'bidi' | 'invisible' | 'lookalike' | 'mixed-script';

export interface ShownName {
  /** The text with markers; equal to the input when nothing needed marking. */
  text: string;
  /** What was found (each at most once, in this order: bidi, invisible, mixed-script, lookalike). */
  flags: NameFlag[];
}

export interface ShowOptions {
  /** 'handle': any non-ASCII look-alike is marked (handles on the supported sites are ASCII). Default 'name'. */
  kind?: 'handle' | 'name';
  /** ASCII markers "[U+202E]" instead of "⟨U+202E⟩" (for the PDF's standard fonts). */
  ascii?: boolean;
}

/** Bidi embedding, override, isolate and mark characters. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/**
 * Invisible, format and control characters, and characters that render as blank: format (Cf: zero-width
 * space/joiners, soft hyphen, word joiner, BOM, tag characters…), controls (Cc), separators other than the
 * plain space (Zl, Zp), and letters that draw nothing (Hangul fillers, braille blank, combining grapheme
 * joiner, Mongolian vowel separator).
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800\u180E]|\u034F/u;
/** Spaces other than U+0020 (shown as markers in handles only, where no space belongs). */
const ODD_SPACE = /[\p{Zs}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Letters of other scripts that look like Latin letters (from Unicode's confusables data, the common
 * cases): Cyrillic, Greek, Armenian, Cherokee and a few IPA/Latin-extended forms.
 */
const CONFUSABLE = new Set(
  [
    // Cyrillic lower and upper case
    'аbвсԁеһіјкӏмոорԛѕтսѵԝхуᴢ', 'ɡɩʏ',
    'АВСЕНІЈКМОРЅТХУԌԚԜӀ',
    'ѡѻӧёї',
    // Greek
    'αβγεικνορτυχωϲ', 'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹ',
    // Armenian
    'օսցհոռաւզ',
    // Cherokee (upper) that look like Latin capitals
    'ᎪᏴᏟᎠᎬᎻᏆᏦᎷᎾᏢᏒᏚᎢᏙᏔᏃ',
  ]
    .join('')
    .split('')
    .filter((c) => !LATIN.test(c)),
);

function marker(codePoint: number, ascii: boolean): string {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  return ascii ? `[U+${hex}]` : `⟨U+${hex}⟩`;
}

/** Whether NFKC folds the character to plain ASCII (fullwidth "ｐ", mathematical "𝐩", ligatures). */
function foldsToAscii(ch: string): boolean {
  const folded = ch.normalize('NFKC');
  return folded !== ch && /^[\x21-\x7e]+$/.test(folded);
}

/** A name or handle as it may be shown, with every hidden or look-alike character made visible. */
export function showName(value: string | undefined | null, options: ShowOptions = {}): ShownName {
  const input = value ?? '';
  const ascii = options.ascii ?? false;
  const handle = options.kind === 'handle';
  const chars = [...input];
  const found = new Set<NameFlag>();

  // Which scripts do the letters use (Common and Inherited characters do not count)?
  let latin = false;
  let confusableOther = false;
  for (const c of chars) {
    if (!LETTER.test(c)) continue;
    if (LATIN.test(c)) latin = true;
    else if (CONFUSABLE.has(c)) confusableOther = true;
  }
  const mixed = latin && confusableOther;
  if (mixed) found.add('mixed-script');

  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const cp = c.codePointAt(0)!;
    if (BIDI.test(c)) {
      found.add('bidi');
      out += marker(cp, ascii);
    } else if (INVISIBLE.test(c)) {
      // A zero-width joiner inside an emoji sequence (👩‍💻) is how the emoji is written, not a trick.
      if (cp === 0x200d && PICTOGRAPH.test(chars[i - 1] ?? '') && PICTOGRAPH.test(chars[i + 1] ?? '')) {
        out += c;
        continue;
      }
      found.add('invisible');
      out += marker(cp, ascii);
    } else if (handle && ODD_SPACE.test(c) && c !== ' ') {
      found.add('invisible');
      out += marker(cp, ascii);
    } else if (CONFUSABLE.has(c) && (mixed || handle)) {
      found.add('lookalike');
      out += marker(cp, ascii);
    } else if (handle && cp > 0x7f && foldsToAscii(c)) {
      found.add('lookalike');
      out += marker(cp, ascii);
    } else {
      out += c;
    }
  }
  const order: NameFlag[] = ['bidi', 'invisible', 'mixed-script', 'lookalike'];
  return { text: out, flags: order.filter((f) => found.has(f)) };
}

/** The handle with its "@" (added when missing), made safe to show. */
export function showHandle(handle: string | undefined, options: Omit<ShowOptions, 'kind'> = {}): ShownName {
  const bare = (handle ?? '').replace(/^@/, '');
  const shown = showName(bare, { ...options, kind: 'handle' });
  return { text: bare ? `@${shown.text}` : '', flags: shown.flags };
}

/** A plain-words note for the flags, e.g. "hidden direction characters; look-alike letters" (English; reports). */
export function flagNote(flags: readonly NameFlag[]): string {
  const words: Record<NameFlag, string> = {
    bidi: 'hidden direction-changing characters',
    invisible: 'invisible characters',
    'mixed-script': 'letters from several alphabets',
    lookalike: 'look-alike letters',
  };
  return flags.map((f) => words[f]).join('; ');
}

/**
 * "Display Name @handle" (as the vault lists authors), each part made safe; the account id when there
 * is neither; "—" for nobody.
 */
export function showAuthorLabel(author: Author | undefined, options: Pick<ShowOptions, 'ascii'> = {}): ShownName {
  if (!author) return { text: '—', flags: [] };
  const name = showName(author.displayName, options);
  const handle = showHandle(author.handle, options);
  const parts = [name.text, handle.text].filter(Boolean);
  const flags = [...new Set([...name.flags, ...handle.flags])];
  if (parts.length) return { text: parts.join(' '), flags };
  const id = showName(author.accountId, { ...options, kind: 'handle' });
  return { text: id.text || '—', flags: id.flags };
}

/**
 * Captured text (a post, a message) as it may be shown in a report: bidi controls and invisible
 * characters become markers (so a right-to-left override cannot reorder what a reader sees, and
 * nothing hides), letters of any script are left as they are.
 */
export function showText(value: string | undefined | null, options: Pick<ShowOptions, 'ascii'> = {}): string {
  const input = value ?? '';
  // Fast path: most text has nothing to mark.
  if (!/[\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800\u180E]|\u034F/u.test(input)) return input;
  const ascii = options.ascii ?? false;
  const chars = [...input];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const cp = c.codePointAt(0)!;
    const keepJoiner = cp === 0x200d && PICTOGRAPH.test(chars[i - 1] ?? '') && PICTOGRAPH.test(chars[i + 1] ?? '');
    // Line breaks and tabs are layout, not tricks.
    if (!keepJoiner && c !== '\n' && c !== '\r' && c !== '\t' && (BIDI.test(c) || INVISIBLE.test(c))) out += marker(cp, ascii);
    else out += c;
  }
  return out;
}
