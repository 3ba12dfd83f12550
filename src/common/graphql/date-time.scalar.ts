import { GraphQLISODateTime } from '@nestjs/graphql';
import { isoInstant } from '../time/human-time.js';

/**
 * The API's `DateTime`: ISO 8601 in UTC to the second ("2026-12-01T13:05:00Z"); inputs take any
 * ISO 8601 date-time. Every model names Nest's GraphQLISODateTime (and `Date` fields map to it),
 * so that one scalar is configured here, once, before any schema is built; graphql.options.ts
 * imports this module.
 */
export const DATE_TIME_DESCRIPTION =
  'An instant, ISO 8601 in UTC to the second, e.g. 2026-12-01T13:05:00Z. Inputs take any ISO 8601 date-time, e.g. 2026-12-01T14:05:00+01:00 or 2026-12-01T13:05:00.250Z.';

Object.assign(GraphQLISODateTime, {
  description: DATE_TIME_DESCRIPTION,
  serialize: (value: unknown): string | null => (value instanceof Date ? isoInstant(value) : null),
});

export const DateTimeScalar = GraphQLISODateTime;
