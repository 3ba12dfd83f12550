import { applyDecorators } from '@nestjs/common';
import { Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

/** The longest opaque id accepted: a global id is base64 of `Type:uuid`, far below it. */
export const MAX_ID_LENGTH = 200;

/**
 * Decorators as they would be stacked above a property, top first. Stacked decorators apply
 * bottom-up; so do these, so validation messages come in the same order as written out by hand.
 */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...decorators.reverse());
}

/**
 * An `ID` argument or input field holding one opaque id: a string of at most MAX_ID_LENGTH
 * characters (what it names is decided by `fromGlobalId` in the service). `nullable` makes it
 * optional (`ID` instead of `ID!`; null or left out passes validation).
 */
export function IdField(options: { description: string; nullable?: boolean }): PropertyDecorator {
  const { description, nullable } = options;
  return nullable
    ? stacked(
        Field(() => ID, { nullable, description }),
        IsOptional(),
        IsString(),
        MaxLength(MAX_ID_LENGTH),
      )
    : stacked(
        Field(() => ID, { description }),
        IsString(),
        MaxLength(MAX_ID_LENGTH),
      );
}

/**
 * A `[ID!]` argument or input field: a list of `min` (when given) to `max` opaque ids, each as
 * IdField's. `nullable` makes the list optional.
 */
export function IdListField(options: {
  description: string;
  max: number;
  min?: number;
  nullable?: boolean;
}): PropertyDecorator {
  const { description, max, min, nullable } = options;
  return stacked(
    Field(() => [ID], nullable ? { nullable, description } : { description }),
    ...(nullable ? [IsOptional()] : []),
    IsArray(),
    ...(min !== undefined ? [ArrayMinSize(min)] : []),
    ArrayMaxSize(max),
    IsString({ each: true }),
    MaxLength(MAX_ID_LENGTH, { each: true }),
  );
}
