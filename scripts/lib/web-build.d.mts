export declare const root: string;
export declare const webDir: string;
export declare const nextBin: string;
export declare const COMPLETE_MARKER: string;
export declare function buildNeeded(options?: { dir?: string }): string | null;
export declare function buildWebIfNeeded(options?: { quiet?: boolean; log?: (line: string) => void; dir?: string }): boolean;
