import type { CreateTableBuilder } from 'kysely';
import type { Dialect } from '../connect.js';

/** Adds an auto-incrementing 64-bit `id` primary key in the dialect's own way. */
export function idColumn<T extends string>(table: CreateTableBuilder<T, never>, dialect: Dialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
