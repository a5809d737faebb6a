export declare const root: string;
export declare const webDir: string;
export declare const nextBin: string;
export declare function buildNeeded(): string | null;
export declare function buildWebIfNeeded(options?: { quiet?: boolean; log?: (line: string) => void }): boolean;
