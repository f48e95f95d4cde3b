import { preparePGliteTemplate, preparePostgresTemplate, TEST_DB_KIND } from './template.ts';

export default async function setup(): Promise<void> {
  if (TEST_DB_KIND === 'postgres') await preparePostgresTemplate();
  else await preparePGliteTemplate();
}
