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
