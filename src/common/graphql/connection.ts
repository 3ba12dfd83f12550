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

/** Builds `XEdge` and `XConnection` object types for a node type, as the contract spells them. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return ConnectionType;
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
  const edges = items.map((row) => ({ cursor: cursorOf(row), node: map(row) }));
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
