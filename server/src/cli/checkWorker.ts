import { parentPort, workerData } from 'node:worker_threads';
import { builtinCatalogue } from '../core/standards';
import { ProfileSet, type SharedProfile } from '../workspace/profiles';
import { checkFiles } from './checkFiles';

const { profiles, cwd, privacyAllow } = workerData as { profiles: SharedProfile[]; cwd: string; privacyAllow: string[] };
const cat = builtinCatalogue();
const set = ProfileSet.from(profiles);

parentPort!.on('message', (m: { files: string[] }) => {
  try {
    parentPort!.postMessage({ results: checkFiles(m.files, cat, set, cwd, privacyAllow) });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).stack ?? String(err) });
  }
});
