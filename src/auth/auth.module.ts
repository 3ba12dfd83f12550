import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { AuthGuard } from './auth.guard.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { TokenRevocations } from './token-revocations.service.js';
import { TokenVerifier } from './token-verifier.service.js';

@Global()
@Module({
  imports: [OrganizationsModule],
  providers: [
    TokenVerifier,
    TokenRevocations,
    AuthService,
    AuthResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, TokenVerifier],
})
export class AuthModule {}
