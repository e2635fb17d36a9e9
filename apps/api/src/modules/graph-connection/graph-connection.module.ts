import { Module } from '@nestjs/common';
import { GraphClientFactory } from './graph-client.factory';
import { GraphConnectionController } from './graph-connection.controller';
import { GraphConnectionService } from './graph-connection.service';

@Module({
  controllers: [GraphConnectionController],
  providers: [GraphConnectionService, GraphClientFactory],
  exports: [GraphClientFactory],
})
export class GraphConnectionModule {}
