import { Module } from '@nestjs/common';
import {
  AuditEventRepository,
  OrgEmailSettingsRepository,
  TransactionRunner,
} from '@headersync/domain-persistence';
import { OrgSettingsService as SettingsLibService } from '@headersync/settings';
import { OrgSettingsController } from './org-settings.controller';
import { OrgSettingsService } from './org-settings.service';

@Module({
  controllers: [OrgSettingsController],
  providers: [
    {
      provide: SettingsLibService,
      inject: [
        TransactionRunner,
        OrgEmailSettingsRepository,
        AuditEventRepository,
      ],
      useFactory: (
        transactions: TransactionRunner,
        settings: OrgEmailSettingsRepository,
        audit: AuditEventRepository,
      ) => new SettingsLibService(transactions, settings, audit),
    },
    OrgSettingsService,
  ],
  exports: [OrgSettingsService],
})
export class OrgSettingsModule {}
