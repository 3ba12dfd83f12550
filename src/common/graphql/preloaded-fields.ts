import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';

/*
 * Preloaded fields. A hot path that already selected a field's value in its own statement (a
 * product's supplier and status beside the subscription rows, say) leaves it on the parent object;
 * the field's resolver is then skipped entirely. That is more than saving a DataLoader round: every
 * Nest field resolver runs through parameter resolution and pipes, which on a page of 40 products
 * with three such fields costs more CPU than the SQL. Only fields without arguments can be
 * preloaded (a value cannot depend on arguments it never saw). A preloaded value is one the
 * service has already authorised, exactly as the resolver would have; the resolver stays the path
 * for everything else.
 */

const PRELOADED = Symbol('preloaded fields');

interface Slot {
  value?: unknown;
  compute?: () => unknown;
}

type WithPreloaded = { [PRELOADED]?: Map<string, Slot> };

function slots(parent: object): Map<string, Slot> {
  const holder = parent as WithPreloaded;
  let map = holder[PRELOADED];
  if (!map) {
    map = new Map();
    Object.defineProperty(holder, PRELOADED, { value: map, enumerable: false });
  }
  return map;
}

/** `parent.field` resolves to `value` without running the field's resolver. */
export function preloadField(parent: object, field: string, value: unknown): void {
  slots(parent).set(field, { value });
}

/** As preloadField, computed on first read only: a client that does not select it pays nothing. */
export function preloadLazy(parent: object, field: string, compute: () => unknown): void {
  slots(parent).set(field, { compute });
}

function read(slot: Slot): unknown {
  if (slot.compute) {
    slot.value = slot.compute();
    slot.compute = undefined;
  }
  return slot.value;
}

/** The preloaded value of `field`, if any (for code that reads models outside GraphQL). */
export function preloadedValue(parent: object, field: string): { value: unknown } | undefined {
  const slot = (parent as WithPreloaded)[PRELOADED]?.get(field);
  return slot ? { value: read(slot) } : undefined;
}

/**
 * Wraps the resolver of every argument-free field of every object type: a preloaded value is
 * returned as is, anything else goes to the resolver. For `transformSchema`.
 */
export function resolvePreloadedFields(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || field.args.length > 0) continue;
      const name = field.name;
      const wrapped: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
        const slot = (source as WithPreloaded | null)?.[PRELOADED]?.get(name);
        return slot ? read(slot) : resolve(source, args, context, info);
      };
      field.resolve = wrapped;
    }
  }
  return schema;
}
