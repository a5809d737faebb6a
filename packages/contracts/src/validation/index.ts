export * from './identifiers';
export * from './states';
