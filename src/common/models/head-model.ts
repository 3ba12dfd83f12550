/**
 * A "head" of a GraphQL model: the same class (instanceof holds, the same GraphQL type) for an
 * object a hot statement read only in part, because its query's selection asks nothing else
 * (see mySubscriptions' lean page). The fields it did not read are getters on the subclass's
 * prototype that throw: a resolver reading one is a mistake in the selection check and fails
 * loudly instead of answering a value nobody read. Defined once per model, so a head costs what
 * the model costs (no property defined per object).
 */
export function headModel<T extends object>(
  model: new () => T,
  unread: readonly (keyof T & string)[],
): new () => T {
  const Head = class extends (model as new () => object) {};
  Object.defineProperty(Head, 'name', { value: `${model.name}Head` });
  for (const field of unread) {
    Object.defineProperty(Head.prototype, field, {
      configurable: false,
      enumerable: false,
      get(): never {
        throw new Error(`${model.name}.${field} was not read by this statement (a head; see headModel)`);
      },
    });
  }
  return Head as new () => T;
}
