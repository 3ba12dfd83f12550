import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { ALLOW_KEY, type Policy } from './policy.js';

export interface DeclaredOperation {
  /** e.g. `Query.viewer` */
  readonly coordinate: string;
  readonly resolver: string;
  readonly policy: Policy | undefined;
}

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Every root operation the application's resolvers implement, with the policy it declares.
 * Used by the permission tests to prove that nothing is left undeclared.
 */
export function declaredOperations(app: INestApplicationContext): DeclaredOperation[] {
  const found: DeclaredOperation[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        // Read descriptors, not properties: some providers have getters that throw when touched.
        const method: unknown = Object.getOwnPropertyDescriptor(prototype, name)?.value;
        if (name === 'constructor' || typeof method !== 'function') continue;
        const root = Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as string | undefined;
        if (!root || !ROOTS.has(root)) continue;
        const schemaName =
          (Reflect.getMetadata(RESOLVER_NAME_METADATA, method) as string | undefined) ?? name;
        found.push({
          coordinate: `${root}.${schemaName}`,
          resolver: `${instance.constructor.name}.${name}`,
          policy: Reflect.getMetadata(ALLOW_KEY, method) as Policy | undefined,
        });
      }
    }
  }
  return found;
}
