import personnummerModule from 'personnummer';

/*
 * Finds Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, day + 60) in free text, so the registry can refuse documents and statements
 * that hold personal data. `personnummer` checks the date and the Luhn digit; the policy on top is
 * from docs/security notes: 0.73 % of random 10-digit strings validate, so a lone bare 10-digit
 * number is not enough to refuse, but the written forms people use for identity numbers are.
 *
 * Findings name the rule and the position, never the number: they end up in rejection reasons,
 * logs and API errors.
 */

// The package is CommonJS typed as `export default`: at run time the default import is the class.
const Personnummer = ((personnummerModule as unknown as { default?: unknown }).default ??
  personnummerModule) as unknown as typeof personnummerModule.default;

/**
 * SPACED: 640823 3234 (a space where the hyphen goes). Dates, times and reference numbers are
 * written that way too, so, like a bare number, it counts only next to a context word or among
 * several hits.
 */
export type PinForm = 'TWELVE_DIGIT' | 'SEPARATED' | 'SPACED' | 'BARE_TEN_DIGIT';

export type PinRule =
  /** 19640823-3234, 196408233234: the century makes it unambiguous. */
  | 'TWELVE_DIGIT_FORM'
  /** 640823-3234, 640823+3234: the form used for identity numbers only. */
  | 'SEPARATED_FORM'
  /** Two or more bare 10-digit numbers that validate: a list of people, not chance. */
  | 'SEVERAL_BARE_NUMBERS'
  /** A bare or space-separated number next to a word such as "personnummer" or "pnr". */
  | 'CONTEXT_WORD';

export interface PinHit {
  readonly form: PinForm;
  /** Character offset of the first digit in the scanned text (0-based). */
  readonly offset: number;
  /** 1-based line and column of the first digit. */
  readonly line: number;
  readonly column: number;
}

export interface PinFinding {
  readonly rule: PinRule;
  /** The hit that decided the refusal. */
  readonly hit: PinHit;
  readonly hitCount: number;
}

/** Words that make a nearby bare 10-digit number an identity number (lower case, accents kept). */
const CONTEXT_WORDS = [
  'personnummer',
  'personnr',
  'person-nr',
  'person nr',
  'pers.nr',
  'pers nr',
  'pnr',
  'p-nr',
  'samordningsnummer',
  'samordningsnr',
  'samordnings-nr',
  'födelsenummer',
  'födelsenr',
  'födelse-nr',
  'personal identity number',
  'personal number',
  'social security',
  'id-nummer',
  'identitetsnummer',
];

/** How far (in characters, either side) a context word counts as "near". */
export const CONTEXT_WINDOW = 60;

const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/g;

/*
 * Candidates: 6 or 8 digits, an optional separator ('-', '+', or a typographic dash), 4 characters
 * (three digits or an interim letter and two digits, then the check digit); never part of a longer
 * run of digits, so phone numbers, IBANs and long OCR references do not match inside.
 */
const CANDIDATE =
  /(?<![\d])(\d{6}|\d{8})([-+\u2010-\u2015\u2212\uFE63\uFF0D]?|[ \u00A0\u2007\u202F])(\d{3}\d|[TRSUWXJKLMN]\d{2}\d)(?![\d])/g;
const SPACES = /[ \u00A0\u2007\u202F]/;

/**
 * Unicode format characters (category Cf: zero-width spaces and joiners, bidirectional overrides,
 * soft hyphens, the BOM) are invisible, so "640823\u200B-3234" reads as an identity number to a
 * person; they are removed before scanning.
 */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** `text` without format characters, and for each kept character its offset in `text`. */
function withoutFormatCharacters(text: string): { clean: string; origin: (offset: number) => number } {
  FORMAT_CHARACTERS.lastIndex = 0;
  if (!FORMAT_CHARACTERS.test(text)) return { clean: text, origin: (offset) => offset };
  const kept: number[] = [];
  let clean = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    if (!/\p{Cf}/u.test(char)) {
      for (let k = 0; k < char.length; k++) kept.push(i + k);
      clean += char;
    }
    if (char.length === 2) i++;
  }
  return { clean, origin: (offset) => kept[offset] ?? text.length };
}

const CONTEXT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${CONTEXT_WORDS.map((w) => w.replace(/\./g, '\\.').replace(/ /g, '\\s*')).join('|')})(?![\\p{L}])`,
  'giu',
);

function validates(candidate: string): boolean {
  try {
    return Personnummer.valid(candidate, { allowCoordinationNumber: true, allowInterimNumber: true });
  } catch {
    return false;
  }
}

/**
 * Every identity-number-shaped string in `text` that validates, with its form and position
 * (positions in `text` as given; format characters are skipped when scanning).
 */
export function findPins(original: string): PinHit[] {
  const { clean: text, origin } = withoutFormatCharacters(original);
  const hits: PinHit[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const [whole, datePart, separator] = match;
    const normalized = whole.replace(DASHES, '-').replace(SPACES, '');
    if (!validates(normalized)) continue;
    const offset = origin(match.index);
    for (; scanned < offset; scanned++) {
      if (original.charCodeAt(scanned) === 10) {
        line++;
        lineStart = scanned + 1;
      }
    }
    const form: PinForm = SPACES.test(separator)
      ? 'SPACED'
      : datePart.length === 8
        ? 'TWELVE_DIGIT'
        : separator
          ? 'SEPARATED'
          : 'BARE_TEN_DIGIT';
    hits.push({ form, offset, line, column: offset - lineStart + 1 });
  }
  return hits;
}

function hasContextWordNear(text: string, hit: PinHit): boolean {
  const from = Math.max(0, hit.offset - CONTEXT_WINDOW);
  const window = withoutFormatCharacters(
    text.slice(from, hit.offset + 13 + CONTEXT_WINDOW),
  ).clean.toLowerCase();
  CONTEXT.lastIndex = 0;
  return CONTEXT.test(window);
}

/**
 * The refusal policy: any 12-digit or separated hit; otherwise two or more bare 10-digit hits, or a
 * single one near a context word. Null when the text may be kept.
 */
export function assessPins(text: string): PinFinding | null {
  const hits = findPins(text);
  if (hits.length === 0) return null;
  const written = hits.find((h) => h.form === 'TWELVE_DIGIT' || h.form === 'SEPARATED');
  if (written) {
    return {
      rule: written.form === 'TWELVE_DIGIT' ? 'TWELVE_DIGIT_FORM' : 'SEPARATED_FORM',
      hit: written,
      hitCount: hits.length,
    };
  }
  if (hits.length >= 2) return { rule: 'SEVERAL_BARE_NUMBERS', hit: hits[1], hitCount: hits.length };
  if (hasContextWordNear(text, hits[0])) return { rule: 'CONTEXT_WORD', hit: hits[0], hitCount: 1 };
  return null;
}

const RULE_TEXT: Record<PinRule, string> = {
  TWELVE_DIGIT_FORM: 'a personal identity number in 12-digit form',
  SEPARATED_FORM: "a personal identity number written with '-' or '+'",
  SEVERAL_BARE_NUMBERS: 'several 10-digit numbers that are valid personal identity numbers',
  CONTEXT_WORD: 'a valid personal identity number next to a word such as "personnummer"',
};

/** Plain-language reason naming the rule and where, never the number. */
export function describeFinding(finding: PinFinding, where: string): string {
  const count = finding.hitCount > 1 ? ` (${finding.hitCount} such numbers in all)` : '';
  return (
    `Refused under rule ${finding.rule}: ${RULE_TEXT[finding.rule]} in ${where} at line ${finding.hit.line}, ` +
    `column ${finding.hit.column} (character ${finding.hit.offset + 1})${count}. ` +
    'The registry must not store personal identity numbers; remove them and try again.'
  );
}
