import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token revocations (issue 15, hole 7), read and written with plain SQL by
 * src/auth/token-revocations.service.ts: an organisation's tokens (subject null), or one
 * subject's, issued before a time stop working. registry_app gets its privileges through the
 * default privileges of CreateApplicationRole.
 */
export class CreateTokenRevocations1796200000100 implements MigrationInterface {
  name = 'CreateTokenRevocations1796200000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "token_revocation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "subject" character varying(200), "issued_before" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_token_revocation" PRIMARY KEY ("id"), CONSTRAINT "fk_token_revocation_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_token_revocation_issued_before" ON "token_revocation" ("issued_before")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "token_revocation"`);
  }
}
