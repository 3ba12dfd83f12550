import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../common/config/app-config.js';
import { dataSourceOptions } from '../database/data-source.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';

/**
 * Developer tool: `npm run migration:generate -- --name AddProducts` applies the existing
 * migrations to a scratch embedded database (or DATABASE_URL), compares with the entities and
 * writes what differs as a new migration under src/database/migrations/. Review it, then
 * append the class to migrations/index.ts.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' } } });
  if (!values.name || !/^[A-Z][A-Za-z0-9]+$/.test(values.name)) {
    console.error('Usage: npm run migration:generate -- --name WhatItDoesInPascalCase');
    process.exit(2);
  }
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dir: `${config.dataDir}/migration-scratch`,
        persistent: false,
        fast: true,
      });
  const url = config.databaseUrl ?? embedded!.url;
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 2, migrate: true }));
  try {
    await dataSource.initialize();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log('The entities match the migrations; nothing to generate.');
      return;
    }
    const timestamp = Date.now();
    const className = `${values.name}${timestamp}`;
    const q = (s: string) => '`' + s.replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const up = sql.upQueries.map((x) => `    await queryRunner.query(${q(x.query)});`).join('\n');
    const down = [...sql.downQueries]
      .reverse()
      .map((x) => `    await queryRunner.query(${q(x.query)});`)
      .join('\n');
    const file = `src/database/migrations/${timestamp}-${values.name}.ts`;
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`,
    );
    console.log(`Wrote ${file}; add ${className} to src/database/migrations/index.ts`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

void main();
