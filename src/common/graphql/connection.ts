import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({
  description:
    'Where this page sits in the whole list (Relay connection spec). Pages go forward: pass endCursor as `after` while hasNextPage is true.',
})
export class PageInfo {
  @Field({ description: 'True when more items follow this page; ask again with `after: endCursor`.' })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the last item of this page; null when the page is empty.',
  })
  endCursor: string | null;

  @Field({
    description:
      'True when this page was asked for with `after`, so items come before it; false on the first page. The lists page forward only (first/after).',
  })
  hasPreviousPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the first item of this page; null when the page is empty.',
  })
  startCursor: string | null;
}

/** `first` (1-100, default 20) and `after`, shared by every connection. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1-${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** "SupplierConcentration" -> "supplier concentration", for descriptions. */
function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Builds `XEdge` and `XConnection` object types for a node type, as the contract spells them. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  const what = words(name);

  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with the cursor that marks its place.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor: string;

    @Field(() => node, { description: `The ${what} itself.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${what} items you may see, in a stable order; page with \`first\` and \`after\`.`,
  })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page, in order; empty when nothing matches.' })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
    pageInfo: PageInfo;

    @Field(() => Int, {
      description:
        'How many items match in all (every page, not just this one), counting only what you may see.',
    })
    totalCount: number;
  }
  return ConnectionType;
}

/** An edge whose cursor is encoded when read: a page of 40 usually reads none but the last. */
class RowEdge<R, T> implements Edge<T> {
  readonly #row: R;
  readonly #cursorOf: (row: R) => string;

  constructor(row: R, cursorOf: (row: R) => string, node: T) {
    this.#row = row;
    this.#cursorOf = cursorOf;
    this.node = node;
  }

  readonly node: T;

  get cursor(): string {
    return this.#cursorOf(this.#row);
  }

  /** As a plain edge wherever one is serialised (the row stays private). */
  toJSON(): Edge<T> {
    return { cursor: this.cursor, node: this.node };
  }
}

/** Turns a page of rows (fetched with one extra row) into a connection. */
export function toConnection<R, T>(
  rows: readonly R[],
  page: { readonly first: number; readonly after: unknown },
  totalCount: number,
  cursorOf: (row: R) => string,
  map: (row: R) => T,
): ConnectionShape<T> {
  const hasNextPage = rows.length > page.first;
  const items = hasNextPage ? rows.slice(0, page.first) : rows;
  const edges: Edge<T>[] = items.map((row) => new RowEdge(row, cursorOf, map(row)));
  return { edges, pageInfo: pageInfoOf(edges, hasNextPage, page.after != null), totalCount };
}

export function pageInfoOf(
  edges: readonly Edge<unknown>[],
  hasNextPage: boolean,
  hasPreviousPage: boolean,
): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage,
    startCursor: edges.length > 0 ? edges[0].cursor : null,
    endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null,
  };
}
