import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
// Not re-exported by the package's index; a move would fail the build rather than pass silently.
import { GqlParamtype } from '@nestjs/graphql/dist/enums/gql-paramtype.enum.js';
import { BadUserInputError, type FieldViolation } from '../errors/domain-error.js';

function flatten(errors: readonly ValidationError[], prefix = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    // class-validator's messages start with the property ("orgNumber must be ..."); the violation
    // already names the field, so the message does not repeat it ("orgNumber: must be ...").
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * What a caller sends: GraphQL arguments (@Args) and HTTP bodies, queries and route parameters.
 * A field resolver's @Parent() is the server's own model, its context and info are the server's:
 * validated, every parent would be copied by class-transformer and checked by class-validator
 * (a page of 40 products with a few fields each, hundreds of times), and the copy would compute
 * the lazy properties of the model that the client never asked for.
 */
const CALLER_INPUT: ReadonlySet<unknown> = new Set([GqlParamtype.ARGS, 'body', 'query', 'param']);

class CallerInputValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return CALLER_INPUT.has(metadata.type) && super.toValidate(metadata);
  }
}

/** class-validator on every @Args/@InputType; failures are BAD_USER_INPUT naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new CallerInputValidationPipe({
    transform: true,
    whitelist: false,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadUserInputError(flatten(errors)),
  });
}
