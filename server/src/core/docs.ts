/**
 * Where a rule's documentation lives; diagnostics link to it (codeDescription.href, SARIF helpUri).
 * The docs ship with the package, so the link is a file URL: following it needs no network.
 */
export function ruleDocUrl(id: string, base: string): string {
  return `${base.endsWith('/') ? base : base + '/'}${id}.md`;
}
