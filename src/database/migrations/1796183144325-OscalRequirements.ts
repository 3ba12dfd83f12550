import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requirements imported from OSCAL (issue 19): the control's id, its parent control, its parameters
 * and the statement with parameter insertions kept; longer codes (labels such as AC-2(1)), prose
 * and categories. Columns are widened in place, keeping every row.
 */
export class OscalRequirements1796183144325 implements MigrationInterface {
  name = 'OscalRequirements1796183144325';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "requirement" ADD "source_id" character varying(100)`);
    await queryRunner.query(`ALTER TABLE "requirement" ADD "parent_id" uuid`);
    // Existing rows get no parameters; new rows always name theirs (no default kept).
    await queryRunner.query(`ALTER TABLE "requirement" ADD "parameters" jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`ALTER TABLE "requirement" ALTER COLUMN "parameters" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "requirement" ADD "statement_template" character varying(20000)`);
    await queryRunner.query(
      `ALTER TABLE "requirement" ALTER COLUMN "code" TYPE character varying(40) COLLATE "C"`,
    );
    await queryRunner.query(
      `ALTER TABLE "requirement" ALTER COLUMN "statement" TYPE character varying(20000)`,
    );
    await queryRunner.query(
      `ALTER TABLE "requirement" ALTER COLUMN "guidance" TYPE character varying(20000)`,
    );
    await queryRunner.query(`ALTER TABLE "requirement" ALTER COLUMN "category" TYPE character varying(200)`);
    await queryRunner.query(
      `ALTER TABLE "requirement" ADD CONSTRAINT "fk_requirement_parent" FOREIGN KEY ("parent_id") REFERENCES "requirement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "requirement" DROP CONSTRAINT "fk_requirement_parent"`);
    await queryRunner.query(`ALTER TABLE "requirement" ALTER COLUMN "category" TYPE character varying(60)`);
    await queryRunner.query(`ALTER TABLE "requirement" ALTER COLUMN "guidance" TYPE character varying(8000)`);
    await queryRunner.query(
      `ALTER TABLE "requirement" ALTER COLUMN "statement" TYPE character varying(4000)`,
    );
    await queryRunner.query(
      `ALTER TABLE "requirement" ALTER COLUMN "code" TYPE character varying(10) COLLATE "C"`,
    );
    await queryRunner.query(`ALTER TABLE "requirement" DROP COLUMN "statement_template"`);
    await queryRunner.query(`ALTER TABLE "requirement" DROP COLUMN "parameters"`);
    await queryRunner.query(`ALTER TABLE "requirement" DROP COLUMN "parent_id"`);
    await queryRunner.query(`ALTER TABLE "requirement" DROP COLUMN "source_id"`);
  }
}
