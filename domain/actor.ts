// Who acts on a task: carried from the API's authenticated user into workflow updates and audit rows.
import { z } from 'zod';
import { roleSchema } from './roles';

export const actorSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  orgUnitId: z.string(),
  /** Org units whose tasks this actor may act on: their own unit and the units beneath it. */
  scopeOrgUnitIds: z.array(z.string()),
  /** The scope is the whole organisation (the actor's unit is the root): lists need no unit filter. */
  wholeTree: z.boolean().optional(),
});
export type Actor = z.infer<typeof actorSchema>;
