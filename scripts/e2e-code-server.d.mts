// Types for scripts/e2e-code-server.mjs, imported by the TypeScript UI test.
export interface E2eTools { cache: string; node24: string; codeServer: string; playwright: string; chromium: string; nvim: string }
export interface CodeServer { url: string; port: number; userData: string; extensions: string; logPath: string; stop(): Promise<void> }
export const CHROMIUM_ARGS: string[];
export function freePort(): Promise<number>;
export function poll<T>(get: () => T | Promise<T>, what: string, timeoutMs?: number, everyMs?: number): Promise<NonNullable<T>>;
export function installVsix(tools: E2eTools, workDir: string, vsix: string): void;
export function startCodeServer(o: { tools: E2eTools; workDir: string; trust?: boolean; testDriver?: boolean; userDataDir?: string; extensionsDir?: string; env?: Record<string, string> }): Promise<CodeServer>;
