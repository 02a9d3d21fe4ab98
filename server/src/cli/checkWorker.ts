import { parentPort, workerData } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';
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
    // As deflated UTF-8 JSON, handed over without a copy: the main thread keeps it as one block
    // outside its heap until every chunk is in, instead of thousands of young objects that would
    // grow its heap next to the workers'. Findings repeat the same messages record after record:
    // deflated, a chunk is about a tenth of its JSON, so what waits grows little with the corpus.
    const packed = deflateRawSync(JSON.stringify(checkFiles(m.files, cat, set, privacyAllow)), { level: 1 });
    // A copy with its own buffer: zlib's output may share one, and only a whole buffer moves.
    const json = new Uint8Array(packed);
    parentPort!.postMessage({ json }, [json.buffer]);
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).stack ?? String(err) });
  }
});
