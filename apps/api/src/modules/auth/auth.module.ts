import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MicrosoftSignInService } from './microsoft-sign-in.service';
import { SessionRepository } from './session.repository';
import { SignInDirectoryRepository } from './sign-in-directory.repository';

@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionRepository,
    MicrosoftSignInService,
    SignInDirectoryRepository,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
  exports: [AuthService, SessionRepository, AuthGuard],
})
export class AuthModule {}
