export declare const API_NODE_OPTIONS: string;
export declare function withApiNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
