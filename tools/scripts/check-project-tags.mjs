#!/usr/bin/env node
// Guards the module-boundary rules against the rot nx-examples suffered: every
// project keeps exactly one scope:* and one type:* tag, every tag in use has a
// rule, and no rule is a wildcard (a wildcard silently allows everything).
//
//   node tools/scripts/check-project-tags.mjs                  checks this workspace
//   node tools/scripts/check-project-tags.mjs --input FILE     checks {projects, constraints} from a JSON file
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

/** @param {{name: string, tags: string[]}[]} projects @param {object[]} constraints */
export function findTagProblems(projects, constraints) {
  const problems = [];
  for (const { name, tags } of projects) {
    for (const kind of ['scope', 'type']) {
      const found = tags.filter((tag) => tag.startsWith(`${kind}:`));
      if (found.length !== 1) {
        problems.push(
          `project ${name} must have exactly one ${kind}:* tag, has ${found.length ? found.join(', ') : 'none'}`,
        );
      }
    }
  }
  const constrained = new Set();
  for (const constraint of constraints) {
    const sources = constraint.allSourceTags ?? [constraint.sourceTag];
    for (const source of sources) {
      if (typeof source !== 'string' || source.includes('*')) {
        problems.push(`a rule has the wildcard source tag "${source}"`);
      }
      constrained.add(source);
    }
    for (const key of ['onlyDependOnLibsWithTags', 'notDependOnLibsWithTags']) {
      for (const tag of constraint[key] ?? []) {
        if (tag.includes('*')) {
          problems.push(
            `the rule for ${sources.join('+')} allows the wildcard "${tag}" in ${key}`,
          );
        }
      }
    }
  }
  // npm:* tags are added by Nx itself from package.json (npm:private).
  const ownTags = projects
    .flatMap((p) => p.tags)
    .filter((tag) => !tag.startsWith('npm:'));
  for (const tag of new Set(ownTags)) {
    if (!constrained.has(tag))
      problems.push(`tag ${tag} has no dependency rule`);
  }
  return problems;
}

async function workspaceInput() {
  const root = resolve(import.meta.dirname, '../..');
  const { createProjectGraphAsync } = await import('@nx/devkit');
  const graph = await createProjectGraphAsync({ exitOnError: true });
  const projects = Object.values(graph.nodes).map((node) => ({
    name: node.name,
    tags: node.data.tags ?? [],
  }));
  const { DEP_CONSTRAINTS } = await import(
    pathToFileURL(resolve(root, 'eslint.config.mjs')).href
  );
  return { projects, constraints: DEP_CONSTRAINTS };
}

async function main() {
  const at = process.argv.indexOf('--input');
  const input =
    at > 0
      ? JSON.parse(await readFile(process.argv[at + 1] ?? '', 'utf8'))
      : await workspaceInput();
  const problems = findTagProblems(input.projects, input.constraints);
  if (problems.length > 0) {
    for (const problem of problems)
      process.stderr.write(`tag check: ${problem}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `tag check: ${input.projects.length} projects tagged, ${input.constraints.length} rules, no wildcard\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    process.stderr.write(
      `tag check failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
