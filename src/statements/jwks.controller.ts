import { Controller, Get, Header } from '@nestjs/common';
import type { JWK } from 'jose';
import { Public } from '../auth/policy.js';
import { StatementKeys } from './statement-keys.js';

/** The public keys of status statements, current and retired, for anyone to verify with. */
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: StatementKeys) {}

  @Get('jwks.json')
  @Public()
  @Header('content-type', 'application/jwk-set+json')
  @Header('cache-control', 'public, max-age=300')
  jwks(): Promise<{ keys: JWK[] }> {
    return this.keys.jwks();
  }
}
