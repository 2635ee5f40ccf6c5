export * from './common';
export * from './execution';
export * from './sangong';
export * from './scores';
export * from './problems';
export * from './watch';
