import type { Plugin } from 'vite';

export declare function collectPrivateNames(options?: { srcDir?: string }): {
  /** Names that can be renamed, most used first. */
  names: string[];
  /** Names left alone, with the reason. */
  kept: Map<string, string>;
  /** Property names a short name must never be. */
  reserved: Set<string>;
};
export declare function privateNameMap(options?: { srcDir?: string }): { cache: Record<string, string>; kept: Map<string, string> };
export declare function manglePrivateNamesPlugin(options?: { log?: (line: string) => void }): Plugin;
