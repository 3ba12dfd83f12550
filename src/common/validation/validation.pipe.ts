import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** class-validator on every @Args/@InputType; failures are BAD_USER_INPUT naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: false,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadUserInputError(flatten(errors)),
  });
}
