import { canonicalColumn, parseProspectRow } from './prospect-row.util';

describe('parseProspectRow', () => {
  it('normalises a valid row', () => {
    expect(
      parseProspectRow({
        email: '  Jane.Doe@Fabrikam.Example ',
        accountDomain: 'Fabrikam.Example',
        name: ' Jane ',
      }),
    ).toEqual({
      ok: true,
      value: {
        email: 'jane.doe@fabrikam.example',
        accountDomain: 'fabrikam.example',
        name: 'Jane',
      },
    });
  });

  it('names the field and never echoes the value', () => {
    const result = parseProspectRow({ email: "x' OR 1=1 --" });
    expect(result).toEqual({
      ok: false,
      problem: { field: 'email', message: 'is not a valid email address' },
    });
  });

  it('refuses header-injection characters in names', () => {
    expect(
      parseProspectRow({
        email: 'a@b.example',
        name: 'Eve\r\nBcc: x@y.example',
      }),
    ).toEqual({
      ok: false,
      problem: {
        field: 'name',
        message: 'must not contain control characters',
      },
    });
  });

  it('refuses a bad domain and a missing email', () => {
    expect(
      parseProspectRow({ email: 'a@b.example', accountDomain: 'not a domain' }),
    ).toMatchObject({ ok: false, problem: { field: 'accountDomain' } });
    expect(parseProspectRow({})).toMatchObject({
      ok: false,
      problem: { field: 'email', message: 'is missing' },
    });
  });
});

describe('canonicalColumn', () => {
  it('maps common spellings', () => {
    expect(canonicalColumn('Email Address')).toBe('email');
    expect(canonicalColumn('account_domain')).toBe('accountDomain');
    expect(canonicalColumn('Full Name')).toBe('name');
    expect(canonicalColumn('phone')).toBe('ignored:phone');
  });
});
