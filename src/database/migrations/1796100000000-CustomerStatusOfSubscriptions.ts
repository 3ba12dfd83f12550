import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Subscriber" means customer: a subscription starts PENDING until the product's supplier or the
 * agency confirms or declines it. Subscriptions that exist when this runs become CONFIRMED (the
 * column is added with that default, then the default becomes PENDING), so no current customer
 * loses access; the agency can review them with customerRequests(status: CONFIRMED).
 */
export class CustomerStatusOfSubscriptions1796100000000 implements MigrationInterface {
  name = 'CustomerStatusOfSubscriptions1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "product_subscription" ADD "customer_status" character varying(16) NOT NULL DEFAULT 'CONFIRMED'`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_subscription" ALTER COLUMN "customer_status" SET DEFAULT 'PENDING'`,
    );
    await queryRunner.query(`ALTER TABLE "product_subscription" ADD "decided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "product_subscription" ADD "decline_reason" character varying(1000)`,
    );
    await queryRunner.query(
      `ALTER TABLE "product_subscription" ADD CONSTRAINT "ck_product_subscription_customer_status" CHECK (customer_status IN ('PENDING', 'CONFIRMED', 'DECLINED'))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_product_subscription_product_status" ON "product_subscription" ("product_id", "customer_status", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_product_subscription_product_status"`);
    await queryRunner.query(
      `ALTER TABLE "product_subscription" DROP CONSTRAINT "ck_product_subscription_customer_status"`,
    );
    await queryRunner.query(`ALTER TABLE "product_subscription" DROP COLUMN "decline_reason"`);
    await queryRunner.query(`ALTER TABLE "product_subscription" DROP COLUMN "decided_at"`);
    await queryRunner.query(`ALTER TABLE "product_subscription" DROP COLUMN "customer_status"`);
  }
}
