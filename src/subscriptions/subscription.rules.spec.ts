import { BadUserInputError } from '../common/errors/domain-error.js';
import { DataCategory } from '../products/dto/data-category.enum.js';
import { subscribedCategories } from './subscription.rules.js';

const { CONTACT_DETAILS, FINANCIAL, CHILDREN, NO_PERSONAL_DATA } = DataCategory;

describe('subscribedCategories', () => {
  it("defaults to all of the product's categories", () => {
    expect(subscribedCategories(undefined, [CONTACT_DETAILS, FINANCIAL], 'f')).toEqual([
      CONTACT_DETAILS,
      FINANCIAL,
    ]);
    expect(subscribedCategories(null, [CHILDREN], 'f')).toEqual([CHILDREN]);
  });

  it('accepts a subset, deduplicated', () => {
    expect(subscribedCategories([FINANCIAL, FINANCIAL], [CONTACT_DETAILS, FINANCIAL], 'f')).toEqual([
      FINANCIAL,
    ]);
  });

  it('refuses categories the product does not process, naming them and the field', () => {
    try {
      subscribedCategories([CHILDREN, FINANCIAL], [FINANCIAL], 'input.dataCategories');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).extensions.fields).toEqual(['input.dataCategories']);
      expect((error as Error).message).toMatch(/CHILDREN/);
    }
  });

  it('refuses an empty list and NO_PERSONAL_DATA mixed with others', () => {
    expect(() => subscribedCategories([], [FINANCIAL], 'f')).toThrow(BadUserInputError);
    expect(() => subscribedCategories([NO_PERSONAL_DATA, FINANCIAL], [FINANCIAL], 'f')).toThrow(
      /NO_PERSONAL_DATA/,
    );
  });
});
