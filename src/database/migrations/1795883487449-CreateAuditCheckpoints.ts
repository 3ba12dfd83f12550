import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditCheckpoints1795883487449 implements MigrationInterface {
  name = 'CreateAuditCheckpoints1795883487449';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_checkpoint" ("tree_size" bigint NOT NULL, "root_hash" character(64) NOT NULL, "head_hash" character(64) NOT NULL, "frontier" jsonb NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "key_id" character varying(32) NOT NULL, "public_key" text NOT NULL, "signature" text NOT NULL, CONSTRAINT "PK_0b13d285aa4fcde23331d54d388" PRIMARY KEY ("tree_size"))`,
    );
    // Hand-written: checkpoints are as append-only as the entries they sign.
    await queryRunner.query(
      `CREATE TRIGGER audit_checkpoint_no_update_or_delete BEFORE UPDATE OR DELETE ON "audit_checkpoint" FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON "audit_checkpoint" FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_checkpoint_no_truncate ON "audit_checkpoint"`);
    await queryRunner.query(`DROP TRIGGER audit_checkpoint_no_update_or_delete ON "audit_checkpoint"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoint"`);
  }
}
