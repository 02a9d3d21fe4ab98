// What bench/incremental.mjs needs, bundled by scripts/build.mjs into out/bench-index.js.
export { WorkspaceIndex } from '../server/src/workspace/index';
export { checkRecordFile } from '../server/src/workspace/checkFile';
export { ProfileSet } from '../server/src/workspace/profiles';
export { builtinCatalogue } from '../server/src/core/standards';
