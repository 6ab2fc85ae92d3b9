import { z } from 'zod';
import { pagedQuery } from '../application/queries/params.js';

/** `?unread=true&page=&pageSize=` of an inbox, for the API and the inbox page alike. */
export const inboxQuerySchema = pagedQuery({
  unread: z
    .union([z.boolean(), z.stringbool()], { error: 'unread 须为 true 或 false' })
    .optional()
    .meta({ description: 'true：只看未读通知' }),
});
