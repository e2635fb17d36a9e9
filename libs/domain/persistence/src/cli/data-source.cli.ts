// The data source the TypeORM CLI loads (`typeorm -d <this file>`), used by
// `npm run db:migrate` and `npm run db:migration:generate`. A CLI entry
// point, so it reads DATABASE_URL itself; the apps get theirs from
// @headersync/settings.
import {
  createDataSource,
  DEFAULT_DATABASE_URL,
} from '../lib/data-source/data-source.js';

export const dataSource = createDataSource(
  process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
  {
    poolSize: 2,
    applicationName: 'headersync-migrations',
  },
);
