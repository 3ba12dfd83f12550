import 'reflect-metadata';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ServicesModule } from '../../src/services.module.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { type Actor, Role } from '../../src/common/actor.js';
import { type AppConfig, loadConfig } from '../../src/common/config/app-config.js';
import { createValidationPipe } from '../../src/common/validation/validation.pipe.js';
import { databaseFor, type DatabaseOptions } from './test-database.js';

/**
 * The service tier: every feature module and the database, without HTTP, GraphQL or web pages
 * (ServicesModule, src/services.module.ts). Tests call services as the resolvers do, actor first.
 */
export interface ServiceContext {
  readonly app: INestApplicationContext;
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  get<T>(type: Type<T>): T;
  /**
   * The caller a token for `organization` (uuid, global id or organisation number) with `roles`
   * would be, built by the auth layer from the claims (the organisation's kind from the registry).
   */
  actor(organization: string, roles?: Role | Role[], subject?: string): Promise<Actor>;
  /**
   * Plain arguments turned into the class a resolver receives, through the API's validation pipe:
   * BAD_USER_INPUT (BadUserInputError) where the API would refuse them.
   */
  input<T extends object>(type: Type<T>, plain: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

const validation = createValidationPipe();

export async function createServiceContext(
  env: Record<string, string> = {},
  options: DatabaseOptions = {},
): Promise<ServiceContext> {
  const config = loadConfig({ ...process.env, ...env });
  const database = await databaseFor(options);
  const app = await NestFactory.createApplicationContext(ServicesModule.forRoot(config, database.url), {
    logger: config.logLevel === 'silent' ? false : ['fatal', 'error', 'warn'],
    abortOnError: false,
  });
  const auth = app.get(AuthService);
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    get: (type) => app.get(type),
    actor: (organization, roles = Role.ADMIN, subject = 'service-test') =>
      auth.actorOf({
        organization,
        subject,
        roles: Array.isArray(roles) ? roles : [roles],
        issuedAt: Math.floor(Date.now() / 1000),
      }),
    input: async <T extends object>(type: Type<T>, plain: Record<string, unknown>) =>
      (await validation.transform(plain, { type: 'body', metatype: type })) as T,
    close: async () => {
      await app.close();
      await database.release();
    },
  };
}
