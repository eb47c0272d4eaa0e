import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** Time-ordered, app-generated primary key (ULID), the same on SQLite and PostgreSQL. */
export function newId(): string {
  return nextUlid();
}
