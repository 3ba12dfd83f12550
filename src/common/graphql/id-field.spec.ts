import { IsOptional, IsString, MaxLength, validateSync } from 'class-validator';
import { IdField, IdListField, MAX_ID_LENGTH } from './id-field.js';

class Target {
  @IdField({ description: 'required' })
  id: unknown;

  @IdField({ description: 'optional', nullable: true })
  other?: unknown;

  @IdListField({ description: 'list', min: 1, max: 2, nullable: true })
  ids?: unknown;
}

/** The stacks IdField replaces, written out. */
class ByHand {
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  id: unknown;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  other?: unknown;
}

const constraintsOf = (target: object): Record<string, string[]> =>
  Object.fromEntries(validateSync(target).map((e) => [e.property, Object.keys(e.constraints ?? {})]));

const failing = (values: Partial<Target>): Record<string, string[]> =>
  constraintsOf(Object.assign(new Target(), { id: 'a', ...values }));

describe('IdField and IdListField', () => {
  it('accept ids up to the limit and leave optional ones out', () => {
    expect(failing({ id: 'x'.repeat(MAX_ID_LENGTH), other: null, ids: ['a', 'b'] })).toEqual({});
    expect(failing({})).toEqual({});
  });

  it('refuse a missing, non-string or too long id, in the order written by hand', () => {
    expect(failing({ id: undefined })).toEqual({ id: ['maxLength', 'isString'] });
    expect(failing({ id: 'x'.repeat(MAX_ID_LENGTH + 1) })).toEqual({ id: ['maxLength'] });
    expect(failing({ other: 7 })).toEqual({ other: ['maxLength', 'isString'] });
    expect(constraintsOf(Object.assign(new ByHand(), { other: 7 }))).toEqual({
      id: ['maxLength', 'isString'],
      other: ['maxLength', 'isString'],
    });
  });

  it('refuse lists out of bounds or with a bad entry', () => {
    expect(failing({ ids: [] })).toEqual({ ids: ['arrayMinSize'] });
    expect(failing({ ids: ['a', 'b', 'c'] })).toEqual({ ids: ['arrayMaxSize'] });
    expect(failing({ ids: ['x'.repeat(MAX_ID_LENGTH + 1)] })).toEqual({ ids: ['maxLength'] });
    expect(failing({ ids: 'a' })).toHaveProperty('ids', expect.arrayContaining(['isArray']));
  });
});
