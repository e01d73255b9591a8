import type { Plugin } from 'vite';

export declare const root: string;
export declare const oxcOptions: {
  decorator: { legacy: boolean };
  assumptions: { setPublicClassFields: boolean };
  typescript: { removeClassFieldsWithoutInitializer: boolean };
};
export declare const externalDependencies: RegExp[];
export declare const emojiDataSources: Record<'es' | 'en' | 'pt', string>;
export declare function emojiDataFile(lang: string): string | null;
export declare function emojiDataETag(file: string): string;
export declare function fileETag(stats: { size: number; mtimeMs: number }): string;
export declare function emojiDataForPath(pathname: string): string | null;
export declare function emojiDataPlugin(options?: { dir?: string }): Plugin;
