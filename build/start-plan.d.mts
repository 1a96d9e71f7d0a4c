// Types for build/start-plan.mjs (imported by test/electron/start-plan.test.ts).
export const FALLBACK_MESSAGE: string;
export function electronExecutable(platform: string): string;
export type StartPlan =
  | { kind: 'electron'; executable: string; args: string[] }
  | { kind: 'browser'; message: string; command: string; args: string[] };
export function planStart(o: {
  root: string; env: Record<string, string | undefined>; platform: string; args: string[];
  exists: (file: string) => boolean; readText: (file: string) => string | undefined; nodePath: string;
}): StartPlan;
