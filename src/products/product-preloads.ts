import { Injectable } from '@nestjs/common';
import type { FieldNode } from 'graphql';
import type { Actor } from '../common/actor.js';
import type { SqlRow } from '../common/database/sql-columns.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import type { SelectionDocument } from '../common/graphql/selection.js';
import type { Product } from './dto/product.model.js';

/** The SQL expressions of a product statement's row that hold the product's keys. */
export interface ProductKeys {
  readonly id: string;
  readonly supplierId: string;
}

/** A query resolver's selection of Product (all its nodes in the document) and its request. */
export interface ProductSelection {
  readonly actor: Actor;
  readonly loaders: RequestLoaders;
  readonly nodes: readonly FieldNode[];
  readonly document: SelectionDocument;
}

/** A product as its statement read it: the model and the row (with the lookahead's columns). */
export interface ProductRead {
  readonly product: Product;
  readonly row: SqlRow;
}

/**
 * What a hot path's one product statement reads, for this request, for fields of other modules
 * with arguments (Product.assessments(first: 1) and its findings), and how it primes the request's
 * loaders behind those fields with it: their resolvers run as always and answer from the cache.
 * What it primes must be exactly what the loaders would answer for this caller.
 */
export interface ProductLookahead {
  /** Names the SQL below: lookaheads with the same key add the same text (a prepared statement each). */
  readonly key: string;
  /** `, expr AS name, ...`, added to the statement's select list. */
  readonly columns: string;
  /** Joins added after the product's own (over `product`), their parameters numbered from `firstParam`. */
  joins(product: ProductKeys, firstParam: number): string;
  readonly params: readonly unknown[];
  /** Primes the request's loaders from the products read (those the caller gets, in order). */
  prime(read: readonly ProductRead[]): Promise<void>;
}

/** A module's lookahead of its Product fields; null when the selection asks nothing it answers. */
export interface ProductPreload {
  lookahead(selection: ProductSelection): ProductLookahead | null;
}

function combined(lookaheads: readonly ProductLookahead[]): ProductLookahead {
  return {
    key: lookaheads.map((l) => l.key).join('+'),
    columns: lookaheads.map((l) => l.columns).join(''),
    joins: (product, firstParam) => {
      let next = firstParam;
      return lookaheads
        .map((l) => {
          const sql = l.joins(product, next);
          next += l.params.length;
          return sql;
        })
        .join('\n');
    },
    params: lookaheads.flatMap((l) => l.params),
    prime: async (read) => {
      await Promise.all(lookaheads.map((l) => l.prime(read)));
    },
  };
}

/**
 * The lookaheads other modules add to the product statements of the hot paths (product(id),
 * mySubscriptions). They register here, at start, because they depend on this module and not the
 * other way round; a module that is not loaded leaves its fields to their loaders.
 */
@Injectable()
export class ProductPreloads {
  private readonly preloads: ProductPreload[] = [];

  register(preload: ProductPreload): void {
    this.preloads.push(preload);
  }

  /** What the product statement adds for this selection; null when nothing. */
  lookahead(selection: ProductSelection): ProductLookahead | null {
    const found: ProductLookahead[] = [];
    for (const preload of this.preloads) {
      const lookahead = preload.lookahead(selection);
      if (lookahead) found.push(lookahead);
    }
    return found.length <= 1 ? (found[0] ?? null) : combined(found);
  }
}

/**
 * A statement's text with a lookahead, built once per lookahead key (so its prepared statement
 * keeps its name); the plain text without one.
 */
export function withLookahead(
  build: (lookahead: ProductLookahead | null) => string,
): (lookahead: ProductLookahead | null) => string {
  const plain = build(null);
  const texts = new Map<string, string>();
  return (lookahead) => {
    if (!lookahead) return plain;
    let text = texts.get(lookahead.key);
    if (text === undefined) {
      text = build(lookahead);
      texts.set(lookahead.key, text);
    }
    return text;
  };
}
