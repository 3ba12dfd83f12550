import { PLACEHOLDER_AGENCY_ORG_NUMBER } from '../common/config/app-config.js';
import { checkDigit, checkOrgNumber, luhnValid, validOrgNumbers } from './org-number.js';

describe('checkOrgNumber', () => {
  it.each([
    ['556036-0793', '556036-0793'],
    ['5560360793', '556036-0793'],
    ['202100-5489', '202100-5489'],
    [' 212000-0142 ', '212000-0142'],
  ])('accepts %s', (input, canonical) => {
    expect(checkOrgNumber(input)).toEqual({ ok: true, value: canonical });
  });

  it('refuses a wrong check digit', () => {
    expect(checkOrgNumber('556036-0794')).toEqual({ ok: false, reason: 'the check digit does not match' });
  });

  it('refuses a personal identity number (third digit below 2)', () => {
    const result = checkOrgNumber('640823-3234');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/third digit/);
  });

  it('accepts the placeholder agency number of the configuration', () => {
    expect(checkOrgNumber(PLACEHOLDER_AGENCY_ORG_NUMBER).ok).toBe(true);
  });

  it.each(['55603607', '556036-07933', 'abcdef-ghij', '556036 0793', ''])('refuses the shape %p', (input) => {
    expect(checkOrgNumber(input).ok).toBe(false);
  });

  it('computes Luhn as Skatteverket does', () => {
    expect(luhnValid('6408233234')).toBe(true);
    expect(luhnValid('6408233235')).toBe(false);
  });
});

describe('validOrgNumbers (npm run orgnr)', () => {
  it('gives distinct numbers that checkOrgNumber accepts', () => {
    const numbers = validOrgNumbers(50);
    expect(new Set(numbers).size).toBe(50);
    for (const n of numbers) expect(checkOrgNumber(n)).toEqual({ ok: true, value: n });
    expect(numbers[0]).toBe('559900-0006');
  });

  it('completes a known number and starts where asked', () => {
    expect(checkDigit('556036079')).toBe(3);
    expect(validOrgNumbers(1, 556036079)).toEqual(['556036-0793']);
  });

  it('refuses a range of personal identity numbers', () => {
    expect(() => validOrgNumbers(1, 640823323)).toThrow(RangeError);
  });
});
