import type {
  AuditEventRepository,
  OrgEmailSettingsRepository,
  TransactionRunner,
} from '@headersync/domain-persistence';
import { SYSTEM_ACTOR } from '@headersync/domain-persistence';
import { OrgSettingsValidationError } from './org-settings.error.js';
import { OrgSettingsService } from './org-settings.service.js';

// Validation happens before any database access: the repositories here are
// inert stand-ins that fail the test if they are touched at all.
function untouchable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, prop) => {
      throw new Error(
        `${name}.${String(prop)} must not be used for an invalid update`,
      );
    },
  });
}

describe('OrgSettingsService.update with invalid input', () => {
  const service = new OrgSettingsService(
    untouchable<TransactionRunner>('transactions'),
    untouchable<OrgEmailSettingsRepository>('settings'),
    untouchable<AuditEventRepository>('audit'),
  );

  it.each([
    [{ blockedDomains: ['not a domain'] }, 'blockedDomains[0]'],
    [{ allowedAddresses: ['nobody'] }, 'allowedAddresses[0]'],
    [{ folders: ['drafts'] }, 'folders[0]'],
    [{ backfillDays: 4000 }, 'backfillDays'],
    [{ unknownSwitch: true }, 'unknownSwitch'],
  ])(
    'rejects %j naming %s, before touching the database',
    async (input, field) => {
      const failure = service.update('org-1', SYSTEM_ACTOR, input);
      await expect(failure).rejects.toBeInstanceOf(OrgSettingsValidationError);
      await expect(failure).rejects.toMatchObject({
        issues: [expect.objectContaining({ field })],
      });
    },
  );

  it('keeps rejected values out of the error message', async () => {
    await expect(
      service.update('org-1', SYSTEM_ACTOR, {
        blockedAddresses: ['secret person@x'],
      }),
    ).rejects.toThrow(/^(?!.*secret person).*blockedAddresses\[0\]/);
  });
});
