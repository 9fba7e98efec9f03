/**
 * The layout's boundaries, checked by `npm run lint`. A feature is a folder under src/ (candidates,
 * interviews, …); web/, shared/, db/, events/ and i18n/ are the infrastructure they stand on.
 */
const INFRASTRUCTURE = '(web|shared|db|events|i18n)';
/** Edge files: they speak HTTP (Express, forms, pages) for their feature. */
const EDGE = '\\.(routes|middleware|forms|views)\\.ts$';
/** Files that adapt the web framework itself (sign-in, sessions, the route table). */
const WEB_ADAPTERS = '^src/(auth/(guard|passport|route-table)|sessions/db-session-store)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'web-knows-no-feature',
      comment: 'src/web/ turns requests into calls and errors into pages; it must not know any feature.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: `^src/(web|shared|i18n)/` },
    },
    {
      name: 'shared-knows-no-feature',
      comment: 'src/shared/ (domain errors, ids, CSV) is used by every feature and depends on none.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/(shared|i18n)/' },
    },
    {
      name: 'core-speaks-no-http',
      comment: 'Domain, repository, service, use-case and event files import nothing from Express, the upload parser or src/web/: only routes, forms, views and middleware do.',
      severity: 'error',
      from: { path: `^src/(?!${INFRASTRUCTURE}/)[^/]+/`, pathNot: [EDGE, WEB_ADAPTERS] },
      to: { path: ['^src/web/', 'node_modules/(express|multer|passport|express-session)/'] },
    },
    {
      name: 'repository-belongs-to-its-feature',
      comment: "A feature's repository is used only by its own feature; others read through its service or use cases. The demo company is fixture data written straight to the tables.",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/demo/' },
      to: { path: '^src/[^/]+/[^/]+\\.repository\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'repositories-import-no-feature',
      comment: 'A repository is SQL for its own tables: it imports its feature, the database and shared code, and the access rules it filters by (auth/permissions, scopes, independence).',
      severity: 'error',
      from: { path: '^src/([^/]+)/[^/]+\\.repository\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/$1/', `^src/${INFRASTRUCTURE}/`, '^src/auth/(permissions|scopes|independence)\\.ts$'] },
    },
    {
      name: 'report-totals-behind-their-handler',
      comment: "Report totals are kept by the reports feature's event handler; no other feature writes or rebuilds them.",
      severity: 'error',
      from: { path: '^src/(?!reports/|demo/)', pathNot: '^src/(event-handlers|maintenance|server)\\.ts$' },
      to: { path: '^src/reports/(calibration-totals|pipeline-totals|totals-store|report-totals)\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
