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

/** Who may write SQL text through db/raw (the hot paths), besides db/ itself. */
const RAW_SQL_WRITERS = [
  '^apps/api/src/db/',
  `${MODULES}/posting/posting\\.statement\\.ts$`,
  `${MODULES}/numbering/series\\.repo\\.ts$`,
  `${MODULES}/organizations/gst-periods\\.repo\\.ts$`,
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
