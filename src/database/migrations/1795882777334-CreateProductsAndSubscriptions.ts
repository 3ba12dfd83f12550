import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProductsAndSubscriptions1795882777334 implements MigrationInterface {
  name = 'CreateProductsAndSubscriptions1795882777334';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "product" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "supplier_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "search_name" character varying(120) NOT NULL, "description" character varying(2000), "data_categories" text array NOT NULL, "hosting_countries" text array NOT NULL, "category_tier" character varying(10) NOT NULL, "raised_tier" character varying(10), "tier" character varying(10) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_product_data_categories" CHECK (cardinality(data_categories) > 0), CONSTRAINT "ck_product_raised_tier" CHECK (raised_tier IS NULL OR raised_tier IN ('BASIC', 'ELEVATED', 'HIGH')), CONSTRAINT "ck_product_tier" CHECK (tier IN ('BASIC', 'ELEVATED', 'HIGH') AND category_tier IN ('BASIC', 'ELEVATED', 'HIGH')), CONSTRAINT "PK_bebc9158e480b949565b4dc7a82" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_product_tier_name" ON "product"  ("tier", "search_name", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_product_search_name" ON "product"  ("search_name", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_product_supplier_name" ON "product"  ("supplier_id", "search_name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "product_subprocessor" ("product_id" uuid NOT NULL, "subprocessor_id" uuid NOT NULL, CONSTRAINT "ck_product_subprocessor_not_self" CHECK (product_id <> subprocessor_id), CONSTRAINT "PK_6141505d6a9f32c62a0a46e15b6" PRIMARY KEY ("product_id", "subprocessor_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_product_subprocessor_sub" ON "product_subprocessor"  ("subprocessor_id", "product_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "product_subscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "subscriber_id" uuid NOT NULL, "data_categories" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_product_subscription_data_categories" CHECK (cardinality(data_categories) > 0), CONSTRAINT "PK_fc755d7d5d176a18497ed222dc7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_product_subscription_subscriber" ON "product_subscription"  ("subscriber_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_product_subscription_product_subscriber" ON "product_subscription"  ("product_id", "subscriber_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "product" ADD CONSTRAINT "fk_product_supplier" FOREIGN KEY ("supplier_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_subprocessor" ADD CONSTRAINT "fk_product_subprocessor_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_subprocessor" ADD CONSTRAINT "fk_product_subprocessor_sub" FOREIGN KEY ("subprocessor_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_subscription" ADD CONSTRAINT "fk_product_subscription_product" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_subscription" ADD CONSTRAINT "fk_product_subscription_subscriber" FOREIGN KEY ("subscriber_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "product_subscription" DROP CONSTRAINT "fk_product_subscription_subscriber"`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_subscription" DROP CONSTRAINT "fk_product_subscription_product"`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_subprocessor" DROP CONSTRAINT "fk_product_subprocessor_sub"`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_subprocessor" DROP CONSTRAINT "fk_product_subprocessor_product"`,
    );
    await queryRunner.query(`ALTER TABLE "product" DROP CONSTRAINT "fk_product_supplier"`);
    await queryRunner.query(`DROP INDEX "public"."uq_product_subscription_product_subscriber"`);
    await queryRunner.query(`DROP INDEX "public"."ix_product_subscription_subscriber"`);
    await queryRunner.query(`DROP TABLE "product_subscription"`);
    await queryRunner.query(`DROP INDEX "public"."ix_product_subprocessor_sub"`);
    await queryRunner.query(`DROP TABLE "product_subprocessor"`);
    await queryRunner.query(`DROP INDEX "public"."uq_product_supplier_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_product_search_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_product_tier_name"`);
    await queryRunner.query(`DROP TABLE "product"`);
  }
}
