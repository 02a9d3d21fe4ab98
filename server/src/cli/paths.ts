import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The package root: bundles live in out/, next to docs/ and standards/. */
export const PACKAGE_ROOT = join(__dirname, '..');
export const DOCS_BASE = pathToFileURL(join(PACKAGE_ROOT, 'docs', 'rules')).href + '/';
