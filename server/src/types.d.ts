declare module '*.yaml' {
  /** The file's data as JSON text (scripts/yamlPlugin.mjs converts it at build time). */
  const text: string;
  export default text;
}
