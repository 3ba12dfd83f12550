import { Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service.js';

/** `Idempotency-Key` on GraphQL mutations: the service joins every UnitOfWork; app.factory installs its hooks. */
@Module({
  providers: [IdempotencyService],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
