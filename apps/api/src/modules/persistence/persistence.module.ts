import { Global, Module } from '@nestjs/common';
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
import { repositoryProviders } from '@headersync/settings';
import { OrganizationRepository } from './organization.repository';

// The persistence lib's repositories are plain classes over a DataSource;
// this module makes each one injectable, built on the app's TypeORM pool
// (and the credential repository with the configured cipher).
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
  providers: repositoryProviders(PLAIN_REPOSITORIES),
  exports: [...PLAIN_REPOSITORIES, SecretCipher, GraphCredentialRepository],
})
export class PersistenceModule {}
