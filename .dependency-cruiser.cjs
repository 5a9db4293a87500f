// The allowed import directions between Atrium's folders, checked by `npm run lint` (and so by `npm test` and CI).
// docs/layers.md draws the same thing for people. Every rule is an error: a violation or any cycle fails the run.
//
//   contracts/            bottom: message shapes (zod), no platform
//   common/*.ts           pure rules shared by every process (above contracts)
//   common/node/          shared code that needs Node (agent, shell, HQ simulator only)
//   edge-agent/ renderer/ hq-sim/ electron/ shell/   the processes: each imports itself, contracts/, common/
//   tests/ bench/ scripts/ deploy/                   tools: may import anything
//
// Type-only imports count (tsPreCompilationDeps below): a type import still ties two folders together, and a
// type-only cycle is still a cycle a reader has to untangle.

/** The folders that run as (or build) a separate program; nothing in a process may reach into these. */
const TOOLS = 'tests|bench|scripts|deploy';

// The renderer's layers (see docs/layers.md). Lower folders serve every screen; "parts" are features that other
// features compose; "screens" are features that compose parts; app/ sits on top and picks the screen.
const RENDERER_LOWER = 'api|i18n|ui|format|session|feeds|styles|queue|lottery';
const RENDERER_PARTS = 'attract|directory|member|status';
const RENDERER_SCREENS = 'home|map|parking|staff|wall|survey|feedback';
const RENDERER_FEATURES = `${RENDERER_PARTS}|${RENDERER_SCREENS}`;
/** Vite's config is build tooling run by Node, not page code: it may use node:* (it still may not import other processes). */
const RENDERER_BUILD_CONFIG = '^renderer/vite\\.config\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means neither module can be read, tested or moved without the other; break it by moving the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment:
        'An import this check cannot resolve is one it cannot place in a layer, so it would pass unchecked. ' +
        "Vite's `?url` asset imports (wasm files handed to the page as URLs) are the one kind that is not a module.",
      from: {},
      to: { couldNotResolve: true, pathNot: '\\?url$' },
    },

    // ---- contracts/ and common/: the bottom of every process ----
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      comment:
        'contracts/ is compiled into every process (agent, renderer, shell, HQ simulator), so it may use only itself and zod: ' +
        'no node:*, no other npm package, no project folder. (DOM types are kept out by contracts/tsconfig.json lib.)',
      from: { path: '^contracts/' },
      to: { pathNot: ['^contracts/', '^node_modules/zod/'] },
    },
    {
      name: 'common-pure-stays-pure',
      severity: 'error',
      comment:
        'common/*.ts is compiled by the renderer too, so it may use only contracts/, other pure common/*.ts files and zod ' +
        '(nothing from Node, no other npm package, never common/node/).',
      from: { path: '^common/[^/]+$' },
      to: { pathNot: ['^contracts/', '^common/[^/]+$', '^node_modules/zod/'] },
    },
    {
      name: 'common-node-below-processes',
      severity: 'error',
      comment: 'common/node/ is shared by the Node processes, so it sits below all of them and may not reach into any.',
      from: { path: '^common/node/' },
      to: { path: `^(edge-agent|renderer|hq-sim|electron|shell|${TOOLS})/` },
    },

    // ---- the processes: each imports itself, contracts/ and common/ ----
    {
      name: 'renderer-only-own-contracts-common',
      severity: 'error',
      comment:
        'The kiosk page runs in a browser: it may import renderer/, contracts/ and the pure common/*.ts, never common/node/ ' +
        'or another process. Anything it needs from the agent comes over the local API.',
      from: { path: '^renderer/' },
      to: { path: [`^(common/node|edge-agent|hq-sim|electron|shell|${TOOLS})/`] },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      comment: 'The kiosk page runs in a browser, where node:* modules do not exist.',
      from: { path: '^renderer/', pathNot: RENDERER_BUILD_CONFIG },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'agent-only-own-contracts-common',
      severity: 'error',
      comment:
        'The edge agent is its own Node process: it may import edge-agent/, contracts/ and common/ (incl. common/node/), ' +
        'never the renderer, the shell or the HQ simulator (those talk to it over the local API or MQTT).',
      from: { path: '^edge-agent/' },
      to: { path: `^(renderer|hq-sim|electron|shell|${TOOLS})/` },
    },
    {
      name: 'hq-sim-only-own-contracts-common',
      severity: 'error',
      comment:
        'The HQ simulator stands in for a different machine: it may import hq-sim/, contracts/ and common/, never the ' +
        "agent's source (or the kiosk would carry HQ's code and HQ would test the kiosk's copy of a rule against itself).",
      from: { path: '^hq-sim/' },
      to: { path: `^(edge-agent|renderer|electron|shell|${TOOLS})/` },
    },
    {
      name: 'shell-only-own-contracts-common',
      severity: 'error',
      comment:
        'The shell (electron/, moving to shell/: both paths are one process for now, so they may import each other) ' +
        'supervises the agent and hosts the page; it may import itself, contracts/ and common/, never their source.',
      from: { path: '^(electron|shell)/' },
      to: { path: `^(edge-agent|renderer|hq-sim|${TOOLS})/` },
    },

    // ---- inside the edge agent: domain folders below api/ and sync/ ----
    {
      name: 'agent-domain-below-transports',
      severity: 'error',
      comment:
        'Domain folders (catalog, db, decision, demo, expression, members, staff, wall, settings, ...) hold the rules; ' +
        'api/ (local HTTP) and sync/ (MQTT) are transports on top of them. A domain that imports a transport cannot be ' +
        'used or tested without it, and the transport ends up importing itself through the domain.',
      from: { path: '^edge-agent/src/(?!api/|sync/)[^/]+/' },
      to: { path: '^edge-agent/src/(api|sync)/' },
    },
    {
      name: 'agent-sync-below-api',
      severity: 'error',
      comment: 'sync/ runs without the local API (and is tested that way); the API may read sync state, not the other way round.',
      from: { path: '^edge-agent/src/sync/' },
      to: { path: '^edge-agent/src/api/' },
    },
    {
      name: 'agent-wiring-only-from-main',
      severity: 'error',
      comment: 'agent.ts wires every part together; only main.ts (the process entry) starts it. Parts get what they need passed in.',
      from: { path: '^edge-agent/', pathNot: '^edge-agent/src/main\\.ts$' },
      to: { path: '^edge-agent/src/agent\\.ts$' },
    },

    // ---- inside the renderer: lower folders < parts < screens < app ----
    {
      name: 'renderer-lower-below-features',
      severity: 'error',
      comment:
        `The lower folders (${RENDERER_LOWER.replaceAll('|', ', ')}) serve every screen, so they may not import a feature or app/: ` +
        'a feature that needs something from another feature moves that thing down here.',
      from: { path: `^renderer/src/(${RENDERER_LOWER})/` },
      to: { path: `^renderer/src/(${RENDERER_FEATURES}|app)/` },
    },
    {
      name: 'renderer-features-below-app',
      severity: 'error',
      comment:
        'app/ picks the screen and so imports every feature; a feature that imports app/ makes a loop through the whole page. ' +
        'What features need from app/ (connection state, failure reporting, shared polls) lives in a lower folder.',
      from: { path: '^renderer/src/', pathNot: ['^renderer/src/app/', '^renderer/src/main\\.tsx$'] },
      to: { path: '^renderer/src/app/' },
    },
    {
      name: 'renderer-parts-stand-alone',
      severity: 'error',
      comment:
        `Parts (${RENDERER_PARTS.replaceAll('|', ', ')}) are composed by screens and app/, so they import only themselves and lower folders.`,
      from: { path: `^renderer/src/(${RENDERER_PARTS})/` },
      to: { path: `^renderer/src/(${RENDERER_FEATURES})/`, pathNot: '^renderer/src/$1/' },
    },
    {
      name: 'renderer-screens-not-each-other',
      severity: 'error',
      comment:
        `Screens (${RENDERER_SCREENS.replaceAll('|', ', ')}) may compose parts but never import another screen: ` +
        'what two screens share belongs in a part or a lower folder.',
      from: { path: `^renderer/src/(${RENDERER_SCREENS})/` },
      to: { path: `^renderer/src/(${RENDERER_SCREENS})/`, pathNot: '^renderer/src/$1/' },
    },
  ],
  options: {
    // tests/, bench/, scripts/ and deploy/ may import anything; they are still checked for cycles when given on the command line.
    doNotFollow: { path: 'node_modules' },
    // node_modules may be a symlink to a shared install: keep the path as written, so `^node_modules/zod/` matches.
    preserveSymlinks: true,
    // `import type` counts: see the top of this file.
    tsPreCompilationDeps: true,
    // The imports carry their .ts/.tsx extension, so no tsconfig path mapping is needed to resolve them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.cts', '.mts', '.js', '.cjs', '.mjs', '.d.ts'],
    },
    exclude: { path: ['^dist/', '^reports/', '^test-results/'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
