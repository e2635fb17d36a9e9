import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  AccountRepository,
  ApiTokenRepository,
  AuditEventRepository,
  GraphCredentialRepository,
  MailboxFolderStateRepository,
  MailboxRepository,
  OrgEmailSettingsRepository,
  ProspectRepository,
  SecretCipher,
  StoredMessageRepository,
  SyncRunRepository,
  TransactionRunner,
  UserRepository,
} from '@headersync/domain-persistence';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';
import { OrganizationRepository } from './organization.repository';

// The persistence lib's repositories are plain classes over a DataSource;
// this module makes each one injectable, built on the app's TypeORM pool.
const PLAIN_REPOSITORIES = [
  AccountRepository,
  ApiTokenRepository,
  AuditEventRepository,
  MailboxFolderStateRepository,
  MailboxRepository,
  OrgEmailSettingsRepository,
  ProspectRepository,
  StoredMessageRepository,
  SyncRunRepository,
  TransactionRunner,
  UserRepository,
  OrganizationRepository,
] as const;

@Global()
@Module({
  providers: [
    ...PLAIN_REPOSITORIES.map((type) => ({
      provide: type,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new type(dataSource),
    })),
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
  ],
  exports: [...PLAIN_REPOSITORIES, GraphCredentialRepository],
})
export class PersistenceModule {}
