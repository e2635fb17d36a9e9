import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  GraphCredentialRepository,
  SecretCipher,
} from '@headersync/domain-persistence';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from './settings.module.js';

/** A repository of domain-persistence (or an app's own): a plain class over a DataSource. */
export type RepositoryClass = new (dataSource: DataSource) => unknown;

/**
 * domain-persistence knows TypeORM, not Nest: these providers build each
 * repository on the app's TypeOrmModule DataSource, and the credential
 * repository with the cipher of the configured encryption keys.
 */
export function repositoryProviders(
  repositories: readonly RepositoryClass[],
): Provider[] {
  return [
    ...repositories.map(
      (type): Provider => ({
        provide: type,
        inject: [getDataSourceToken()],
        useFactory: (dataSource: DataSource) => new type(dataSource),
      }),
    ),
    {
      provide: SecretCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SecretCipher(config.encryption),
    },
    {
      provide: GraphCredentialRepository,
      inject: [getDataSourceToken(), SecretCipher],
      useFactory: (dataSource: DataSource, cipher: SecretCipher) =>
        new GraphCredentialRepository(dataSource, cipher),
    },
  ];
}
