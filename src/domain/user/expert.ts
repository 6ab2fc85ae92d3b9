import type { z } from 'zod';
import { idSchema, taxonomyCodes, text } from '../shared/fields.js';
import { newCredentialsSchema } from './commands.js';

/** POST /api/v1/experts: staff make an expert account; the password is changed at first sign-in. */
export const newExpertSchema = newCredentialsSchema.extend({
  name: text('姓名', { min: 2, max: 30 }),
  technologies: taxonomyCodes('technology', { min: 1, max: 8 }),
  affiliation: idSchema
    .optional()
    .meta({ description: '专家所属机构的编号（如有）；专家不评审本机构服务商的申请' }),
});
export type NewExpert = z.output<typeof newExpertSchema>;
