/**
 * The import rules of apps/api/src and apps/web, checked by `npm run lint` (`depcruise`).
 * Why dependency-cruiser (pinned at 17.4.3, the last line that runs on Node 20; 18 needs 22):
 * one tool checks both cycles and forbidden imports, with path rules that name what they forbid
 * and why. Measured on the 2-core development machine over apps/api/src and apps/web together:
 * about 10 s and 230 MB, against 21 s for madge (cycles only, no forbidden-import rules) and 28 s
 * and 465 MB for eslint-plugin-import-x's `no-cycle` over apps/api/src alone. It has one
 * maintainer with a long record of releases, and no plugin chain to keep in step with ESLint.
 */
const MODULES = '^apps/api/src/modules';

/**
 * TEMPORARY, until "sec" finishes splitting auth and users into use-case files with small ports
 * (issue 13, item 3): the imports below reach into auth's and users' internals, or are made by
 * them. Each is named exactly; sec removes them (and this list) by importing from the modules'
 * index.ts doors. Nothing else may be added here.
 */
const SEC_TEMPORARY_ALLOWANCE = {
  'server.ts': ['modules/auth/super-admin.seed.ts'],
  'modules/auth/super-admin.seed.ts': ['modules/users/users.repo.ts'],
  'modules/auth/password-recovery.service.ts': ['modules/users/users.repo.ts'],
  'modules/auth/auth.service.ts': ['modules/audit/audit.writer.ts', 'modules/users/users.repo.ts'],
  'modules/auth/password-replace.ts': ['modules/audit/audit.writer.ts', 'modules/users/users.repo.ts'],
  'modules/users/new-account.ts': ['modules/audit/audit.writer.ts'],
  'modules/users/users.service.ts': ['modules/audit/audit.writer.ts', 'modules/organizations/organizations.repo.ts'],
  'modules/users/password-reset.service.ts': ['modules/audit/audit.writer.ts', 'modules/auth/password-replace.ts'],
  'modules/users/account-active.ts': ['modules/audit/audit.writer.ts', 'modules/auth/sessions.repo.ts'],
  'modules/organizations/create-licence.ts': ['modules/users/new-account.ts'],
  'modules/organizations/update-licence.ts': ['modules/users/users.repo.ts'],
  'modules/organizations/set-licence-status.ts': ['modules/auth/sessions.repo.ts', 'modules/users/users.repo.ts'],
};

/** Who may write SQL text through db/raw (the hot paths), besides db/ itself. */
const RAW_SQL_WRITERS = [
  '^apps/api/src/db/',
  `${MODULES}/posting/posting\\.statement\\.ts$`,
  `${MODULES}/numbering/series\\.repo\\.ts$`,
  `${MODULES}/stock/stock\\.repo\\.ts$`,
  `${MODULES}/vouchers/vouchers\\.repo\\.ts$`,
  '^apps/api/src/plugins/auth\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'No import cycles. Type-only imports are erased before anything runs (verbatimModuleSyntax), so a module door may name ' +
        "the composition root's AppDeps type without making a cycle.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'module-internals',
      severity: 'error',
      comment: "A module's index.ts is its only door (CONVENTIONS.md): import what it exports, never its other files.",
      from: { path: `${MODULES}/([^/]+)/` },
      to: { path: `${MODULES}/[^/]+/.+`, pathNot: [`${MODULES}/$1/`, `${MODULES}/[^/]+/index\\.ts$`] },
    },
    {
      name: 'module-internals-from-outside',
      severity: 'error',
      comment: 'Code outside modules/ (app, deps, cli, lib, plugins, test) uses a module through its index.ts too.',
      from: { path: '^apps/api/src/', pathNot: `${MODULES}/` },
      to: { path: `${MODULES}/[^/]+/.+`, pathNot: `${MODULES}/[^/]+/index\\.ts$` },
    },
    {
      name: 'raw-sql',
      severity: 'error',
      comment:
        'db/raw.ts reaches into the driver to send SQL text as named prepared statements: only the statements of the hot paths ' +
        '(the posting statement and the reads beside it, the session check) use it; everything else uses Drizzle.',
      from: { pathNot: RAW_SQL_WRITERS },
      to: { path: '^apps/api/src/db/raw\\.ts$' },
    },
    {
      name: 'database-drivers',
      severity: 'error',
      comment: 'Only db/ (and the harnesses that start or inspect databases) talks to the drivers directly.',
      from: { path: '^apps/api/src/', pathNot: ['^apps/api/src/(db|test)/'] },
      to: { path: 'node_modules/(pg|@electric-sql/pglite)/' },
    },
    {
      name: 'product-not-harness',
      severity: 'error',
      comment: 'The product does not import the test support (src/test) or the harnesses (apps/api/harness: drills, fuzzer).',
      from: { path: '^apps/api/src/', pathNot: ['^apps/api/src/test/', '\\.test\\.ts$'] },
      to: { path: '^apps/api/(src/test|harness)/' },
    },
    {
      name: 'web-layers',
      severity: 'error',
      comment: "The web app's lib/ is below features/, and features/ below app/ (pages): nothing imports upwards.",
      from: { path: '^apps/web/(lib|features)/' },
      to: { path: '^apps/web/app/' },
    },
    {
      name: 'web-lib-below-features',
      severity: 'error',
      from: { path: '^apps/web/lib/' },
      to: { path: '^apps/web/features/' },
    },
    {
      name: 'web-not-api',
      severity: 'error',
      comment: 'The web app shares only packages/contracts with the API (the browser tests excepted, which start it).',
      from: { path: '^apps/web/', pathNot: '^apps/web/e2e/' },
      to: { path: '^apps/api/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.dependency-cruiser.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.next)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};

const exact = (file) => `^apps/api/src/${file.replaceAll('.', '\\.')}$`;

/**
 * The allowance, file by file: each internals rule stops applying to the files it names, and a
 * copy of it applies to each such file with only that file's allowed targets excused.
 */
function withAllowance(rule) {
  const files = Object.keys(SEC_TEMPORARY_ALLOWANCE);
  const copies = files.map((file, i) => ({
    ...rule,
    name: `${rule.name}-allowance-${i + 1}`,
    // The rule's own pattern, limited to this file (a lookahead keeps the rule's $1: the importing module).
    from: { ...rule.from, path: `^(?=${exact(file).slice(1)})${rule.from.path.replace(/^\^/, '')}` },
    to: { ...rule.to, pathNot: [...[rule.to.pathNot].flat(), ...SEC_TEMPORARY_ALLOWANCE[file].map(exact)] },
  }));
  return [{ ...rule, from: { ...rule.from, pathNot: [...[rule.from.pathNot ?? []].flat(), ...files.map(exact)] } }, ...copies];
}

module.exports.forbidden = module.exports.forbidden.flatMap((rule) =>
  rule.name === 'module-internals' || rule.name === 'module-internals-from-outside' ? withAllowance(rule) : [rule],
);
