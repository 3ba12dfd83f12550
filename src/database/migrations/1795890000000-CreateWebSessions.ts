import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web portal's server-side sessions (issue 14), read and written with plain SQL by
 * src/web/session/session.store.ts: the cookie carries a random token, the table its SHA-256.
 * web_visit keeps each person's last visit per organisation ("what changed since"), and
 * web_sign_in the PKCE verifier, state and nonce of OpenID Connect sign-ins under way.
 */
export class CreateWebSessions1795890000000 implements MigrationInterface {
  name = 'CreateWebSessions1795890000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "web_session" ("id" character(64) NOT NULL, "subject" character varying(200) NOT NULL, "organization_id" uuid NOT NULL, "roles" text array NOT NULL, "csrf_token" character varying(64) NOT NULL, "previous_visit_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_web_session" PRIMARY KEY ("id"), CONSTRAINT "fk_web_session_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_web_session_last_seen" ON "web_session" ("last_seen_at")`);
    await queryRunner.query(
      `CREATE TABLE "web_visit" ("subject" character varying(200) NOT NULL, "organization_id" uuid NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_web_visit" PRIMARY KEY ("subject", "organization_id"), CONSTRAINT "fk_web_visit_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE TABLE "web_sign_in" ("id" character(64) NOT NULL, "code_verifier" character varying(200) NOT NULL, "state" character varying(200) NOT NULL, "nonce" character varying(200) NOT NULL, "next" character varying(500) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_web_sign_in" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "web_sign_in"`);
    await queryRunner.query(`DROP TABLE "web_visit"`);
    await queryRunner.query(`DROP TABLE "web_session"`);
  }
}
