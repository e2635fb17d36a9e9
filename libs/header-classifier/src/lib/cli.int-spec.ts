// The command line, spawned as a process the way a person runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from '../../test/fixture.util.js';

const CLI = join(__dirname, '../../dist/esm/cli/main.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('headersync-classify (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON object per message, directories read recursively', () => {
    const result = run(FIXTURES);
    expect(result.status).toBe(0);
    const out = lines(result.stdout);
    expect(out).toHaveLength(14);
    for (const line of out) {
      expect(Object.keys(line)).toEqual(
        expect.arrayContaining([
          'file',
          'kind',
          'action',
          'rules',
          'finalKind',
        ]),
      );
    }
    const ndr = out.find((line) =>
      String(line['file']).endsWith('exchange-online-ndr.eml'),
    );
    expect(ndr).toMatchObject({
      kind: 'bounce',
      action: 'fetch',
      finalKind: 'bounce',
      bouncedRecipients: ['jane.doe@fabrikam.example'],
    });
    const body = out.find((line) =>
      String(line['file']).endsWith('body-only-auto-reply.eml'),
    );
    expect(body).toMatchObject({
      kind: 'human',
      finalKind: 'auto-reply',
      returnDate: '2026-01-20',
    });
  });

  it('applies a policy file', () => {
    const policy = join(dir, 'policy.json');
    writeFileSync(
      policy,
      JSON.stringify({
        ownerAddresses: ['owner@contoso.com'],
        internalDomains: ['contoso.com'],
        prospects: { addresses: ['someone@else.example'] },
      }),
    );
    const [line] = lines(
      run('--policy', policy, join(FIXTURES, 'outlook-human-reply.eml')).stdout,
    );
    expect(line).toMatchObject({
      kind: 'human',
      action: 'ignore',
      rules: ['relevance/no-prospect'],
    });
  });

  it('classifies a malformed e-mail instead of crashing', () => {
    const file = join(dir, 'broken.eml');
    writeFileSync(
      file,
      Buffer.from([
        0xff, 0xfe, 0x00, 0x3a, 0x0a, 0x20, 0x0a, 0x46, 0x72, 0x6f, 0x6d, 0x3a,
        0x20, 0x3c,
      ]),
    );
    const result = run(file);
    expect(result.status).toBe(0);
    const [line] = lines(result.stdout);
    expect(line).toMatchObject({ kind: 'human' });
    expect((line?.['malformed'] as string[]).length).toBeGreaterThan(0);
  });

  it('exits non-zero with a one-line reason for an unreadable path', () => {
    const result = run(join(dir, 'missing.eml'));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^classify: cannot read .*missing\.eml: ENOENT\n$/,
    );
  });

  it('exits non-zero for a policy that is not JSON', () => {
    const policy = join(dir, 'bad.json');
    writeFileSync(policy, '{ nope');
    const result = run('--policy', policy, FIXTURES);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^classify: policy .* is not valid JSON\n$/);
  });
});
