/** Snippet syntax (`${1:text}`, `$1`, `${1|a,b|}`) → the plain text a quick fix inserts. */
export function expandSnippet(s: string): string {
  let out = s;
  // Inner placeholders first, so nested ones resolve from the inside out.
  for (let i = 0; i < 5 && /\$\{\d+[:|]/.test(out); i++) {
    out = out.replace(/\$\{\d+:([^${}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1');
  }
  return out.replace(/\$\{\d+\}|\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}
