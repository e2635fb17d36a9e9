import { safeReturnTo } from './microsoft-sign-in.service';

// After Microsoft sign-in the browser goes to returnTo: anything but a path
// of our own origin would be an open redirect (OWASP Unvalidated Redirects).
describe('safeReturnTo', () => {
  it.each([
    ['/mailboxes', '/mailboxes'],
    ['/settings/org?tab=email', '/settings/org?tab=email'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['https://evil.example/'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['/ok\r\nSet-Cookie: hs_session=planted'],
    ['javascript:alert(1)'],
    [`/${'a'.repeat(600)}`],
  ])('falls back to / for %j', (input) => {
    expect(safeReturnTo(input)).toBe('/');
  });
});
