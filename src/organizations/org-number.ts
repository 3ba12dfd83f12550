/**
 * Swedish organisationsnummer: 10 digits, NNNNNN-NNNN, with a Luhn check digit. For legal persons
 * the third digit is at least 2, which also keeps personal identity numbers (a sole trader's
 * organisation number is one) out of the registry's public identifiers.
 */
export type OrgNumberCheck = { ok: true; value: string } | { ok: false; reason: string };

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function checkOrgNumber(input: string): OrgNumberCheck {
  const match = /^(\d{6})-?(\d{4})$/.exec(input.trim());
  if (!match) return { ok: false, reason: 'must be 10 digits, written NNNNNN-NNNN' };
  const digits = match[1] + match[2];
  if (Number(digits[2]) < 2) {
    return { ok: false, reason: 'the third digit must be 2 or more (legal persons only)' };
  }
  if (!luhnValid(digits)) return { ok: false, reason: 'the check digit does not match' };
  return { ok: true, value: `${match[1]}-${match[2]}` };
}

/** The Luhn check digit that completes nine digits. */
export function checkDigit(nineDigits: string): number {
  for (let digit = 0; digit < 10; digit++) if (luhnValid(nineDigits + digit)) return digit;
  throw new Error('unreachable: one of ten digits always completes a Luhn sum');
}

/**
 * `count` valid organisation numbers of legal persons, NNNNNN-NNNN, starting at the nine-digit
 * body `from` (default 559900000: numbers no real company is likely to hold in a test registry).
 */
export function validOrgNumbers(count: number, from = 559900000): string[] {
  const numbers: string[] = [];
  for (let body = from; numbers.length < count; body++) {
    const nine = String(body).padStart(9, '0');
    if (nine.length !== 9 || Number(nine[2]) < 2)
      throw new RangeError(`no legal-person numbers from ${from}`);
    const digits = nine + checkDigit(nine);
    numbers.push(`${digits.slice(0, 6)}-${digits.slice(6)}`);
  }
  return numbers;
}
