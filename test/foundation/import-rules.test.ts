import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers and feature boundaries of CONTRIBUTING.md ("Import rules"), checked on the files:
// - src/core never imports src/http; src/db imports neither src/core nor src/http;
// - a file of src/core whose first line is `// @internal...` is imported only from its own feature
//   (the first folder under src/core: catalog, clicks, identity, ...). Tests and benchmarks may
//   reach internals, to test them directly.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
const CORE = path.join(SRC, 'core');
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const within = (file: string, dir: string) => !path.relative(dir, file).startsWith('..');
const repoPath = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** The feature a core file belongs to: its first folder under src/core, or the file itself. */
function featureOf(file: string): string {
  const [first] = path.relative(CORE, file).split(path.sep);
  return `src/core/${first}`;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => path.resolve(path.dirname(file), (m[1] ?? m[2])!));
}

const internal = new Map<string, boolean>();
function isInternal(file: string): boolean {
  let known = internal.get(file);
  if (known === undefined) {
    try {
      known = readFileSync(file, 'utf8').startsWith('// @internal');
    } catch {
      known = false;
    }
    internal.set(file, known);
  }
  return known;
}

/** What is wrong with `from` importing `target`, or null. */
function importProblem(from: string, target: string): string | null {
  const http = path.join(SRC, 'http');
  if (within(from, CORE) && within(target, http)) {
    return 'src/core must not import src/http (core has no HTTP: pass plain values in)';
  }
  if (within(from, path.join(SRC, 'db')) && (within(target, CORE) || within(target, http))) {
    return 'src/db must not import src/core or src/http (the database layer sits under both)';
  }
  if (
    within(target, CORE) &&
    isInternal(target) &&
    !(within(from, CORE) && featureOf(from) === featureOf(target))
  ) {
    return `${repoPath(target)} is internal to ${featureOf(target)}: call one of its operations instead`;
  }
  return null;
}

function problemsIn(files: string[]): string[] {
  return files.flatMap((file) =>
    importsOf(file).flatMap((target) => {
      const problem = importProblem(file, target);
      return problem ? [`${repoPath(file)} imports ${repoPath(target)}: ${problem}`] : [];
    }),
  );
}

describe('import rules', () => {
  it('hold for every file in src/', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    expect(problemsIn(files)).toEqual([]);
  });

  it('refuse core importing http, db importing core, and one feature reaching into another', () => {
    const at = (p: string) => path.join(ROOT, p);
    expect(importProblem(at('src/core/catalog/brands/create-brand.ts'), at('src/http/actor.ts'))).toMatch(
      /^src\/core must not import src\/http/,
    );
    expect(importProblem(at('src/db/tables/tracking.ts'), at('src/core/actor.ts'))).toMatch(
      /^src\/db must not import src\/core/,
    );
    expect(importProblem(at('src/db/index.ts'), at('src/http/app.ts'))).toMatch(/^src\/db must not import/);
    const sealed = 'src/core/identity/two-factor/totp.ts';
    expect(isInternal(at(sealed))).toBe(true);
    expect(importProblem(at('src/core/affiliates/create-affiliate.ts'), at(sealed))).toBe(
      `${sealed} is internal to src/core/identity: call one of its operations instead`,
    );
    expect(importProblem(at('src/http/routes/partner/two-factor.ts'), at(sealed))).toMatch(/is internal/);
    // Inside the feature, across its subdomains, and an operation file from anywhere: allowed.
    expect(importProblem(at('src/core/identity/two-factor/start-two-factor.ts'), at(sealed))).toBeNull();
    expect(importProblem(at('src/core/identity/sessions/sign-in.ts'), at(sealed))).toBeNull();
    expect(
      importProblem(
        at('src/core/affiliates/create-affiliate.ts'),
        at('src/core/identity/sign-up/sign-up.ts'),
      ),
    ).toBeNull();
  });
});
