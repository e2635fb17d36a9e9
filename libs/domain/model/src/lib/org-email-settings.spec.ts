import {
  ORG_EMAIL_SETTINGS_LIMITS,
  validateOrgEmailSettingsUpdate,
  type SettingsIssue,
} from './org-email-settings.js';

function issuesOf(input: unknown): readonly SettingsIssue[] {
  const result = validateOrgEmailSettingsUpdate(input);
  return result.ok ? [] : result.issues;
}

describe('validateOrgEmailSettingsUpdate', () => {
  it('normalises, de-duplicates and sorts lists', () => {
    const result = validateOrgEmailSettingsUpdate({
      internalDomains: ['Example.com', 'b.example', 'example.com.'],
      blockedAddresses: [' Boss@Example.com', 'boss@example.com'],
      folders: ['SentItems', 'inbox'],
      headerBasedSync: true,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        internalDomains: ['b.example', 'example.com'],
        blockedAddresses: ['boss@example.com'],
        folders: ['inbox', 'sentitems'],
        headerBasedSync: true,
      },
    });
  });

  it('names the field and index of a bad entry without echoing the value', () => {
    const issues = issuesOf({ blockedDomains: ['ok.com', 'not a domain'] });
    expect(issues).toEqual([
      { field: 'blockedDomains[1]', message: 'is not a valid domain name' },
    ]);
    expect(JSON.stringify(issues)).not.toContain('not a domain');
  });

  it('caps list sizes', () => {
    const tooMany = Array.from(
      { length: ORG_EMAIL_SETTINGS_LIMITS.maxDomains + 1 },
      (_, i) => `d${i}.com`,
    );
    expect(issuesOf({ allowedDomains: tooMany }).map((i) => i.field)).toEqual([
      'allowedDomains',
    ]);
  });

  it.each([0, 3651, 1.5, '90', null])('rejects backfillDays %p', (v) => {
    expect(issuesOf({ backfillDays: v }).map((i) => i.field)).toEqual([
      'backfillDays',
    ]);
  });

  it.each([1, 90, 3650])('accepts backfillDays %p', (v) => {
    expect(validateOrgEmailSettingsUpdate({ backfillDays: v }).ok).toBe(true);
  });

  it('requires folders to be a non-empty subset of inbox and sentitems', () => {
    expect(issuesOf({ folders: [] }).map((i) => i.field)).toEqual(['folders']);
    expect(issuesOf({ folders: ['drafts'] }).map((i) => i.field)).toEqual([
      'folders[0]',
    ]);
  });

  it('rejects unknown fields and wrong types', () => {
    expect(
      issuesOf({ headerBasedSync: 'yes', colour: 'red' })
        .map((i) => i.field)
        .sort(),
    ).toEqual(['colour', 'headerBasedSync']);
    expect(issuesOf([]).map((i) => i.field)).toEqual(['']);
  });

  it('rejects control characters and over-long subject terms', () => {
    const long = 'x'.repeat(ORG_EMAIL_SETTINGS_LIMITS.maxSubjectTermLength + 1);
    expect(
      issuesOf({ sensitiveSubjectTerms: ['salary', 'a\u0000b', long] }).map(
        (i) => i.field,
      ),
    ).toEqual(['sensitiveSubjectTerms[1]', 'sensitiveSubjectTerms[2]']);
  });
});
