import fc from 'fast-check';
import { assessPins, describeFinding, findPins } from './pin-detector.js';

/** Appends the Luhn check digit to a 9-digit body (YYMMDDNNN), as Skatteverket computes it. */
function withCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let v = Number(body[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return body + String((10 - (sum % 10)) % 10);
}

// Synthetic numbers only: Skatteverket's documented example and numbers built from it.
const TEN = '6408233234'; // 640823-3234
const COORDINATION = withCheckDigit('640883323'); // day 23 + 60
const OTHER = withCheckDigit('811218987');

describe('findPins', () => {
  it('classifies the written forms and gives 1-based line and column', () => {
    const text = `Intro\nA: 19640823-3234\nB: 640823-3234 and ${TEN}`;
    expect(findPins(text)).toEqual([
      { form: 'TWELVE_DIGIT', offset: 9, line: 2, column: 4 },
      { form: 'SEPARATED', offset: 26, line: 3, column: 4 },
      { form: 'BARE_TEN_DIGIT', offset: 42, line: 3, column: 20 },
    ]);
  });

  it('does not match inside longer runs of digits', () => {
    expect(findPins(`ref 1${TEN}9 and 19640823323412`)).toEqual([]);
  });
});

describe('assessPins refuses', () => {
  const refused: [string, string, string][] = [
    ['12-digit with hyphen (Skatteverket example)', 'Kontakt: 19640823-3234', 'TWELVE_DIGIT_FORM'],
    ['12-digit bare', 'id 196408233234 end', 'TWELVE_DIGIT_FORM'],
    ['10-digit with hyphen', 'Anställd 640823-3234', 'SEPARATED_FORM'],
    ['10-digit with plus (over 100 years)', 'Född 640823+3234', 'SEPARATED_FORM'],
    ['10-digit with an en dash', 'Anställd 640823\u20133234', 'SEPARATED_FORM'],
    [
      'coordination number, separated',
      `Samordnat ${COORDINATION.slice(0, 6)}-${COORDINATION.slice(6)}`,
      'SEPARATED_FORM',
    ],
    ['coordination number, 12-digit', `x 19${COORDINATION} y`, 'TWELVE_DIGIT_FORM'],
    ['two bare 10-digit numbers', `rad1;${TEN}\nrad2;${OTHER}`, 'SEVERAL_BARE_NUMBERS'],
    ['one bare number after "personnummer"', `Personnummer: ${TEN}`, 'CONTEXT_WORD'],
    ['one bare number after "pnr"', `pnr ${TEN}`, 'CONTEXT_WORD'],
    ['one bare number after "Pers.nr"', `Pers.nr ${TEN}`, 'CONTEXT_WORD'],
    [
      'one bare coordination number after "samordningsnummer"',
      `samordningsnummer=${COORDINATION}`,
      'CONTEXT_WORD',
    ],
    ['one bare number before "(födelsenummer)"', `${TEN} (födelsenummer)`, 'CONTEXT_WORD'],
    ['one bare number in a CSV column named person-nr', `namn,person-nr\nAnna,${TEN}`, 'CONTEXT_WORD'],
  ];
  it.each(refused)('%s', (_label, text, rule) => {
    expect(assessPins(text)?.rule).toBe(rule);
  });
});

describe('assessPins accepts', () => {
  const accepted: [string, string][] = [
    ['organisation numbers', 'Leverantör AB, org.nr 556036-0793, 5560360793, 202100-0001'],
    ['phone numbers', 'Ring 070-123 45 67 eller +46701234567 eller 08-123 456 78'],
    ['invoice and OCR numbers', 'Faktura 2026-10042, OCR 7350012345678901, bankgiro 5050-1055'],
    ['dates and times', 'Giltig 2026-01-15 till 2027-01-14 12:30, version 2026.1'],
    ['an IBAN', 'SE45 5000 0000 0583 9825 7466'],
    ['a lone bare 10-digit string that happens to validate', `Ärendenummer ${TEN}`],
    ['a lone bare number far from any context word', `personnummer ska inte lagras.${' '.repeat(80)}${TEN}`],
    ['text without digits', 'Vi krypterar all data i vila med AES-256.'],
  ];
  it.each(accepted)('%s', (_label, text) => {
    expect(assessPins(text)).toBeNull();
  });

  it('accepts random digit strings of other lengths, whatever they contain', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,5}$|^\d{14,20}$/), (digits) => assessPins(` ${digits} `) === null),
    );
  });
});

describe('describeFinding', () => {
  it('names the rule and the position, never the number', () => {
    const finding = assessPins(`Första raden\nandra: 19640823-3234`)!;
    const reason = describeFinding(finding, 'the document text');
    expect(reason).toContain('TWELVE_DIGIT_FORM');
    expect(reason).toContain('line 2, column 8');
    expect(reason).not.toMatch(/640823|3234/);
  });

  it('never repeats any digits of the numbers it found', () => {
    fc.assert(
      fc.property(fc.constantFrom(TEN, COORDINATION, OTHER), fc.string({ maxLength: 40 }), (pin, noise) => {
        const finding = assessPins(`${noise.replace(/\d/g, '')}\n${pin.slice(0, 6)}-${pin.slice(6)}`);
        return finding !== null && !describeFinding(finding, 'x').includes(pin.slice(0, 6));
      }),
    );
  });
});
