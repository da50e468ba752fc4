// Types for scripts/serve-dist.mjs (plain JS so Node runs it without a build step).
import type { Server } from 'node:http';

export interface HeaderRule {
  pattern: RegExp;
  headers: [string, string][];
}
export function parseHeadersFile(text: string): HeaderRule[];
export function headersFor(rules: HeaderRule[], path: string): Record<string, string>;

export const CSP_REPORT_PATH: string;

export interface ServedSite {
  server: Server;
  /** Ends with "/". */
  url: string;
  close(): Promise<void>;
  /** CSP violation reports received (only with collectCspReports). */
  cspReports: unknown[];
}
export function serveDist(options?: {
  dir?: string;
  port?: number;
  widgetDir?: string;
  host?: string;
  collectCspReports?: boolean;
}): Promise<ServedSite>;

export function buildForTests(options?: { dir?: string; widgetDir?: string }): { dir: string; widgetDir: string };
