import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';

/**
 * A mutation's `input` argument: the GraphQL input type, validated field by field (class-transformer
 * builds the instance, class-validator walks into it), as the three decorators written out would.
 */
export function InputField(
  type: () => new () => object,
  options: { description: string },
): PropertyDecorator {
  return applyDecorators(Field(type, options), ValidateNested(), Type(type));
}
