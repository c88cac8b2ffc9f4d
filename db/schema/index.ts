export * from './organisations.ts';
export * from './users.ts';
export * from './sessions.ts';
export * from './contacts.ts';
