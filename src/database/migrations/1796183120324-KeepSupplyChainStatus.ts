import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KeepSupplyChainStatus1796183120324 implements MigrationInterface {
  name = 'KeepSupplyChainStatus1796183120324';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "product_chain_status" ("product_id" uuid NOT NULL, "own_state" character varying(30) NOT NULL, "chain_state" character varying(30), "effective_state" character varying(30) NOT NULL, "open_incident_ids" uuid array NOT NULL DEFAULT '{}', "chain" jsonb NOT NULL DEFAULT '[]', "incidents" jsonb NOT NULL DEFAULT '[]', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b7e9baef5b4386df5aa46f43377" PRIMARY KEY ("product_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_chain_status" ADD CONSTRAINT "fk_product_chain_status_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "product_chain_status" DROP CONSTRAINT "fk_product_chain_status_product"`,
    );
    await queryRunner.query(`DROP TABLE "product_chain_status"`);
  }
}
