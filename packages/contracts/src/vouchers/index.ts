export * from './definition';
export * from './definition.schema';
export * from './registry';
export * from './schemas';
export * from './dating';
export * from './posting';
export * from './returns';
