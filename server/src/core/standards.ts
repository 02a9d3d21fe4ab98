import plan from '../../../standards/plan.yaml';
import contract from '../../../standards/contract.yaml';
import sessionNote from '../../../standards/session-note.yaml';
import endingSummary from '../../../standards/ending-summary.yaml';
import rules from '../../../standards/rules.yaml';
import formats from '../../../standards/formats.yaml';
import vocabulary from '../../../standards/vocabulary.yaml';
import { loadCatalogue, type Catalogue, type PackSource } from './catalogue';

/** The catalogue shipped in `standards/`, embedded in the bundle (as JSON) so start-up reads and parses no YAML. */
export const BUILTIN_PACKS: readonly PackSource[] = [
  { name: 'standards/vocabulary.yaml', json: vocabulary },
  { name: 'standards/plan.yaml', json: plan },
  { name: 'standards/contract.yaml', json: contract },
  { name: 'standards/session-note.yaml', json: sessionNote },
  { name: 'standards/ending-summary.yaml', json: endingSummary },
  { name: 'standards/rules.yaml', json: rules },
  { name: 'standards/formats.yaml', json: formats },
];

let builtin: Catalogue | undefined;
export function builtinCatalogue(): Catalogue {
  return (builtin ??= loadCatalogue(BUILTIN_PACKS));
}
