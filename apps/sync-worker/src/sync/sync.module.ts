import { Module } from '@nestjs/common';
import { FolderSyncService } from './folder-sync.service';
import { GraphClientProvider } from './graph-client.provider';
import { MailboxSyncService } from './mailbox-sync.service';
import { PERSISTENCE_PROVIDERS } from './persistence.providers';

@Module({
  providers: [
    ...PERSISTENCE_PROVIDERS,
    GraphClientProvider,
    FolderSyncService,
    MailboxSyncService,
  ],
  exports: [MailboxSyncService, ...PERSISTENCE_PROVIDERS],
})
export class SyncModule {}
