import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { signToken } from '../../src/auth/token-signer.js';
import { Role } from '../../src/common/actor.js';
import { type AppConfig, loadConfig } from '../../src/common/config/app-config.js';
import {
  databaseFor,
  type DatabaseOptions,
  scratchDatabase,
  type ScratchDatabase,
  testDatabaseUrl,
} from './test-database.js';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; fields?: string[]; [key: string]: unknown };
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  data: T | null;
  errors?: GqlError[];
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  /** The database it runs on (a second app of the same file may share it). */
  readonly databaseUrl: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResponse<T>>;
  token(org: string, roles?: Role[] | Role, options?: { sub?: string; ttl?: string }): Promise<string>;
  /**
   * SQL as the schema's owner (the role that applies migrations), for what a test does as an
   * operator or an attacker with owner access: the service itself works as registry_app.
   */
  ownerQuery<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export { scratchDatabase, type ScratchDatabase, testDatabaseUrl };

/** The whole service, against the test database, driven through Fastify's inject (no sockets). */
export async function createTestApp(
  env: Record<string, string> = {},
  options: DatabaseOptions = {},
): Promise<TestApp> {
  const config = loadConfig({ ...process.env, ...env });
  const database = await databaseFor(options);
  const app = await createApp(config, database.url);
  const dataSource = app.get(DataSource);
  let ownerPool: pg.Pool | null = null;
  const fastify = app.getHttpAdapter().getInstance();
  return {
    app,
    config,
    dataSource,
    databaseUrl: database.url,
    async gql(query, variables, token) {
      const response = await fastify.inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        payload: JSON.stringify({ query, variables }),
      });
      const body = response.json();
      return {
        status: response.statusCode,
        headers: response.headers,
        data: body.data ?? null,
        errors: body.errors,
      };
    },
    token(org, roles = Role.ADMIN, options = {}) {
      return signToken({
        secret: config.auth.jwtSecret!,
        org,
        roles: Array.isArray(roles) ? roles : [roles],
        subject: options.sub ?? 'test-user',
        ttl: options.ttl ?? '10m',
      });
    },
    async ownerQuery<T>(sql: string, params: unknown[] = []) {
      ownerPool ??= new pg.Pool({ connectionString: database.url, max: 2 });
      return (await ownerPool.query(sql, params)).rows as T;
    },
    close: async () => {
      await ownerPool?.end();
      await app.close();
      await database.release();
    },
  };
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function ok<T>(response: GqlResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}

/** The single error code of a response that must have failed. */
export function errorCode(response: GqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
