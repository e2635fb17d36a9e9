import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  GraphCredentialRepository,
  MailboxFolderStateRepository,
  MailboxRepository,
  OrgEmailSettingsRepository,
  ProspectRepository,
  SecretCipher,
  StoredMessageRepository,
  SyncRunRepository,
  TransactionRunner,
} from '@headersync/domain-persistence';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';
import type { DataSource } from 'typeorm';

// domain-persistence's repositories are plain classes over a DataSource;
// these providers hand Nest's TypeORM DataSource to each one.
const overDataSource = <T>(
  type: new (dataSource: DataSource) => T,
): Provider => ({
  provide: type,
  useFactory: (dataSource: DataSource) => new type(dataSource),
  inject: [getDataSourceToken()],
});

export const PERSISTENCE_PROVIDERS: Provider[] = [
  overDataSource(MailboxRepository),
  overDataSource(MailboxFolderStateRepository),
  overDataSource(OrgEmailSettingsRepository),
  overDataSource(ProspectRepository),
  overDataSource(StoredMessageRepository),
  overDataSource(SyncRunRepository),
  overDataSource(TransactionRunner),
  {
    provide: GraphCredentialRepository,
    useFactory: (dataSource: DataSource, config: AppConfig) =>
      new GraphCredentialRepository(
        dataSource,
        new SecretCipher(config.encryption),
      ),
    inject: [getDataSourceToken(), APP_CONFIG],
  },
];
