import { DEFAULT_ORG_EMAIL_SETTINGS } from '@headersync/domain-model';
import { diffSettings } from './settings-diff.util.js';

describe('diffSettings', () => {
  it('lists only the changed fields, old and new', () => {
    const after = {
      ...DEFAULT_ORG_EMAIL_SETTINGS,
      headerBasedSync: true,
      blockedDomains: ['spam.example'],
    };
    expect(diffSettings(DEFAULT_ORG_EMAIL_SETTINGS, after)).toEqual({
      before: { headerBasedSync: false, blockedDomains: [] },
      after: { headerBasedSync: true, blockedDomains: ['spam.example'] },
    });
  });

  it('treats equal lists as unchanged', () => {
    const same = {
      ...DEFAULT_ORG_EMAIL_SETTINGS,
      folders: ['inbox', 'sentitems'] as const,
    };
    expect(
      diffSettings(DEFAULT_ORG_EMAIL_SETTINGS, {
        ...same,
        folders: [...same.folders],
      }),
    ).toEqual({
      before: {},
      after: {},
    });
  });
});
