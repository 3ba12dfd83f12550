import { registerDecorator, type ValidationArguments } from 'class-validator';
import { checkOrgNumber } from '../org-number.js';

/** A Swedish organisation number of a legal person with a valid check digit. */
export function IsOrgNumber(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isOrgNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && checkOrgNumber(value).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const value: unknown = args?.value;
          const check = typeof value === 'string' ? checkOrgNumber(value) : null;
          return check && !check.ok ? check.reason : 'must be a string';
        },
      },
    });
}
