import { Requirement } from '../baselines/dto/requirement.model.js';
import { FindingResult } from './dto/assessment.enum.js';
import { slimFinding, slimFindingsOfText } from './slim-findings.js';

function requirement(code: string): Requirement {
  const model = new Requirement();
  model.uuid = `uuid-${code}`;
  model.code = code;
  return model;
}

describe('slim findings', () => {
  const iam = requirement('IAM-01');
  const log = requirement('LOG-01');
  const byCode = new Map([
    ['IAM-01', iam],
    ['LOG-01', log],
  ]);

  it('shares one frozen finding per requirement and result', () => {
    const a = slimFinding(iam, FindingResult.SATISFIED);
    expect(slimFinding(iam, FindingResult.SATISFIED)).toBe(a);
    expect(slimFinding(iam, FindingResult.NOT_SATISFIED)).not.toBe(a);
    expect(slimFinding(log, FindingResult.SATISFIED)).not.toBe(a);
    expect(a).toMatchObject({ result: 'SATISFIED', requirement: iam, requirementUuid: 'uuid-IAM-01' });
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('reads every result from the text of RESULT CODE lines, in order', () => {
    for (const result of Object.values(FindingResult)) {
      const text = `${result} IAM-01\nNOT_APPLICABLE LOG-01`;
      expect(slimFindingsOfText(text, byCode)).toEqual([
        slimFinding(iam, result),
        slimFinding(log, FindingResult.NOT_APPLICABLE),
      ]);
    }
    expect(slimFindingsOfText('', byCode)).toEqual([]);
  });

  it('refuses a line it cannot read rather than answer a wrong finding', () => {
    expect(() => slimFindingsOfText('SATISFIED NOPE-01', byCode)).toThrow('Not a slim finding line');
    expect(() => slimFindingsOfText('SATISFIEX IAM-01', byCode)).toThrow('Not a slim finding line');
    expect(() => slimFindingsOfText('SATISFIED IAM-01\nBROKEN', byCode)).toThrow('Not a slim finding line');
  });
});
