import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CatalogueError, type Catalogue } from '../core/catalogue';
import { ROLE_PROFILES, type RoleProfile } from '../core/schema/config';
import type { SeveritySettings } from '../core/severity';
import { builtinCatalogue } from '../core/standards';
import { findConfig, loadConfig, type LoadedConfig } from '../workspace/config';
import { UsageError, type ParsedArgs } from './args';

export interface RunSettings {
  config?: LoadedConfig;
  cat: Catalogue;
  severity: SeveritySettings;
  privacyAllow: readonly string[];
}

/**
 * What `check` and `report` both run with: `--config FILE` or the nearest `.group-records.yaml`
 * above the first path, its catalogue, and the role profile (`--profile` wins over the file's).
 * Undefined (after saying why) when the catalogue itself is broken.
 */
export function runSettings(args: ParsedArgs, paths: readonly string[]): RunSettings | undefined {
  const profileOpt = args.options.get('profile') as string | undefined;
  if (profileOpt !== undefined && !(ROLE_PROFILES as readonly string[]).includes(profileOpt)) throw new UsageError('--profile must be student, worker or supervisor');
  const configOpt = args.options.get('config') as string | undefined;
  if (configOpt !== undefined && !existsSync(configOpt)) throw new UsageError(`--config ${configOpt}: no such file`);
  const configPath = configOpt ?? findConfig(resolve(paths[0]));
  const config = configPath ? loadConfig(configPath) : undefined;
  let cat: Catalogue;
  try { cat = config?.catalogue ?? builtinCatalogue(); } catch (err) {
    if (err instanceof CatalogueError) { process.stderr.write(`group-records: the standards catalogue is invalid:\n${err.message}\n`); return undefined; }
    throw err;
  }
  return {
    config, cat, privacyAllow: config?.config.privacy.allow ?? [],
    severity: { profile: (profileOpt as RoleProfile | undefined) ?? config?.config.profile ?? 'worker', rules: config?.config.rules ?? {} },
  };
}
