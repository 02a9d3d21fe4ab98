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
    // As UTF-8 JSON, handed over without a copy: the main thread keeps it as one block outside its
    // heap until every chunk is in, instead of thousands of young objects that would grow its heap
    // next to the workers'. (As a string it would take two bytes a character: messages have “”.)
    const json = new TextEncoder().encode(JSON.stringify(checkFiles(m.files, cat, set, privacyAllow)));
    parentPort!.postMessage({ json }, [json.buffer]);
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).stack ?? String(err) });
  }
});
