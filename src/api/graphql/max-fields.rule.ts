import { GraphQLError, type ValidationContext, type ASTVisitor } from 'graphql';

/**
 * Caps the number of field selections in a document. Duplicated fields merge into one resolver
 * call, but each still costs parsing, validation and response work: 500 copies of one field is
 * abuse, never a real client.
 */
export function maxFieldsRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let count = 0;
    let reported = false;
    return {
      Field() {
        count += 1;
        if (count > max && !reported) {
          reported = true;
          context.reportError(new GraphQLError(`Query has more than ${max} field selections.`));
        }
      },
    };
  };
}
