/**
 * npm run test:mutation [-- <part of a module path>...]: runs Stryker over each module listed in
 * mutation.config.json with only the test files listed beside it (stryker.config.json holds the
 * shared options), then prints the survivors and one line
 * `mutation_score=<n> modules=<n> survived=<n>`. Not part of CI: it takes minutes.
 *
 * Mutants listed under "equivalent" (the same behaviour whatever the tests do) are left out of
 * the score; each names its file, mutator, replacement and the original code, so it survives
 * the module's lines moving, and says why it is equivalent.
 *
 * MUTATION_CONCURRENCY (default 1) sets Stryker's concurrency: the machine is shared.
 * MUTATION_REUSE=1 scores a module's last report (.tmp/mutation/<feature-path>.json) instead of running it
 * again: for checking "equivalent" entries.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

interface ModuleEntry {
  file: string;
  tests: string[];
}
interface Equivalent {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  reason: string;
}
interface ReportMutant {
  mutatorName: string;
  replacement: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

const root = path.resolve(import.meta.dirname, '..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'mutation.config.json'), 'utf8')) as {
  modules: ModuleEntry[];
  equivalent: Equivalent[];
};
const base = JSON.parse(fs.readFileSync(path.join(root, 'stryker.config.json'), 'utf8'));
const only = process.argv.slice(2);
const modules = config.modules.filter((m) => only.length === 0 || only.some((o) => m.file.includes(o)));
if (modules.length === 0) throw new Error(`no module in mutation.config.json matches ${only.join(' ')}`);

const outDir = path.join(root, '.tmp', 'mutation');
fs.mkdirSync(outDir, { recursive: true });
const stryker = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');

/** The source text a mutant replaced (the report's lines and columns are both 1-based). */
function originalText(lines: string[], m: ReportMutant): string {
  const { start, end } = m.location;
  if (start.line === end.line) return lines[start.line - 1]!.slice(start.column - 1, end.column - 1);
  const parts = [lines[start.line - 1]!.slice(start.column - 1)];
  for (let l = start.line; l < end.line - 1; l++) parts.push(lines[l]!);
  parts.push(lines[end.line - 1]!.slice(0, end.column - 1));
  return parts.join('\n');
}

let killed = 0;
let counted = 0;
const survivors: string[] = [];
const perModule: string[] = [];
for (const entry of modules) {
  // postbacks-template, clicks-template: two modules may share a file name.
  const name = entry.file
    .replace(/^src\/core\//, '')
    .replace(/\.ts$/, '')
    .replaceAll('/', '-');
  const reportFile = path.join(outDir, `${name}.json`);
  const options = {
    ...base,
    mutate: [entry.file],
    testFiles: entry.tests,
    concurrency: Number(process.env.MUTATION_CONCURRENCY ?? base.concurrency ?? 1),
    jsonReporter: { fileName: path.relative(root, reportFile) },
  };
  const configFile = path.join(outDir, `${name}.stryker.json`);
  fs.writeFileSync(configFile, JSON.stringify(options, null, 2));
  console.log(`\n# ${entry.file} (${entry.tests.join(', ')})`);
  if (process.env.MUTATION_REUSE && fs.existsSync(reportFile))
    console.log('(the last report, not run again)');
  else {
    fs.rmSync(reportFile, { force: true });
    const run = spawnSync(process.execPath, [stryker, 'run', configFile], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0 || !fs.existsSync(reportFile)) {
      throw new Error(`stryker failed on ${entry.file} (exit ${run.status})`);
    }
  }
  const before = { killed, counted, survived: survivors.length };
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  for (const [file, result] of Object.entries(
    report.files as Record<string, { source: string; mutants: ReportMutant[] }>,
  )) {
    const relative = path.relative(root, path.resolve(root, file));
    // The source as mutated, not as it may be now: the module can change during a run.
    const lines = result.source.split('\n');
    for (const m of result.mutants) {
      if (m.status === 'Ignored' || m.status === 'CompileError') continue;
      const original = originalText(lines, m);
      const equivalent = config.equivalent.some(
        (e) =>
          e.file === relative &&
          e.mutator === m.mutatorName &&
          e.replacement === m.replacement &&
          e.original === original,
      );
      if (equivalent) continue;
      counted++;
      if (m.status === 'Killed' || m.status === 'Timeout' || m.status === 'RuntimeError') killed++;
      else {
        survivors.push(
          `${relative}:${m.location.start.line} ${m.status} ${m.mutatorName}: ${JSON.stringify(original)} -> ${JSON.stringify(m.replacement)}`,
        );
      }
    }
  }
  const moduleCounted = counted - before.counted;
  const moduleScore = moduleCounted === 0 ? 100 : ((killed - before.killed) / moduleCounted) * 100;
  perModule.push(
    `${entry.file} score=${moduleScore.toFixed(2)} mutants=${moduleCounted} survived=${survivors.length - before.survived}`,
  );
}

if (survivors.length) console.log(`\nSurviving mutants:\n${survivors.join('\n')}`);
console.log(`\n${perModule.join('\n')}`);
const score = counted === 0 ? 100 : (killed / counted) * 100;
console.log(`mutation_score=${score.toFixed(2)} modules=${modules.length} survived=${survivors.length}`);
