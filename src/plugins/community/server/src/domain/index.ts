export * from './cursor';
export * from './hot';
export * from './reports';
export * from './threads';
