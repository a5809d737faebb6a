export declare function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string;
export declare const STATIC_SECURITY_HEADERS: { key: string; value: string }[];
export declare function isPageRequest(url: string, headers: Record<string, string | string[] | undefined>): boolean;
