import { Type } from 'typebox';
import { Int64 } from './common.js';

export const Cron = Type.Object(
  { name: Type.String(), schedule: Type.String(), next: Type.String({ format: 'date-time' }), prev: Type.String({ format: 'date-time' }), exec_times: Int64() },
  { $id: 'Cron', description: 'Cron represents a Cron task' },
);
