import type { Provider } from '@nestjs/common';
import {
  MailboxFolderStateRepository,
  MailboxRepository,
  OrgEmailSettingsRepository,
  ProspectRepository,
  StoredMessageRepository,
  SyncRunRepository,
  TransactionRunner,
} from '@headersync/domain-persistence';
import { repositoryProviders } from '@headersync/settings';

/** The repositories the sync uses, plus the Graph credential repository. */
export const PERSISTENCE_PROVIDERS: Provider[] = repositoryProviders([
  MailboxRepository,
  MailboxFolderStateRepository,
  OrgEmailSettingsRepository,
  ProspectRepository,
  StoredMessageRepository,
  SyncRunRepository,
  TransactionRunner,
]);
