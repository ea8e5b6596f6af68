// The rules engine: legal deadlines, the breach clock, transfer validity and DPIA screening. Pure TypeScript,
// usable in the UI and the core; every result explains itself step by step and cites its rule.
export * from './breach-clock';
export * from './calendar';
export * from './dpia';
export * from './holidays';
export * from './instant';
export * from './jurisdiction-list';
export * from './rights-deadline';
export * from './schemas';
export * from './trace';
export * from './transfer-validity';
