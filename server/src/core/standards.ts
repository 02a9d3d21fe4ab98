import plan from '../../../standards/plan.yaml';
import contract from '../../../standards/contract.yaml';
import sessionNote from '../../../standards/session-note.yaml';
import endingSummary from '../../../standards/ending-summary.yaml';
import rules from '../../../standards/rules.yaml';
import formats from '../../../standards/formats.yaml';
import vocabulary from '../../../standards/vocabulary.yaml';
import { loadCatalogue, type Catalogue, type PackSource } from './catalogue';

/** The catalogue shipped in `standards/`, embedded in the bundle so start-up reads no files. */
export const BUILTIN_PACKS: readonly PackSource[] = [
  { name: 'standards/vocabulary.yaml', text: vocabulary },
  { name: 'standards/plan.yaml', text: plan },
  { name: 'standards/contract.yaml', text: contract },
  { name: 'standards/session-note.yaml', text: sessionNote },
  { name: 'standards/ending-summary.yaml', text: endingSummary },
  { name: 'standards/rules.yaml', text: rules },
  { name: 'standards/formats.yaml', text: formats },
];

let builtin: Catalogue | undefined;
export function builtinCatalogue(): Catalogue {
  return (builtin ??= loadCatalogue(BUILTIN_PACKS));
}
