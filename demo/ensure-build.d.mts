export declare function buildIsStale(): string | null;
export declare function ensureBuilt(options?: { log?: (line: string) => void }): Promise<boolean>;
