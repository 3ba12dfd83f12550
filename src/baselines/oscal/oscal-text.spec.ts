import { Tier } from '../dto/tier.enum.js';
import type { StoredParameter } from '../requirement-content.js';
import { partText, resolveText } from './oscal-text.js';

const param = (over: Partial<StoredParameter>): StoredParameter => ({
  id: 'p',
  label: null,
  guidelines: null,
  constraints: [],
  select: null,
  values: [],
  tierValues: {},
  ...over,
});

describe('OSCAL text', () => {
  it('keeps item labels and nesting, one line each, indented per level', () => {
    const text = partText({
      name: 'statement',
      parts: [
        {
          props: [{ name: 'label', value: 'a.' }],
          prose: 'Develop:',
          parts: [{ props: [{ name: 'label', value: '1.' }], prose: 'A policy.' }],
        },
        { props: [{ name: 'label', value: 'b.' }], prose: 'Review it.' },
      ],
    });
    expect(text).toBe('a. Develop:\n  1. A policy.\nb. Review it.');
  });

  it('writes unset parameters as NIST does and set ones as their value for the tier', () => {
    const parameters = [
      param({ id: 'freq', label: 'frequency', tierValues: { [Tier.HIGH]: 'monthly' } }),
      param({ id: 'who', label: 'organization-defined personnel or roles' }),
      param({ id: 'how', select: { howMany: 'one-or-more', choices: ['a', 'b'] } }),
      param({ id: 'fixed', values: ['yearly'] }),
    ];
    const text =
      'Review {{ insert: param, freq }} by {{insert: param, who}}: {{ insert: param, how }}; {{ insert: param, fixed }} {{ insert: param, nope }}';
    expect(resolveText(text, parameters)).toBe(
      'Review [Assignment: organization-defined frequency] by [Assignment: organization-defined personnel or roles]: [Selection (one or more): a; b]; yearly [Assignment: organization-defined value of nope]',
    );
    expect(resolveText(text, parameters, Tier.HIGH)).toMatch(/^Review monthly by/);
    expect(resolveText(text, parameters, Tier.BASIC)).toMatch(
      /^Review \[Assignment: organization-defined frequency\]/,
    );
  });
});
