// npm run contract:check [-- <git ref>]: does openapi/openapi.json break clients of the last release?
// The base is the contract at the newest `v*` tag reachable from HEAD (or the ref given). Optic's
// breaking-changes rules, the engine of `optic diff --check`, compare the two offline; a breaking
// change passes only when the Unreleased section of CHANGELOG.md acknowledges it in its
// `contract-allow` block (one pattern a line, `*` for any text). Exit 0: nothing unacknowledged
// breaks; 1: something does; 2: nothing to compare with (no tag, or no contract at that ref).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkOpenAPIVersion, denormalize, parseOpenAPIFromRepoWithSourcemap, parseOpenAPIWithSourcemap, validateOpenApiV3Document } from '@useoptic/openapi-io';
import { compareSpecs, type RuleResult } from '@useoptic/openapi-utilities';
import { RuleRunner } from '@useoptic/rulesets-base';
import { BreakingChangesRuleset } from '@useoptic/standard-rulesets';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONTRACT = 'openapi/openapi.json';
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function stop(message: string): never {
  process.stderr.write(`contract:check: ${message}\n`);
  process.exit(2);
}

function baseRef(): string {
  const given = process.argv[2];
  if (given) return given;
  try {
    return git('describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', 'HEAD');
  } catch {
    return stop(
      'no release tag (v*) is reachable from HEAD, so there is no released contract to compare with and nothing was checked. ' +
        'A clone without tags needs `git fetch --tags`; or name the base yourself: npm run contract:check -- <git ref>',
    );
  }
}

type Spec = Parameters<typeof compareSpecs>[0];

async function load(parse: () => ReturnType<typeof parseOpenAPIWithSourcemap>): Promise<Spec> {
  const parsed = await parse();
  const version = checkOpenAPIVersion(parsed.jsonLike);
  validateOpenApiV3Document(parsed.jsonLike, parsed.sourcemap, { strictOpenAPI: true });
  return { ...denormalize(parsed, version), isEmptySpec: false } as Spec;
}

/** The glob patterns of the `contract-allow` block in the Unreleased section of CHANGELOG.md. */
function acknowledged(): string[] {
  const changelog = readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8');
  const unreleased = /^## Unreleased\b[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(changelog)?.[1] ?? '';
  return [...unreleased.matchAll(/^```contract-allow\n([\s\S]*?)^```/gm)]
    .flatMap((block) => block[1]!.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const globToRegExp = (glob: string) => new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
const finding = (result: RuleResult) => `${result.where}: ${(result.error ?? result.name).replace(/\s*This is a breaking change\.$/, '').replace(/\.$/, '')}`;

const ref = baseRef();
let commit = '';
try {
  commit = git('rev-parse', '--verify', `${ref}^{commit}`);
  git('cat-file', '-e', `${commit}:${CONTRACT}`);
} catch {
  stop(`${ref} is not a commit of this repository, or it has no ${CONTRACT}; nothing was checked.`);
}

const [before, after] = await Promise.all([
  // By commit id: Optic's git reader runs the revision through a shell.
  load(() => parseOpenAPIFromRepoWithSourcemap(CONTRACT, root, commit)),
  load(() => parseOpenAPIWithSourcemap(`${root}${CONTRACT}`)),
]);
const { results } = await compareSpecs(before, after, new RuleRunner([new BreakingChangesRuleset()]), {});
const failed = results.filter((r) => !r.passed && !r.exempted);
// A removed operation is one finding, not one more for each of its responses and properties.
const removed = failed.filter((r) => r.name === 'prevent operation removal').map((r) => `${r.where} `);
const breaking = failed.filter((r) => r.name === 'prevent operation removal' || !removed.some((op) => r.where.startsWith(op))).map(finding);
const patterns = acknowledged().map((glob) => ({ glob, test: globToRegExp(glob), count: 0 }));
const unacknowledged: string[] = [];
for (const line of breaking) {
  const pattern = patterns.find((p) => p.test.test(line));
  if (pattern) pattern.count++;
  else unacknowledged.push(line);
}

const out: string[] = [`${CONTRACT} against ${ref} (${commit.slice(0, 7)}): ${results.length} checks of Optic's breaking-changes rules, ${breaking.length} breaking.`];
const used = patterns.filter((p) => p.count > 0);
if (used.length > 0) {
  out.push('', 'Breaking, acknowledged in CHANGELOG.md (Unreleased):', ...used.map((p) => `  ${String(p.count).padStart(4)} × ${p.glob}`));
}
const unused = patterns.filter((p) => p.count === 0);
if (unused.length > 0) {
  out.push('', 'Acknowledged but not found (not landed yet, or no longer planned?):', ...unused.map((p) => `         ${p.glob}`));
}
if (unacknowledged.length > 0) {
  const shown = 60;
  out.push(
    '',
    `Breaking and NOT acknowledged (${unacknowledged.length}): fix the change, or, if it is intended, say so in CHANGELOG.md (Unreleased) and add a pattern to its contract-allow block:`,
    ...unacknowledged.slice(0, shown).map((line) => `  ${line}`),
    ...(unacknowledged.length > shown ? [`  … and ${unacknowledged.length - shown} more`] : []),
  );
}
const versions = [before, after].map((spec) => (spec.jsonLike.info as { version?: string }).version);
if (breaking.length > 0 && versions[0] === versions[1]) {
  out.push('', `Note: info.version is still ${versions[1]}; a release with breaking changes needs a new version (a minor one while it is 0.x).`);
}
process.stdout.write(`${out.join('\n')}\n`);
process.exitCode = unacknowledged.length > 0 ? 1 : 0;
