/** The database jest's globalSetup made for this run (a file of its own: the service tier loads no HTTP). */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is unset: run the tests with npm test (jest globalSetup)');
  return url;
}
