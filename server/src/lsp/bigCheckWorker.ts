import { parentPort } from 'node:worker_threads';
import type { Catalogue } from '../core/catalogue';
import { builtinCatalogue } from '../core/standards';
import { checkRecordFile } from '../workspace/checkFile';
import { loadConfig } from '../workspace/config';
import { toCheckedRecord } from '../workspace/index';
import { ProfileSet } from '../workspace/profiles';
import type { BigCheckJob } from './backgroundCheck';

// Catalogues by configuration file: loading one (packs included) costs more than a check.
const catalogues = new Map<string, Catalogue>();

parentPort!.on('message', (job: BigCheckJob) => {
  try {
    const cat = job.configPath ? (catalogues.get(job.configPath) ?? catalogues.set(job.configPath, loadConfig(job.configPath, { trusted: job.trusted }).catalogue).get(job.configPath)!) : builtinCatalogue();
    const c = checkRecordFile(job.path, { text: job.text }, cat, ProfileSet.from(job.profiles), job.privacyAllow);
    parentPort!.postMessage({ id: job.id, checked: toCheckedRecord(c) });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: (err as Error)?.stack ?? String(err) });
  }
});
