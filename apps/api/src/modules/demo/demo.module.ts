import { Module } from '@nestjs/common';
import { MailboxesModule } from '../mailboxes/mailboxes.module';
import { CreateAdminService } from './create-admin.service';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [MailboxesModule],
  providers: [DemoSeedService, CreateAdminService],
  exports: [DemoSeedService, CreateAdminService],
})
export class DemoModule {}
