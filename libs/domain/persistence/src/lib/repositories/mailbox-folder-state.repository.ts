import type { FolderSyncStatus, MailFolder } from '@headersync/domain-model';
import type { DataSource } from 'typeorm';
import { MailboxFolderStateEntity } from '../entities/mailbox-folder-state.entity.js';
import { managerOf, queryRows, type Tx } from './transaction.js';

export class MailboxFolderStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The folder's state, created (pending, no delta link) on first use. */
  async getOrCreate(
    mailboxId: string,
    folder: MailFolder,
    tx?: Tx,
  ): Promise<MailboxFolderStateEntity> {
    const manager = managerOf(this.dataSource, tx);
    await queryRows(
      manager,
      `INSERT INTO "mailbox_folder_state" ("mailbox_id", "folder") VALUES ($1, $2)
       ON CONFLICT ("mailbox_id", "folder") DO NOTHING`,
      [mailboxId, folder],
    );
    return manager
      .getRepository(MailboxFolderStateEntity)
      .findOneOrFail({ where: { mailboxId, folder } });
  }

  listForMailbox(mailboxId: string): Promise<MailboxFolderStateEntity[]> {
    return this.dataSource
      .getRepository(MailboxFolderStateEntity)
      .find({ where: { mailboxId }, order: { folder: 'ASC' } });
  }

  /**
   * Saves the @odata.deltaLink a round ended with. Call it only after every
   * write its pages led to has committed (or pass the same tx), so a crash
   * replays the round instead of skipping messages.
   */
  async saveDeltaLink(
    mailboxId: string,
    folder: MailFolder,
    deltaLink: string,
    folderId?: string,
    tx?: Tx,
  ): Promise<void> {
    await queryRows(
      managerOf(this.dataSource, tx),
      `INSERT INTO "mailbox_folder_state" ("mailbox_id", "folder", "folder_id", "delta_link", "status", "last_error")
       VALUES ($1, $2, $3, $4, 'idle', NULL)
       ON CONFLICT ("mailbox_id", "folder") DO UPDATE SET
         "delta_link" = EXCLUDED."delta_link",
         "folder_id" = COALESCE(EXCLUDED."folder_id", "mailbox_folder_state"."folder_id"),
         "status" = 'idle', "last_error" = NULL, "updated_at" = now()`,
      [mailboxId, folder, folderId ?? null, deltaLink],
    );
  }

  /** After 410 Gone (syncStateNotFound): the next round starts a fresh delta. */
  async resetDelta(
    mailboxId: string,
    folder: MailFolder,
    tx?: Tx,
  ): Promise<void> {
    await this.setState(
      mailboxId,
      folder,
      { deltaLink: null, status: 'pending', lastError: null },
      tx,
    );
  }

  async setStatus(
    mailboxId: string,
    folder: MailFolder,
    status: FolderSyncStatus,
    lastError: string | null = null,
    tx?: Tx,
  ): Promise<void> {
    await this.setState(mailboxId, folder, { status, lastError }, tx);
  }

  private async setState(
    mailboxId: string,
    folder: MailFolder,
    patch: Partial<
      Pick<MailboxFolderStateEntity, 'deltaLink' | 'status' | 'lastError'>
    >,
    tx?: Tx,
  ): Promise<void> {
    await this.getOrCreate(mailboxId, folder, tx);
    await managerOf(this.dataSource, tx)
      .getRepository(MailboxFolderStateEntity)
      .update({ mailboxId, folder }, patch);
  }
}
