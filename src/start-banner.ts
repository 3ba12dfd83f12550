import type { DataSource } from 'typeorm';
import { signToken } from './auth/token-signer.js';
import { Role } from './common/actor.js';
import type { AppConfig } from './common/config/app-config.js';
import { organizationId } from './organizations/organization.mapper.js';

/**
 * What the service prints once it listens. A live agency ADMIN token and the minting hint are
 * printed in development only: anyone who reads a test or production log must not become the
 * agency (issue 15, hole 1).
 */
export async function startBanner(
  config: AppConfig,
  dataSource: Pick<DataSource, 'query'>,
  embedded: boolean,
): Promise<string> {
  const lines = [`Assurance registry listening on ${config.publicUrl}/graphql`];
  if (config.env === 'development') lines.push(`GraphiQL (development only): ${config.publicUrl}/graphiql`);
  if (embedded)
    lines.push(`Embedded PostgreSQL with its data in ${config.dataDir}/pg (unset DATA_DIR to keep ./data)`);
  const secret = config.auth.jwtSecret;
  if (!secret || config.env !== 'development') return lines.join('\n');
  const [agency] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM organization WHERE kind = 'AGENCY'`,
  );
  const [stockholm] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM organization WHERE municipality_code = '0180'`,
  );
  if (!agency) return lines.join('\n');
  const org = organizationId(agency.id);
  const tokenCommand = process.env.DATA_DIR ? `DATA_DIR=${config.dataDir} npm run token` : 'npm run token';
  const token = await signToken({
    secret,
    org,
    roles: [Role.ADMIN],
    subject: 'agency-admin',
    ttl: '12h',
    issuer: config.auth.issuer,
    audience: config.auth.audience,
  });
  lines.push(
    '',
    'An agency ADMIN token, valid 12 hours (development only):',
    '',
    `export TOKEN=${token}`,
    '',
    'Try it:',
    `  curl -s ${config.publicUrl}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
    `    -d '{"query":"query Me { viewer { subject organization { name } roles } }"}'`,
    '',
    'Mint others (an organisation id or organisation number; roles ADMIN, EDITOR, VIEWER);',
    `run them with the same DATA_DIR (${config.dataDir}) or AUTH_JWT_SECRET as this service:`,
    `  ${tokenCommand} -- --org ${org} --role ADMIN --sub someone --ttl 1h`,
  );
  if (stockholm)
    lines.push(`  ${tokenCommand} -- --org ${organizationId(stockholm.id)} --role VIEWER   # Stockholm`);
  return lines.join('\n');
}
