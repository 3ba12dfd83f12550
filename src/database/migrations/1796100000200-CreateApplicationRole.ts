import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service works as `registry_app`, not as the owner of the schema (the role that applies
 * migrations). registry_app owns nothing, so it cannot ALTER, DROP or TRUNCATE any table nor
 * disable a trigger; on the audit trail (audit_entry, audit_checkpoint) it may only SELECT and
 * INSERT. audit_head, the chain's head pointer, it may read and update (each append moves it),
 * never insert, delete or truncate.
 *
 * Roles are cluster-wide and several registry databases may share one server (tests, staging):
 * the role is created only when missing (NOLOGIN: nobody signs in as it; a login role is granted
 * it, or the owner switches to it), and every grant is made in the current database.
 * Tables created by later migrations get ordinary privileges through default privileges.
 */
export class CreateApplicationRole1796100000200 implements MigrationInterface {
  name = 'CreateApplicationRole1796100000200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'registry_app') THEN
          BEGIN
            CREATE ROLE registry_app NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- created by a concurrent migration of another database on this server
          END;
        END IF;
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO registry_app', current_database());
      END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO registry_app`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO registry_app`,
    );
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO registry_app`);
    await queryRunner.query(
      `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entry, audit_checkpoint FROM registry_app`,
    );
    await queryRunner.query(`REVOKE INSERT, DELETE, TRUNCATE ON audit_head FROM registry_app`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM registry_app`);
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO registry_app`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO registry_app`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM registry_app`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM registry_app`,
    );
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM registry_app`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM registry_app`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM registry_app`);
    await queryRunner.query(`DO $$
      BEGIN
        EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM registry_app', current_database());
      END $$`);
    // The role itself stays: other databases on the server may still use it.
  }
}
