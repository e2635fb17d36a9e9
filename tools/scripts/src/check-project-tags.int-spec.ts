import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../check-project-tags.mjs');

async function check(
  input: unknown,
): Promise<{ code: number; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tag-check-'));
  const file = join(dir, 'input.json');
  await writeFile(file, JSON.stringify(input));
  try {
    await run(process.execPath, [SCRIPT, '--input', file]);
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const RULES = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:pure', onlyDependOnLibsWithTags: [] },
];

describe('check-project-tags', () => {
  it('passes the real workspace', async () => {
    const { stdout } = await run(process.execPath, [SCRIPT], {
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    expect(stdout).toMatch(/no wildcard/);
  }, 60_000);

  it('fails a project without a type tag', async () => {
    const result = await check({
      projects: [{ name: 'lonely', tags: ['scope:shared'] }],
      constraints: RULES,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'project lonely must have exactly one type:* tag, has none',
    );
  });

  it('fails a project with two scope tags', async () => {
    const result = await check({
      projects: [
        {
          name: 'greedy',
          tags: ['scope:shared', 'scope:backend', 'type:pure'],
        },
      ],
      constraints: RULES,
    });
    expect(result.stderr).toContain(
      'must have exactly one scope:* tag, has scope:shared, scope:backend',
    );
  });

  it('fails a wildcard rule', async () => {
    const result = await check({
      projects: [{ name: 'p', tags: ['scope:shared', 'type:pure'] }],
      constraints: [
        ...RULES,
        { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
      ],
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('wildcard source tag "*"');
  });

  it('fails a tag that no rule constrains', async () => {
    const result = await check({
      projects: [{ name: 'p', tags: ['scope:shared', 'type:unknown'] }],
      constraints: RULES,
    });
    expect(result.stderr).toContain('tag type:unknown has no dependency rule');
  });
});
