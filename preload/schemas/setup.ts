import { z } from 'zod';
import { EnvironmentSchema } from './common';

/** The setup meeting, in order. Each step's state is computed by the core from real data, never stored as "done". */
export const SETUP_STEPS = ['environment', 'connect', 'formats', 'mode', 'classes', 'mapping', 'test-export', 'done'] as const;
export const SetupStepIdSchema = z.enum(SETUP_STEPS);

export const SetupStepSchema = z.object({
  id: SetupStepIdSchema,
  title: z.string(),
  /** done: the core verified it; todo: not yet; blocked: an earlier step must be done first. */
  state: z.enum(['done', 'todo', 'blocked']),
  /** One line of what is set ("Connected to Craig's Rentals, realm 9130...") or what is missing. */
  summary: z.string(),
  problems: z.array(z.string()),
});

export const SetupStateSchema = z.object({
  environment: EnvironmentSchema,
  steps: z.array(SetupStepSchema),
  /** Where the wizard opens: the step the person last worked on, else the first one not done. */
  resumeAt: SetupStepIdSchema,
  complete: z.boolean(),
  completedAt: z.string().nullable(),
});

export type SetupStepId = z.output<typeof SetupStepIdSchema>;
export type SetupStep = z.output<typeof SetupStepSchema>;
export type SetupState = z.output<typeof SetupStateSchema>;
