import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdempotencyKeys1795884850904 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1795884850904';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("organization_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "status_code" integer, "response" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cb963bec1f86e41cf4e6f45eff5" PRIMARY KEY ("organization_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_idempotency_key_created" ON "idempotency_key"  ("created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_key_created"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
