export declare function buildIsStale(): string | null;
export declare function ensureBuilt(options?: { log?: (line: string) => void; stdio?: 'inherit' | 'ignore' | 'pipe' }): boolean;
