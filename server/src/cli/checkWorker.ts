import { parentPort, workerData } from 'node:worker_threads';
import { builtinCatalogue } from '../core/standards';
import { loadConfig } from '../workspace/config';
import { ProfileSet, type SharedProfile } from '../workspace/profiles';
import { checkFiles } from './checkFiles';

const { profiles, privacyAllow, configPath } = workerData as { profiles: SharedProfile[]; privacyAllow: string[]; configPath?: string };
// The same catalogue as the main thread: built-in, or extended by the configuration's packs.
const cat = configPath ? loadConfig(configPath).catalogue : builtinCatalogue();
const set = ProfileSet.from(profiles);

parentPort!.on('message', (m: { files: string[] }) => {
  try {
    parentPort!.postMessage({ results: checkFiles(m.files, cat, set, privacyAllow) });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).stack ?? String(err) });
  }
});
