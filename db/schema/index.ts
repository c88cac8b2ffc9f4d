export * from './organisations.ts';
export * from './users.ts';
export * from './sessions.ts';
export * from './contacts.ts';
export * from './slots.ts';
export * from './bookings.ts';
