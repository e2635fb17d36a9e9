import { AccountEntity } from './account.entity.js';
import { ApiTokenEntity } from './api-token.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { GraphCredentialEntity } from './graph-credential.entity.js';
import { MailboxFolderStateEntity } from './mailbox-folder-state.entity.js';
import { MailboxMessageEntity } from './mailbox-message.entity.js';
import { MailboxEntity } from './mailbox.entity.js';
import { OrgEmailSettingsEntity } from './org-email-settings.entity.js';
import { OrganizationEntity } from './organization.entity.js';
import { ProspectEntity } from './prospect.entity.js';
import { StoredMessageEntity } from './stored-message.entity.js';
import { SyncRunEntity } from './sync-run.entity.js';
import { UserEntity } from './user.entity.js';

export {
  AccountEntity,
  ApiTokenEntity,
  AuditEventEntity,
  GraphCredentialEntity,
  MailboxEntity,
  MailboxFolderStateEntity,
  MailboxMessageEntity,
  OrganizationEntity,
  OrgEmailSettingsEntity,
  ProspectEntity,
  StoredMessageEntity,
  SyncRunEntity,
  UserEntity,
};
export type {
  StoredHeader,
  StoredParticipant,
  StoredParticipants,
} from './stored-message.entity.js';

/** Every entity, for DataSource options and TypeOrmModule.forRoot. */
export const ENTITIES = [
  OrganizationEntity,
  OrgEmailSettingsEntity,
  UserEntity,
  AuditEventEntity,
  ApiTokenEntity,
  MailboxEntity,
  MailboxFolderStateEntity,
  GraphCredentialEntity,
  AccountEntity,
  ProspectEntity,
  StoredMessageEntity,
  MailboxMessageEntity,
  SyncRunEntity,
] as const;
